#Requires -Version 7.2
<#
.SYNOPSIS
    The one entry point of AvatarTools: Build, Test, Demo, Bench, Package.
.DESCRIPTION
    Build publishes the module for this machine's runtime and lays it out in out/AvatarTools/.
    Test runs the xUnit tests of the core and the Pester tests of the module (in a fresh pwsh) and
    ends with one line "N passed, M failed". Demo runs the module on the built-in synthetic benchmark.
    Bench runs the benchmarks. Every task but Build builds first.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester tags to leave out (e.g. Browser on a machine without Chromium).
    [string[]] $ExcludeTag = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'AvatarTools'
$rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
$nativeLibrary = if ($IsWindows) { 'onnxruntime.dll' } elseif ($IsMacOS) { 'libonnxruntime.dylib' } else { 'libonnxruntime.so' }

# The files of the built module besides module/ (copied verbatim). The build fails when one is missing,
# and nothing else from the publish folders is shipped. The loader is the only assembly PowerShell loads into
# its default context; everything else lives in bin/ and is loaded into the module's own load context
# (src/AvatarTools.Loader), so another module's versions of these libraries cannot clash with ours.
$loaderBinaries = @(
    'AvatarTools.Loader.dll'
)
$privateFolder = 'bin'
$moduleBinaries = @(
    'AvatarTools.dll'
    'AvatarTools.Core.dll'
    'CsvHelper.dll'
    'Google.Protobuf.dll'
    'MathNet.Numerics.dll'
    'Microsoft.ML.OnnxRuntime.dll'
    'SixLabors.ImageSharp.dll'
    'System.Numerics.Tensors.dll'
    $nativeLibrary
)

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) {
        throw "$What failed (exit code $LASTEXITCODE)."
    }
}

# Copies the listed files of a publish folder (or its runtimes/<rid>/native/) into the module; outputs the
# names of those it did not find.
function Copy-ModuleFile {
    param([string] $Publish, [string[]] $Files, [string] $Destination)
    New-Item -ItemType Directory -Force $Destination | Out-Null
    foreach ($file in $Files) {
        $source = Join-Path $Publish $file
        if (-not (Test-Path $source)) {
            $native = Join-Path $Publish "runtimes/$rid/native/$file"
            if (Test-Path $native) { $source = $native } else { $file; continue }
        }
        Copy-Item $source $Destination
    }
}

function Invoke-Build {
    $publish = Join-Path $out 'publish'
    $loaderPublish = Join-Path $out 'publish-loader'
    Write-Host "Publishing the module for $rid ($Configuration)..."
    # The module manifest is the one source of the version; the assemblies take it from there.
    $version = (Import-PowerShellDataFile (Join-Path $root 'module/AvatarTools.psd1')).ModuleVersion
    Invoke-Native 'dotnet publish' {
        dotnet publish (Join-Path $root 'src/AvatarTools/AvatarTools.csproj') -c $Configuration -r $rid --self-contained false -o $publish --nologo -v quiet "-p:Version=$version"
    }
    Invoke-Native 'dotnet publish (loader)' {
        dotnet publish (Join-Path $root 'src/AvatarTools.Loader/AvatarTools.Loader.csproj') -c $Configuration -o $loaderPublish --nologo -v quiet "-p:Version=$version"
    }
    if (Test-Path $moduleOut) {
        Remove-Item $moduleOut -Recurse -Force
    }
    Copy-Item (Join-Path $root 'module') $moduleOut -Recurse
    $missing = @(Copy-ModuleFile $loaderPublish $loaderBinaries $moduleOut) +
        @(Copy-ModuleFile $publish $moduleBinaries (Join-Path $moduleOut $privateFolder))
    if ($missing) {
        throw "The module is incomplete: $($missing -join ', ') not found in $publish or $loaderPublish."
    }
    $manifest = Test-ModuleManifest (Join-Path $moduleOut 'AvatarTools.psd1') -ErrorAction Stop
    Write-Host 'Writing the MAML help from src/AvatarTools/Help...'
    New-Item -ItemType Directory -Force (Join-Path $moduleOut 'en-US') | Out-Null
    Invoke-Native 'the help generator' {
        dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'src/AvatarTools/Help/New-MamlHelp.ps1') `
            -ModulePath (Join-Path $moduleOut 'AvatarTools.psd1') -OutFile (Join-Path $moduleOut 'en-US/AvatarTools.dll-Help.xml')
    }
    Write-Host "Built $($manifest.Name) $($manifest.Version) in $moduleOut"
}

function Get-PesterModulePath {
    $packages = (dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Get-ChildItem (Join-Path $packages.Trim() 'pester') -Directory -ErrorAction SilentlyContinue |
        Sort-Object { [version]($_.Name -replace '-.*$', '') } -Descending | Select-Object -First 1
    if (-not $pester) {
        throw "Pester was not restored: run 'dotnet restore' (tests/AvatarTools.Core.Tests downloads it from NuGet)."
    }
    Join-Path $pester.FullName 'tools/Pester.psd1'
}

function Invoke-Test {
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory $results | Out-Null
    # Tests write decoded media here, never into the user's cache.
    $env:AVATARTOOLS_CACHE = Join-Path $results 'media-cache'

    Write-Host 'Running the xUnit tests of the core...'
    $trx = Join-Path $results 'core.trx'
    dotnet test (Join-Path $root 'tests/AvatarTools.Core.Tests/AvatarTools.Core.Tests.csproj') -c $Configuration --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Out-Host
    $xunitExit = $LASTEXITCODE
    $xunitPassed = 0; $xunitFailed = 0; $failedNames = @()
    if (Test-Path $trx) {
        $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
        $xunitPassed = [int]$counters.passed
        $xunitFailed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        # The names of the failed tests, repeated at the end where a log's tail shows them.
        $failedNames = @(([xml](Get-Content $trx -Raw)).TestRun.Results.UnitTestResult |
            Where-Object outcome -ne 'Passed' | ForEach-Object {
                $message = "$($_.Output.ErrorInfo.Message)".Trim() -split "`n" | Select-Object -First 1
                "xUnit: $($_.testName): $message"
            })
    }
    if ($xunitExit -ne 0 -and $xunitFailed -eq 0) { $xunitFailed = 1 }

    Write-Host 'Running the Pester tests of the module (fresh pwsh)...'
    $pesterJson = Join-Path $results 'pester.json'
    $pesterScript = @'
