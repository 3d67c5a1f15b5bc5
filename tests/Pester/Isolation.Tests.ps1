# The module keeps its dependencies to itself: only AvatarTools.Loader.dll goes into PowerShell's default
# assembly load context, everything else into the module's own. Each case runs in a fresh process (a job), with
# older versions of two dependencies restored from NuGet and loaded first, as another module would have them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:manifestPath = (Get-Item ($env:AVATARTOOLS_MODULE ?? (Join-Path $PSScriptRoot '../../out/AvatarTools/AvatarTools.psd1'))).FullName
    $script:moduleFolder = Split-Path $script:manifestPath

    # Older than the module's CsvHelper 34 (reads frame_rates.csv, writes the report's CSVs) and Google.Protobuf
    # 3.36 (writes the built-in ONNX models). Either one, loaded first into the default context, broke the module
    # when it shipped its assemblies beside the manifest: "The located assembly's manifest definition does not
    # match the assembly reference".
    $script:older = @(
        @{ Package = 'CsvHelper'; Version = '30.0.1'; Library = 'lib/net6.0/CsvHelper.dll'; Assembly = '30.0.0.0' }
        @{ Package = 'Google.Protobuf'; Version = '3.25.1'; Library = 'lib/net5.0/Google.Protobuf.dll'; Assembly = '3.25.1.0' }
    )
    $project = Join-Path $TestDrive 'older-dependencies'
    New-Item -ItemType Directory $project | Out-Null
    $downloads = ($script:older | ForEach-Object { "    <PackageDownload Include=`"$($_.Package)`" Version=`"[$($_.Version)]`" />" }) -join "`n"
    Set-Content (Join-Path $project 'older.csproj') @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
$downloads
  </ItemGroup>
</Project>
"@
    $restore = dotnet restore (Join-Path $project 'older.csproj') --nologo 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "Restoring the older dependencies from NuGet failed:`n$($restore -join "`n")"
    }
    $packages = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:olderFolder = Join-Path $TestDrive 'older'
    New-Item -ItemType Directory $script:olderFolder | Out-Null
    foreach ($dependency in $script:older) {
        $library = Join-Path $packages "$($dependency.Package.ToLowerInvariant())/$($dependency.Version)/$($dependency.Library)"
        Copy-Item $library $script:olderFolder
        $dependency.Path = Join-Path $script:olderFolder (Split-Path $library -Leaf)
    }

    $script:dataset = Join-Path $TestDrive 'synthetic'
    Set-Content (Join-Path $TestDrive 'clip_rates.csv') "clip_id,fps`nclip_a,25`nclip_b,10`n"

    # Runs a script block in a fresh pwsh process and returns its output; an error in it fails the test.
    function Invoke-FreshSession {
        param([scriptblock] $Script, [object[]] $Arguments)
        $job = Start-Job -ScriptBlock $Script -ArgumentList $Arguments
        try {
            $job | Wait-Job -Timeout 300 | Out-Null
            $job.State | Should -Be 'Completed' -Because ($job.ChildJobs[0].JobStateInfo.Reason.Message ?? 'the job finished')
            $job | Receive-Job -ErrorAction Stop
        }
        finally {
            $job | Remove-Job -Force
        }
    }

    # The module's work in a session: a synthetic set, its frames (with times from frame_rates.csv, read through
    # CsvHelper), the built-in Center model (an ONNX graph written through Google.Protobuf) and a report (CSVs
    # written through CsvHelper).
    $script:evaluate = {
        param($ManifestPath, $Dataset, $ReportPath)
        $ErrorActionPreference = 'Stop'
        Import-Module $ManifestPath
        if (-not (Test-Path $Dataset)) { New-AvatarSyntheticSet -Path $Dataset -ClipCount 1 | Out-Null }
        $frames = @(Get-AvatarFrame $Dataset)
        $localizations = @($frames | Invoke-AvatarLocalization -Model Center)
        $scores = @($localizations | Measure-AvatarScore)
        $report = $localizations | Export-AvatarReport $ReportPath
        [pscustomobject]@{
            Frames        = $frames.Count
            TimedFrames   = @($frames | Where-Object { $null -ne $_.Time }).Count
            Localizations = $localizations.Count
            TotalFrames   = ($scores | Where-Object Group -EQ 'Total').Frames
            ScoresCsvRows = @(Import-Csv (Join-Path $ReportPath 'scores.csv')).Count
            Report        = $report.Name
        }
    }
}

