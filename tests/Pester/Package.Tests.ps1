# The module packaged as build.ps1 -Task Package does it, then saved and installed from a local
# folder repository with PSResourceGet, as a user would.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:moduleFolder = Split-Path (Get-Item ($env:AVATARTOOLS_MODULE ?? (Join-Path $PSScriptRoot '../../out/AvatarTools/AvatarTools.psd1'))).FullName
    $script:repository = Join-Path $TestDrive 'repository'
    New-Item -ItemType Directory $script:repository | Out-Null
    Compress-PSResource -Path $script:moduleFolder -DestinationPath $script:repository
    $script:repositoryName = 'AvatarToolsTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $script:repositoryName -Uri $script:repository -Trusted
}

AfterAll {
    Unregister-PSResourceRepository -Name $script:repositoryName -ErrorAction SilentlyContinue
}

Describe 'The package' {
    It 'is a versioned .nupkg named after the module' {
        $version = (Import-PowerShellDataFile (Join-Path $script:moduleFolder 'AvatarTools.psd1')).ModuleVersion
        (Get-ChildItem $script:repository -Filter *.nupkg).Name | Should -Be "AvatarTools.$version.nupkg"
    }

    It 'holds only the files the module needs' {
        $nupkg = Get-ChildItem $script:repository -Filter *.nupkg
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try {
            $names = $zip.Entries.FullName | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|AvatarTools\.nuspec$)' } | Sort-Object
        }
        finally {
            $zip.Dispose()
        }
        $expected = Get-ChildItem $script:moduleFolder -Recurse -File | ForEach-Object { [System.IO.Path]::GetRelativePath($script:moduleFolder, $_.FullName) -replace '\\', '/' } | Sort-Object
        $names | Should -Be $expected
        # The loader beside the manifest; the cmdlets, the core and every dependency in the private bin/.
        $names | Should -Contain 'AvatarTools.psm1'
        $names | Should -Contain 'AvatarTools.Loader.dll'
        $names | Should -Contain 'bin/AvatarTools.dll'
        $names | Should -Contain 'bin/AvatarTools.Core.dll'
        $names | Where-Object { $_ -match '\.dll$' -and $_ -notmatch '/' } | Should -Be 'AvatarTools.Loader.dll'
        $names | Should -Contain 'en-US/AvatarTools.dll-Help.xml'
        $names | Where-Object { $_ -match '\.(pdb|deps\.json|xml)$' -and $_ -notmatch 'Help\.xml$' } | Should -BeNullOrEmpty
    }

    It 'is found and saved by Save-PSResource from a local folder repository' {
        $found = Find-PSResource -Name AvatarTools -Repository $script:repositoryName
        $found.Name | Should -Be 'AvatarTools'
        $saved = Join-Path $TestDrive 'saved'
        New-Item -ItemType Directory $saved | Out-Null
        Save-PSResource -Name AvatarTools -Repository $script:repositoryName -Path $saved -TrustRepository
        $manifest = Get-ChildItem $saved -Recurse -Filter AvatarTools.psd1 | Select-Object -First 1
        $manifest | Should -Not -BeNullOrEmpty
        (Test-ModuleManifest $manifest.FullName).ExportedCmdlets.Keys | Should -Contain 'Measure-AvatarScore'
    }

    It 'is installed by Install-PSResource and the installed module runs' {
        Install-PSResource -Name AvatarTools -Repository $script:repositoryName -TrustRepository -Scope CurrentUser -Reinstall -Quiet
        try {
            $installed = Get-InstalledPSResource -Name AvatarTools -Scope CurrentUser
            $installed.Name | Should -Be 'AvatarTools'
            $psd1 = Join-Path $installed.InstalledLocation 'AvatarTools.psd1'
            if (-not (Test-Path $psd1)) { $psd1 = Get-ChildItem $installed.InstalledLocation -Recurse -Filter AvatarTools.psd1 | Select-Object -First 1 -ExpandProperty FullName }
            # A fresh process: this one has the module under test loaded already.
            $count = Start-Job { Import-Module $using:psd1; (Get-Command -Module AvatarTools).Count } | Receive-Job -Wait -AutoRemoveJob
            $count | Should -Be (Import-PowerShellDataFile $psd1).CmdletsToExport.Count
        }
        finally {
            Uninstall-PSResource -Name AvatarTools -Scope CurrentUser -SkipDependencyCheck -ErrorAction SilentlyContinue
        }
    }
}
