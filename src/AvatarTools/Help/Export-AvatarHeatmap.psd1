@{
    Synopsis    = 'Writes heatmaps as NumPy .npy files and passes the localizations on.'
    Description = @'
Export-AvatarHeatmap writes each localization's heatmap to <Path>/<clip_id>/<frame:5 digits>.npy as little-endian float32, a file numpy.load reads, and passes the Localization on so the pipeline can go on to Measure-AvatarScore.

A folder holds one model's maps: the first model written owns it, and a localization of another model is refused with the error SeveralModels (it would overwrite the first model's map of the same frame). With -PerModel each model gets its own subfolder, <Path>/<model>/<clip_id>/<frame>.npy, which Import-AvatarHeatmap <Path>/<model> reads back under that model's name.

Each file is written to a hidden temporary name beside it and renamed into place, so a file is whole or absent. Clip ids and model names become folder names through a fixed mapping (separators, '.' and '..', a leading dot, ':', '*', '?', '"', '<', '>', '|', '%' and control characters percent-encoded, e.g. 'a/x' -> 'a%2Fx', '..' -> '%2E%2E'; see WHAT IS WRITTEN, AND HOW in about_AvatarTools), so nothing is written outside -Path; a path that would still leave it is UnsafeOutputName. Every failure is an error for that frame (SeveralModels, DuplicateOutput for the same frame twice, OutputNameCollision, UnsafeOutputName, HeatmapNotWritten) and the other frames are written.
'@
    Parameters  = @{
        Path         = 'The folder to write to (created when missing).'
        Localization = 'The localizations whose heatmaps to write.'
        PerModel     = 'Write each model into its own subfolder, <Path>/<model>/<clip_id>/<frame>.npy, instead of refusing a second model in one folder.'
    }
    Inputs      = @(@{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'Localizations.' })
    Outputs     = @(@{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'The same localizations.' })
    Examples    = @(
        @{
            Title   = 'Keep the heatmaps of a run while scoring it'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model AVSync | Export-AvatarHeatmap ./heatmaps/avsync | Measure-AvatarScore
'@
            Remarks = 'The saved maps can be scored again later with Import-AvatarHeatmap, or loaded in Python with numpy.load.'
        }
        @{
            Title   = 'See which files would be written'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model Center | Export-AvatarHeatmap ./heatmaps/center -WhatIf | Out-Null
'@
            Remarks = '-WhatIf lists <clip_id>/<frame>.npy for each frame and writes nothing.'
        }
        @{
            Title   = 'Two models in one run, one subfolder each'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
@($frames | Invoke-AvatarLocalization -Model Center) + @($frames | Invoke-AvatarLocalization -Model AVSync) |
    Export-AvatarHeatmap ./heatmaps -PerModel | Out-Null
$frames | Import-AvatarHeatmap ./heatmaps/AVSync | Measure-AvatarScore
'@
            Remarks = 'Writes ./heatmaps/Center/... and ./heatmaps/AVSync/...; without -PerModel the AVSync maps would be refused with SeveralModels.'
        }
    )
    Links       = @('Import-AvatarHeatmap')
}
