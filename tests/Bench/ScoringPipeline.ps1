<#
.SYNOPSIS
    The scoring pipeline at full AVATAR scale (build.ps1 -Task Bench): Get-AvatarFrame | Import-AvatarHeatmap |
    Measure-AvatarScore over 24,266 frames with random 7 x 7 maps (Global at 0.10, 0.15, 0.20, -CrossEvent), the
    PerFrame policy, and the protocol organised as the official evaluator is in Python (OpenCV resize, pool, sort,
    count) on 1,000 frames in the same run, when /usr/bin/python3 has numpy and OpenCV.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutPath
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$scale = Join-Path $OutPath 'bench/avatar-scale'
if (-not (Test-Path (Join-Path $scale 'metadata'))) {
    New-AvatarSyntheticSet -Path $scale -MetadataOnly | Out-Null
}
$maps = Join-Path $OutPath 'bench/avatar-scale-maps'
if (-not (Test-Path (Join-Path $maps 'done'))) {
    Write-Host 'Writing random 7x7 maps for every frame of the full-scale set (once)...'
    $random = [System.Random]::new(7)
    Get-AvatarFrame $scale | ForEach-Object {
        $values = [float[]]::new(49)
        for ($i = 0; $i -lt 49; $i++) { $values[$i] = [float]($random.NextDouble() * 2 - 1) / 0.03 }
        [AvatarTools.Core.Heatmaps.Localization]::new($_, 'Random', [AvatarTools.Core.Heatmaps.Heatmap]::new(7, 7, $values))
    } | Export-AvatarHeatmap $maps | Out-Null
    Set-Content (Join-Path $maps 'done') ''
}

function Measure-Best([scriptblock] $Work, [int] $Runs = 2) {
    $best = [double]::MaxValue
    foreach ($run in 1..$Runs) {
        [GC]::Collect()
        $seconds = (Measure-Command $Work).TotalSeconds
        $best = [math]::Min($best, $seconds)
    }
    $best
}

$null = Get-AvatarFrame $scale | Select-Object -First 10 | Import-AvatarHeatmap $maps | Measure-AvatarScore -WarningAction SilentlyContinue  # JIT
$frames = @(Get-AvatarFrame $scale)
$count = $frames.Count
$read = Measure-Best { $script:frames = @(Get-AvatarFrame $scale) }
$import = Measure-Best { $script:localizations = @($frames | Import-AvatarHeatmap $maps) }
$scoring = Measure-Best { $script:rows = @($localizations | Measure-AvatarScore -TopFraction 0.1, 0.15, 0.2 -CrossEvent) }
$perFrame = Measure-Best { $null = @($localizations | Measure-AvatarScore -Threshold PerFrame -CrossEvent) }
$whole = Measure-Best { $null = @(Get-AvatarFrame $scale | Import-AvatarHeatmap $maps | Measure-AvatarScore -TopFraction 0.1, 0.15, 0.2 -CrossEvent) }
$harnessPeak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1e6
# The pipeline's own peak: a fresh pwsh that runs it once and holds nothing else (this process holds the frames, the
# localizations and the rows of the runs above at once, and every run's garbage, which no user's pipeline does).
$peakScript = @'
param($ModulePath, $Scale, $Maps)
Import-Module $ModulePath
$null = @(Get-AvatarFrame $Scale | Import-AvatarHeatmap $Maps | Measure-AvatarScore -TopFraction 0.1, 0.15, 0.2 -CrossEvent)
[System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1e6
'@
$peakFile = Join-Path $OutPath 'bench/pipeline-peak.ps1'
Set-Content -LiteralPath $peakFile -Value $peakScript
Push-Location (Join-Path $PSScriptRoot '../..')   # where the tool manifest makes `dotnet pwsh` this PowerShell
try { $peak = [double] (dotnet pwsh -NoProfile -NonInteractive -File $peakFile $ModulePath $scale $maps | Select-Object -Last 1) }
finally { Pop-Location }
function Show-Target([string] $What, [double] $Value, [double] $Target, [string] $Unit, [string] $Relation = '<') {
    $met = if ($Relation -eq '<') { $Value -lt $Target } elseif ($Relation -eq '<=') { $Value -le $Target } else { $Value -gt $Target }
    Write-Host ('  {0,-62} {1,9:N2} {2,-4} target {3} {4} {2}  {5}' -f $What, $Value, $Unit, $Relation, $Target, $(if ($met) { 'met' } else { 'NOT MET' }))
}
Write-Host ('Scoring pipeline over {0} frames (best of 2; load average {1}; {2} cores shared with whatever else runs):' -f $count, ((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ')[0], [Environment]::ProcessorCount)
Write-Host ('  Get-AvatarFrame {0:F2} s, Import-AvatarHeatmap {1:F2} s (of the whole pipeline)' -f $read, $import)
Show-Target 'whole pipeline Get-AvatarFrame | Import-AvatarHeatmap | Measure-AvatarScore' $whole 4 's'
Show-Target 'scoring alone: Measure-AvatarScore, Global, 3 fractions, -CrossEvent' $scoring 2 's'
Show-Target ('PerFrame / Global (PerFrame {0:F2} s)' -f $perFrame) ($perFrame / $scoring) 1 'x' '<='
Show-Target 'peak working set of a fresh pwsh running the whole pipeline once' $peak 400 'MB'
Write-Host ('  (this bench process, holding every run''s inputs and outputs at once, peaked at {0:N0} MB)' -f $harnessPeak)

$python = '/usr/bin/python3'
if ((Test-Path $python) -and $(& $python -c 'import numpy, cv2' 2>$null; $LASTEXITCODE -eq 0)) {
    $line = & $python (Join-Path $PSScriptRoot 'official_protocol.py') $scale $maps 1000
    Write-Host "  $line"
    if ($line -match '\(([\d.]+) ms/frame\)') {
        $pythonMs = [double] $Matches[1]
        $oursMs = 1000 * $scoring / $count
        Show-Target ('per frame, Python {0:F3} ms / Measure-AvatarScore {1:F4} ms' -f $pythonMs, $oursMs) ($pythonMs / $oursMs) 100 'x' '>'
    }
}
else {
    Write-Host '  (the Python side-by-side needs /usr/bin/python3 with numpy and OpenCV: apt-get install python3-numpy python3-opencv)'
}
