<#
.SYNOPSIS
    The module-level benchmarks of build.ps1 -Task Bench (the core ones run from tests/AvatarTools.Bench).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutPath
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$scale = Join-Path $OutPath 'bench/avatar-scale'
if (-not (Test-Path (Join-Path $scale 'metadata'))) {
    Write-Host 'Writing the full-scale metadata-only synthetic set (5,000 clips)...'
    $made = Measure-Command { New-AvatarSyntheticSet -Path $scale -MetadataOnly | Out-Null }
    Write-Host ('  written in {0:F1} s' -f $made.TotalSeconds)
}

Write-Host 'Get-AvatarFrame over the full-scale set (warm file cache, best of 3):'
$null = Get-AvatarFrame $scale | Select-Object -Last 1   # warm the cache and the JIT
$times = foreach ($run in 1..3) {
    $count = 0
    $elapsed = Measure-Command { Get-AvatarFrame $scale | ForEach-Object { $count++ } }
    Write-Host ('  run {0}: {1} frames in {2:F2} s' -f $run, $count, $elapsed.TotalSeconds)
    $elapsed.TotalSeconds
}
$best = ($times | Measure-Object -Minimum).Minimum
Write-Host ('Get-AvatarFrame: {0:F2} s for {1} frames ({2:N0} frames/s); target < 2 s' -f $best, $count, ($count / $best))
