@{
    Synopsis    = 'Writes heatmaps as NumPy .npy files; with -PassThru passes the localizations on.'
    Description = @'
Export-AvatarHeatmap writes each localization's heatmap to <Path>/<clip_id>/<frame:5 digits>.npy as little-endian float32, a file numpy.load reads. As PowerShell's own Export-* cmdlets, it overwrites existing files (-NoClobber refuses them with OutputExists), writes nothing to the pipeline unless -PassThru is given (then each Localization goes on, e.g. to Measure-AvatarScore), and under -WhatIf names the output folder once rather than every file (-Confirm asks for each file).

A folder holds one model's maps: the first model written owns it, and a localization of another model is refused with the error SeveralModels (it would overwrite the first model's map of the same frame). With -PerModel each model gets its own subfolder, <Path>/<model>/<clip_id>/<frame>.npy, which Import-AvatarHeatmap <Path>/<model> reads back under that model's name.

Localizations made with negative audio (Invoke-AvatarLocalization -AudioCondition) go one folder deeper, so that conditions never mix: <Path>/[<model>/]<condition>/<clip_id>/<frame>.npy, <condition>-<repeat> for repeats after the first (Silence, Noise-1, OffScreen-2, ...). At the end each such folder gets a sidecar audio-condition.json with the model, the condition, the seed, the repeat and the donor clip of every OffScreen frame; Import-AvatarHeatmap on the condition folder gives the localizations all of it back. Positives stay where they always were.

Each file is written to a hidden temporary name beside it and renamed into place, so a file is whole or absent. Clip ids and model names become folder names through a fixed mapping (separators, '.' and '..', a leading dot, ':', '*', '?', '"', '<', '>', '|', '%' and control characters percent-encoded, e.g. 'a/x' -> 'a%2Fx', '..' -> '%2E%2E'; see WHAT IS WRITTEN, AND HOW in about_AvatarTools), so nothing is written outside -Path; a path that would still leave it is UnsafeOutputName. Every failure is an error for that frame (SeveralModels, OutputExists, DuplicateOutput for the same frame twice, OutputNameCollision, UnsafeOutputName, HeatmapNotWritten) and the other frames are written.
'@
    Parameters  = @{
        Path         = 'The folder to write to (created when missing).'
        Localization = 'The localizations whose heatmaps to write.'
        PerModel     = 'Write each model into its own subfolder, <Path>/<model>/<clip_id>/<frame>.npy, instead of refusing a second model in one folder.'
        NoClobber    = 'Refuse to replace a file that exists already: that frame is the error OutputExists and the others are written. By default existing files are overwritten.'
        PassThru     = 'Pass each localization on down the pipeline. By default nothing is written to the pipeline.'
    }
    Inputs      = @(@{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'Localizations.' })
    Outputs     = @(@{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'With -PassThru, the same localizations; otherwise none.' })
    Examples    = @(
        @{
            Title   = 'Keep the heatmaps of a run while scoring it'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model AVSync | Export-AvatarHeatmap ./heatmaps/avsync -PassThru | Measure-AvatarScore
'@
            Remarks = 'The saved maps can be scored again later with Import-AvatarHeatmap, or loaded in Python with numpy.load.'
        }
        @{
            Title   = 'See which files would be written'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model Center | Export-AvatarHeatmap ./heatmaps/center -WhatIf
'@
            Remarks = '-WhatIf prints one line naming the output folder and writes nothing; -Confirm asks for each <clip_id>/<frame>.npy.'
        }
        @{
            Title   = 'Two models in one run, one subfolder each'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
@($frames | Invoke-AvatarLocalization -Model Center) + @($frames | Invoke-AvatarLocalization -Model AVSync) |
    Export-AvatarHeatmap ./heatmaps -PerModel
$frames | Import-AvatarHeatmap ./heatmaps/AVSync | Measure-AvatarScore
'@
            Remarks = 'Writes ./heatmaps/Center/... and ./heatmaps/AVSync/...; without -PerModel the AVSync maps would be refused with SeveralModels.'
        }
    )
    Links       = @('Import-AvatarHeatmap')
}
