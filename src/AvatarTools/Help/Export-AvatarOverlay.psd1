@{
    Synopsis    = 'Draws each heatmap over its frame (PNG) with the ground truth and the predicted region outlined, or strips of a clip''s frames with a row per model.'
    Description = @'
Export-AvatarOverlay takes localizations (of one model or several), writes PNG pictures, and passes each localization on only with -PassThru. As PowerShell's own Export-* cmdlets, it overwrites existing pictures (-NoClobber refuses them with OutputExists) and under -WhatIf names the output folder once rather than every file (-Confirm asks for each picture).

Per frame (<Path>/<model>/<clip_id>/<frame>.png): the frame with the min-max normalised heatmap blended over it in the Turbo colour map (opacity rising with the value, so the scene stays readable), the ground-truth outline in white, the predicted region at the scoring threshold outlined in magenta, a caption, and Off-Screen frames labelled as such.

With -Strip (<Path>/strips/<clip_id>.png): the clip's labelled frames side by side in time order, one row per model, labelled with the model names and the frame times: the layout of the paper's qualitative figures.

The predicted region uses, by default, each model's Global threshold over the input (top -TopFraction of the pooled grid pixels, as Measure-AvatarScore); -Threshold gives an absolute value and -PerFrameThreshold the per-frame top-half rule. The same input always gives the same bytes.

One bad item costs only itself. A frame whose image cannot be read (InvalidImage, TruncatedImage, ImageTooLarge, NotARegularFile, ImageUnreadable) is a non-terminating error: without -Strip its picture is not written; in a strip its cells are drawn over dark grey, labelled NO IMAGE. A picture or strip that cannot be written is OverlayNotWritten, and the next one is written. Each file is written to a hidden temporary name and renamed into place. Model names and clip ids become folder and file names through the mapping of about_AvatarTools (WHAT IS WRITTEN, AND HOW) (e.g. a model named '..' writes to <Path>/%2E%2E/), so nothing lands outside -Path; every model has its own folder, and the same picture twice in one run is DuplicateOutput.
'@
    Parameters  = @{
        Path              = 'The folder to write the pictures to (created when missing).'
        Localization      = 'The localizations to draw, from Invoke-AvatarLocalization or Import-AvatarHeatmap.'
        Strip             = 'Write one strip per clip instead of one picture per frame.'
        Threshold         = 'An absolute heatmap value: pixels at or above it form the predicted region.'
        TopFraction       = 'The top fraction of the Global threshold computed per model over the input. Default 0.1, as Measure-AvatarScore.'
        PerFrameThreshold = 'Outline the top half of each min-max normalised map (the VGG-SS convention) instead.'
        NoClobber         = 'Refuse to replace a picture that exists already: that picture is the error OutputExists and the others are written. By default existing pictures are overwritten.'
        PassThru          = 'Pass each localization on down the pipeline. By default nothing is written to the pipeline.'
    }
    Inputs      = @(@{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'Localizations.' })
    Outputs     = @(@{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'With -PassThru, the same localizations; otherwise none.' })
    Examples    = @(
        @{
            Title   = 'Compare two models clip by clip, as in the paper''s figures'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
@($frames | Invoke-AvatarLocalization -Model Center) + @($frames | Invoke-AvatarLocalization -Model AVSync) |
    Export-AvatarOverlay ./pictures -Strip
'@
            Remarks = 'Writes ./pictures/strips/<clip_id>.png with a row per model.'
        }
        @{
            Title   = 'One picture per frame at a fixed threshold'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic -Scenario MultiEntity | Invoke-AvatarLocalization -Model AVSync | Export-AvatarOverlay ./pictures -Threshold 0.3 -PassThru | Measure-AvatarScore -Threshold Fixed -Value 0.3
'@
            Remarks = 'The localizations go on to be scored, at the same fixed threshold the pictures outline (a Global threshold calibrated on this slice alone would not be that of the whole run).'
        }
    )
    Links       = @('Export-AvatarReport', 'Invoke-AvatarLocalization')
}
