@{
    Synopsis    = 'Calibrates the Global threshold of each model over all of its heatmaps, as the official evaluator does before it scores.'
    Description = @'
Measure-AvatarThreshold collects the localizations of the pipeline and, when the input ends, emits one AvatarCalibration per model and top fraction: the threshold tau, the value at 0-based index floor((1 - p) M) of the ascending sort of the M grid pixels pooled over all heatmaps of the model (each upsampled to the grid; Off-Screen frames included), computed exactly without holding the grids. Localizations made with negative audio (Invoke-AvatarLocalization -AudioCondition) are left out (said under -Verbose): thresholds come from the positives only, and the negatives are scored at them.

Calibration is its own step, as in the official evaluator (its HeatmapAnalyzer computes and saves a model's thresholds; its Evaluator reads them). Give the result to Measure-AvatarScore -Calibration to score any subset of the frames (a scenario, a category, some clips) with the thresholds of the whole run: the subset's rows then equal the full run's rows for those frames exactly.

Each calibration also says how many pooled pixels the tie rule predicts at tau (PredictedFraction). When many pixels tie at tau (maps that are mostly exact zeros give tau = 0), that share can be far above the top fraction; a warning says so when it differs from p by more than one percentage point.

With -Path the calibrations are also written as JSON (heatmap_threshold.json when -Path is a folder): format "AvatarTools.Calibration", version 1, and per calibration model, topFraction, threshold (the float32 tau, written so it reads back exactly), frames, pixels, predictedPixels, predictedFraction, tieRule, grid [height, width] and interpolation.
'@
    Parameters  = @{
        Localization  = 'The localizations to calibrate on, from Invoke-AvatarLocalization or Import-AvatarHeatmap: all labelled frames of the benchmark, so that the thresholds are those of the whole run.'
        TopFraction   = 'The fractions of pooled grid pixels at or above tau. Default 0.1; the official evaluator also uses 0.15 and 0.2.'
        GridSize      = 'The scoring grid as height, width. Default 360, 640, as the official evaluator.'
        Interpolation = 'How heatmaps are brought to the grid: Bilinear (the default), BilinearAlignCorners, Bicubic or BicubicAlignCorners (torch bicubic, align_corners=True).'
        TieRule       = 'Which pixels tau predicts: AtLeast (value at or above tau, the default and the AVATAR spec) or Above (value above tau, as LVS, SSL-TIE and vssl_eval binarize). It only changes PredictedFraction here; scoring uses the calibration''s rule.'
        Path          = 'Also write the calibrations as JSON to this file, or to heatmap_threshold.json in this folder. The file is written to a temporary name and renamed, so it is whole or absent.'
    }
    Inputs      = @(@{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'Localizations of one or more models.' })
    Outputs     = @(@{ Type = 'AvatarTools.Core.Scoring.AvatarCalibration'; Description = 'Model, TopFraction, Threshold, Frames, Pixels, PredictedPixels, PredictedFraction, TieRule, GridHeight, GridWidth, Interpolation.' })
    Examples    = @(
        @{
            Title   = 'Calibrate once, then score a slice with the thresholds of the whole run'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$run = Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model AVSync
$calibration = $run | Measure-AvatarThreshold -TopFraction 0.1, 0.15, 0.2
$run | Where-Object { $_.Frame.Scenarios -contains 'MultiEntity' } | Measure-AvatarScore -Calibration $calibration
'@
            Remarks = 'The Multi-Entity rows equal those of the full run. Without -Calibration the slice would be calibrated on itself, and Measure-AvatarScore warns that tau was calibrated on part of the dataset.'
        }
        @{
            Title   = 'Save the thresholds beside the heatmaps and use the file later'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$run = Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model Center
$run | Measure-AvatarThreshold -Path ./thresholds.json | Out-Null
Get-AvatarFrame ./synthetic -Scenario SingleSound | Invoke-AvatarLocalization -Model Center | Measure-AvatarScore -Calibration ./thresholds.json
'@
            Remarks = 'A folder given to -Path gets heatmap_threshold.json, the name of the official evaluator''s file; -Calibration takes the file or the folder.'
        }
    )
    Links       = @('Measure-AvatarScore', 'Import-AvatarHeatmap', 'Invoke-AvatarLocalization')
}