Describe 'Versions' {
    It 'asks for PowerShell 7.4, the first PowerShell on .NET 8, which the assemblies target' {
        (Test-ModuleManifest $script:manifestPath).PowerShellVersion | Should -Be ([version]'7.4')
        $probe = [System.Runtime.Loader.AssemblyLoadContext]::new('AvatarToolsVersionProbe', $true)
        try {
            $targets = foreach ($name in 'AvatarTools.dll', 'AvatarTools.Core.dll') {
                $assembly = $probe.LoadFromAssemblyPath((Join-Path $script:moduleFolder "bin/$name"))
                ($assembly.GetCustomAttributesData() | Where-Object { $_.AttributeType.Name -eq 'TargetFrameworkAttribute' }).ConstructorArguments[0].Value
            }
        }
        finally {
            $probe.Unload()
        }
        $targets | Should -Be @('.NETCoreApp,Version=v8.0', '.NETCoreApp,Version=v8.0')
    }
}

Describe 'Isolation of the dependencies' {
    It 'puts only the loader in the default load context and the rest in the module''s own' {
        $loaded = Invoke-FreshSession -Arguments $script:evaluate, $script:manifestPath, $script:dataset, (Join-Path $TestDrive 'report-layout'), $script:moduleFolder -Script {
            param([string] $Evaluate, $ManifestPath, $Dataset, $ReportPath, $ModuleFolder)
            & ([scriptblock]::Create($Evaluate)) $ManifestPath $Dataset $ReportPath | Out-Null
            [System.AppDomain]::CurrentDomain.GetAssemblies() |
                Where-Object { -not $_.IsDynamic -and $_.Location -and $_.Location.StartsWith($ModuleFolder) } |
                ForEach-Object {
                    [pscustomobject]@{
                        Name    = $_.GetName().Name
                        Folder  = [System.IO.Path]::GetRelativePath($ModuleFolder, (Split-Path $_.Location))
                        Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name
                    }
                }
        }
        $default = @($loaded | Where-Object Context -EQ 'Default')
        $default.Name | Should -Be 'AvatarTools.Loader'
        $default.Folder | Should -Be '.'
        $private = @($loaded | Where-Object Context -NE 'Default')
        $private.Name | Should -Contain 'AvatarTools'
        $private.Name | Should -Contain 'AvatarTools.Core'
        foreach ($name in 'CsvHelper', 'Google.Protobuf', 'Microsoft.ML.OnnxRuntime', 'SixLabors.ImageSharp') {
            $private.Name | Should -Contain $name
        }
        $private | ForEach-Object { $_.Context | Should -Be 'AvatarTools' -Because "$($_.Name) is private"; $_.Folder | Should -Be 'bin' }
    }

    It 'imports and works in a session that has already loaded older CsvHelper and Google.Protobuf' {
        $result = Invoke-FreshSession -Arguments $script:older.Path, $script:evaluate, $script:manifestPath, $script:dataset, (Join-Path $TestDrive 'report-after') -Script {
            param([string[]] $OlderLibraries, [string] $Evaluate, $ManifestPath, $Dataset, $ReportPath)
            foreach ($library in $OlderLibraries) { Add-Type -Path $library }
            $run = & ([scriptblock]::Create($Evaluate)) $ManifestPath $Dataset $ReportPath
            $versions = [System.AppDomain]::CurrentDomain.GetAssemblies() |
                Where-Object { $_.GetName().Name -in 'CsvHelper', 'Google.Protobuf' } |
                ForEach-Object { '{0} {1} {2}' -f $_.GetName().Name, $_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
            [pscustomobject]@{ Run = $run; Versions = @($versions | Sort-Object) }
        }
        $result.Run.Frames | Should -BeGreaterThan 0
        $result.Run.TimedFrames | Should -Be $result.Run.Frames -Because 'every clip has a frame rate in frame_rates.csv'
        $result.Run.Localizations | Should -Be $result.Run.Frames
        $result.Run.TotalFrames | Should -Be $result.Run.Frames
        $result.Run.ScoresCsvRows | Should -BeGreaterThan 0
        $result.Run.Report | Should -Be 'index.html'
        # Both versions side by side: the script's in the default context, the module's in its own.
        $result.Versions | Should -Be @(
            'CsvHelper 30.0.0.0 Default'
            'CsvHelper 34.0.0.0 AvatarTools'
            'Google.Protobuf 3.25.1.0 Default'
            'Google.Protobuf 3.36.2.0 AvatarTools'
        )
    }

    It 'leaves the older library working for the script that loaded it, before and after the module' {
        $rows = Invoke-FreshSession -Arguments $script:older[0].Path, $script:evaluate, $script:manifestPath, $script:dataset, (Join-Path $TestDrive 'report-before'), (Join-Path $TestDrive 'clip_rates.csv') -Script {
            param($OlderCsvHelper, [string] $Evaluate, $ManifestPath, $Dataset, $ReportPath, $CsvFile)
            # The module first, then another library's CsvHelper 30, used through its own API.
            $run = & ([scriptblock]::Create($Evaluate)) $ManifestPath $Dataset $ReportPath
            Add-Type -Path $OlderCsvHelper
            $reader = [System.IO.StreamReader]::new($CsvFile)
            $csv = [CsvHelper.CsvReader]::new($reader, [System.Globalization.CultureInfo]::InvariantCulture)
            try {
                $null = $csv.Read(); $null = $csv.ReadHeader()
                $records = @(while ($csv.Read()) { '{0}={1}' -f $csv.GetField('clip_id'), $csv.GetField('fps') })
            }
            finally {
                $csv.Dispose()
            }
            [pscustomobject]@{
                Run            = $run
                Records        = $records
                CsvHelperFound = [CsvHelper.CsvReader].Assembly.GetName().Version.ToString()
                Again          = @(Get-AvatarFrame $Dataset).Count
            }
        }
        $rows.Run.TimedFrames | Should -Be $rows.Run.Frames
        $rows.CsvHelperFound | Should -Be '30.0.0.0'
        $rows.Records | Should -Be @('clip_a=25', 'clip_b=10')
        $rows.Again | Should -Be $rows.Run.Frames
    }
}

Describe 'The module in its own load context, as a user sees it' {
    It 'resolves type literals of the core to the types of the objects the cmdlets emit, after a re-import too' {
        $checks = Invoke-FreshSession -Arguments $script:manifestPath, $script:dataset -Script {
            param($ManifestPath, $Dataset)
            Import-Module $ManifestPath
            Import-Module $ManifestPath -Force
            if (-not (Test-Path $Dataset)) { New-AvatarSyntheticSet -Path $Dataset -ClipCount 1 | Out-Null }
            $frame = Get-AvatarFrame $Dataset | Select-Object -First 1
            [pscustomobject]@{
                Commands      = (Get-Command -Module AvatarTools).Count
                IsFrame       = $frame -is [AvatarTools.Core.Dataset.AvatarFrame]
                ScenarioNames = [enum]::GetNames([AvatarTools.Core.Dataset.AvatarScenario])
                HelpSynopsis  = (Get-Help Get-AvatarFrame).Synopsis
                HelpExamples  = @((Get-Help Get-AvatarFrame -Examples).examples.example).Count
            }
        }
        $checks.Commands | Should -Be (Import-PowerShellDataFile $script:manifestPath).CmdletsToExport.Count
        $checks.IsFrame | Should -BeTrue
        $checks.ScenarioNames | Should -Be @('SingleSound', 'MixedSound', 'MultiEntity', 'OffScreen')
        $checks.HelpSynopsis | Should -Be (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../src/AvatarTools/Help/Get-AvatarFrame.psd1')).Synopsis
        $checks.HelpExamples | Should -BeGreaterOrEqual 2
    }
}
