@{
    Synopsis    = 'Writes heatmaps as NumPy .npy files and passes the localizations on.'
    Description = @'
Export-AvatarHeatmap writes each localization's heatmap to <Path>/<clip_id>/<frame:5 digits>.npy as little-endian float32, a file numpy.load reads, and passes the Localization on so the pipeline can go on to Measure-AvatarScore. A file that cannot be written is an error for that frame.
'@
    Parameters  = @{
        Path         = 'The folder to write to (created when missing).'
        Localization = 'The localizations whose heatmaps to write.'
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
    )
    Links       = @('Import-AvatarHeatmap')
}
