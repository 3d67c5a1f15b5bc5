@{
    Synopsis    = 'Writes heatmaps as NumPy .npy files and passes the localizations on.'
    Description = @'
Export-AvatarHeatmap writes each localization''s heatmap to <Path>/<clip_id>/<frame:5 digits>.npy as little-endian float32, a file numpy.load reads, and passes the Localization on so the pipeline can go on to Measure-AvatarScore. A file that cannot be written is an error for that frame.
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
            Code    = 'Get-AvatarFrame ./AVATAR | Invoke-AvatarLocalization -Model AVSync | Export-AvatarHeatmap ./heatmaps/avsync | Measure-AvatarScore'
            Remarks = 'The saved maps can be scored again later with Import-AvatarHeatmap.'
        }
        @{
            Title   = 'Round trip'
            Code    = 'Get-AvatarFrame ./AVATAR | Import-AvatarHeatmap ./h1 | Export-AvatarHeatmap ./h2 -WhatIf'
            Remarks = '-WhatIf shows the files that would be written.'
        }
    )
    Links       = @('Import-AvatarHeatmap')
}
