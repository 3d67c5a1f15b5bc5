<#
.SYNOPSIS
    The AvatarTools demo: a synthetic AVATAR benchmark, read and sliced through the cmdlets.
.DESCRIPTION
    Run by `build.ps1 -Task Demo` in a fresh pwsh. Writes the built-in synthetic benchmark under
    -OutPath (in the release layout when ffmpeg is installed, else the extracted layout; it says which)
    and shows what a user looks at first.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../AvatarTools.psd1'),
    [string] $OutPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'avatartools-demo')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$root = Join-Path $OutPath 'synthetic'
# The demo keeps its media cache beside its other output (a user's runs use the per-user cache; see the README).
$cache = Join-Path $OutPath 'cache'
foreach ($old in $root, (Join-Path $OutPath 'report'), $cache) {
    if (Test-Path $old) { Remove-Item $old -Recurse -Force }
}
# With ffmpeg, the layout of the real download: metadata/ and video/video/*.mp4 only, so the models decode the
# videos as they would on AVATAR itself. Without it, the extracted layout (audio/ and frames/ written out).
$ffmpeg = $env:AVATARTOOLS_FFMPEG -or (Get-Command ffmpeg -CommandType Application -ErrorAction SilentlyContinue)
$layout = if ($ffmpeg) { 'Release' } else { 'Extracted' }
Write-Host "== Writing the synthetic AVATAR benchmark to $root"
if ($layout -eq 'Release') {
    Write-Host '   Layout: Release (exactly what the download holds: metadata/ and video/video/<clip>.mp4)'
}
else {
    Write-Host '   Layout: Extracted (ffmpeg was not found, so audio/ and frames/ are written out; install ffmpeg for the release layout)'
}
$set = New-AvatarSyntheticSet -Path $root -Layout $layout
$set | Format-List | Out-Host

$frames = Get-AvatarFrame $root
Write-Host "== Frames and instances per scenario (like the supplementary Table A)"
$scenarios = [enum]::GetValues([AvatarTools.Core.Dataset.AvatarScenario])
$scenarios | ForEach-Object {
    $scenario = $_
    [pscustomobject]@{
        Scenario  = $scenario
        Frames    = @($frames | Where-Object { $_.Scenarios -contains $scenario }).Count
        Instances = @($frames.Instances | Where-Object Scenario -eq $scenario).Count
    }
} | Format-Table -AutoSize | Out-Host
Write-Host ("{0} labelled frames in {1} clips; {2} Off-Screen frames" -f $frames.Count, @($frames.VideoId | Select-Object -Unique).Count, @($frames | Where-Object IsOffScreen).Count)

Write-Host "`n== Cross-event clips (the sounding category changes over time)"
$frames | Select-CrossEvent | Group-Object VideoId | ForEach-Object {
    [pscustomobject]@{
        VideoId          = $_.Name
        Frames           = $_.Count
        'Categories in time order' = ($_.Group | Sort-Object FrameIndex | ForEach-Object { $_.Categories -join '+' }) -join ' -> '
    }
} | Format-Table -AutoSize -Wrap | Out-Host

Write-Host "== A few frames"
$frames | Select-Object -First 6 | Format-Table | Out-Host
Write-Host "== Frames with two scenarios"
$frames | Where-Object { $_.Scenarios.Count -gt 1 } | Select-Object -First 4 | Format-Table | Out-Host

Write-Host "== The built-in models on the synthetic benchmark"
Write-Host "   Get-AvatarFrame | Invoke-AvatarLocalization -Model <m> | Measure-AvatarScore -CrossEvent"
$localizations = foreach ($model in 'Center', 'AVSync') {
    $modelLocalizations = @($frames | Invoke-AvatarLocalization -Model $model -CacheFolder $cache)
    $modelLocalizations | Measure-AvatarScore -CrossEvent | Format-Table | Out-Host
    $modelLocalizations
}
if (Test-Path $cache) {
    $files = @(Get-ChildItem $cache -Recurse -File)
    Write-Host ("   Decoded media kept in {0}: {1} files, {2:N0} kB ({3:N0} kB per clip)" -f $cache, $files.Count,
        (($files | Measure-Object Length -Sum).Sum / 1kb), (($files | Measure-Object Length -Sum).Sum / 1kb / $set.ClipCount))
}

$report = $localizations | Export-AvatarReport (Join-Path $OutPath 'report') -Title 'Built-in models on the synthetic AVATAR benchmark'
Write-Host "== The report: $($report.FullName)"
Write-Host "   (open it in a browser; scores.csv and frames.csv are beside it)"