param($PesterPath, $ModulePath, $TestsPath, $ResultPath, [AllowEmptyString()] [string] $ExcludeTag = '')
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath
$env:AVATARTOOLS_MODULE = $ModulePath
$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestsPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
if ($ExcludeTag) { $configuration.Filter.ExcludeTag = $ExcludeTag -split ',' }
$result = Invoke-Pester -Configuration $configuration
$names = @($result.Failed | ForEach-Object { "Pester: $($_.ExpandedPath): $("$($_.ErrorRecord | Select-Object -First 1)" -split "`n" | Select-Object -First 1)" }) +
    @($result.FailedBlocks + $result.FailedContainers | ForEach-Object { "Pester: $($_.Name) (setup failed)" })
@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Names = $names } |
    ConvertTo-Json | Set-Content $ResultPath
'@
    $scriptFile = Join-Path $results 'run-pester.ps1'
    Set-Content $scriptFile $pesterScript
    dotnet pwsh -NoProfile -NonInteractive -File $scriptFile -PesterPath (Get-PesterModulePath) `
        -ModulePath (Join-Path $moduleOut 'AvatarTools.psd1') -TestsPath (Join-Path $root 'tests/Pester') `
        -ResultPath $pesterJson -ExcludeTag ($ExcludeTag -join ',') | Out-Host
    $pesterPassed = 0; $pesterFailed = 1
    if (Test-Path $pesterJson) {
        $pester = Get-Content $pesterJson -Raw | ConvertFrom-Json
        $pesterPassed = [int]$pester.Passed
        $pesterFailed = [int]$pester.Failed
        $failedNames += @($pester.Names)
    }

    foreach ($name in $failedNames) { Write-Host "FAILED $name" }

    $passed = $xunitPassed + $pesterPassed
    $failed = $xunitFailed + $pesterFailed
    Write-Host "xUnit: $xunitPassed passed, $xunitFailed failed; Pester: $pesterPassed passed, $pesterFailed failed"
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-ModuleScript {
    param([string] $Script, [string[]] $Arguments = @())
    dotnet pwsh -NoProfile -NonInteractive -File $Script -ModulePath (Join-Path $moduleOut 'AvatarTools.psd1') -OutPath $out @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Script failed (exit code $LASTEXITCODE)." }
}

Push-Location $root
try {
    Invoke-Build
    switch ($Task) {
        'Test' { Invoke-Test }
        'Demo' { Invoke-ModuleScript (Join-Path $root 'module/Examples/Demo.ps1') }
        'Bench' {
            Invoke-ModuleScript (Join-Path $root 'tests/Bench/Bench.ps1')
            Invoke-ModuleScript (Join-Path $root 'tests/Bench/ScoringPipeline.ps1')
            Write-Host 'Running the core benchmarks...'
            $bench = Join-Path $root 'tests/AvatarTools.Bench'
            Invoke-Native 'the scoring benchmark' { dotnet run -c Release --project $bench -- scoring }
            Invoke-Native 'the bootstrap benchmark' { dotnet run -c Release --project $bench -- bootstrap }
            Invoke-Native 'the protocols benchmark' { dotnet run -c Release --project $bench -- protocols }
            Invoke-Native 'the preprocessing benchmark' { dotnet run -c Release --project $bench -- preprocessing (Join-Path $out 'bench/synthetic-24') }
            Invoke-Native 'the media benchmark' { dotnet run -c Release --project $bench -- media (Join-Path $out 'bench/release-40') }
        }
        'Package' {
            $packages = Join-Path $out 'package'
            if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
            New-Item -ItemType Directory $packages | Out-Null
            Compress-PSResource -Path $moduleOut -DestinationPath $packages
            Get-ChildItem $packages -Filter *.nupkg | ForEach-Object { Write-Host "Packaged $($_.FullName)" }
        }
    }
}
finally {
    Pop-Location
}
