# Every cmdlet's help has at least two examples that run as written: those that use the built-in
# synthetic benchmark (./synthetic) rather than the real download (./AVATAR) or a user's .onnx file.
BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../module/AvatarTools.psd1')
    $script:cases = foreach ($cmdlet in $manifest.CmdletsToExport) {
        $source = Import-PowerShellDataFile (Join-Path $PSScriptRoot "../../src/AvatarTools/Help/$cmdlet.psd1")
        $number = 0
        foreach ($example in $source.Examples) {
            $number++
            if ($example.Code -cnotmatch '\./AVATAR\b|\.onnx') {
                @{ Cmdlet = $cmdlet; Number = $number; Title = $example.Title; Code = $example.Code }
            }
        }
    }
    $script:counts = foreach ($cmdlet in $manifest.CmdletsToExport) {
        @{ Cmdlet = $cmdlet; Runnable = @($script:cases | Where-Object { $_.Cmdlet -eq $cmdlet }).Count }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:fixture = Join-Path $TestDrive 'fixture'
    New-AvatarSyntheticSet -Path $script:fixture -ClipCount 4 | Out-Null
}

Describe 'Help examples' {
    It '<Cmdlet> has at least two examples that run on the synthetic benchmark' -ForEach $script:counts {
        $Runnable | Should -BeGreaterOrEqual 2
    }

    It '<Cmdlet> example <Number> runs: <Title>' -ForEach $script:cases {
        if ($Code -match '-Layout Release' -and -not (Get-Command ffmpeg -CommandType Application -ErrorAction SilentlyContinue) -and $env:CI -ne 'true') {
            Set-ItResult -Skipped -Because 'the release layout needs ffmpeg (apt-get install ffmpeg)'
            return
        }
        $work = Join-Path $TestDrive "$Cmdlet-$Number"
        New-Item -ItemType Directory $work | Out-Null
        if ($Code -notmatch 'New-AvatarSyntheticSet') {
            Copy-Item $script:fixture (Join-Path $work 'synthetic') -Recurse
        }
        Push-Location $work
        try {
            $ErrorActionPreference = 'Stop'
            $output = & ([scriptblock]::Create($Code)) 6>$null
            $null = $output | Out-String
        }
        finally {
            Pop-Location
        }
    }
}
