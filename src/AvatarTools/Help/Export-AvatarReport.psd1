@{
    Synopsis    = 'Writes a self-contained HTML report of an evaluation (the paper''s table, success curves, per-category results, strips), with scores.csv and frames.csv.'
    Description = @'
Export-AvatarReport writes a folder a person opens in a browser, offline: index.html with inline CSS and SVG and the pictures beside it in images/ (or embedded with -EmbedImages), plus scores.csv and frames.csv (per-frame results), readable by Import-Csv and pandas. scores.csv holds each row's interval bounds as well (ciou_lower, ciou_upper, auc_lower, auc_upper, success50_lower, success50_upper, tn_rate_lower, tn_rate_upper, with confidence_level, resamples and bootstrap_seed), empty for rows without intervals, so a report rebuilt from it draws the same error bars.

The page holds the models x groups table as the paper prints it (Single-Sound, Mixed-Sound and Multi-Entity CIoU and AUC, Off-Screen TN%, Total, Cross-event and its drop), the success curves (the fraction of frames with cIoU >= t against t, per group and model, whose areas are the AUCs), per-category results, and strips of the clips where the models differ most.

Pipe localizations (the report scores them with the default protocol, Cross-event included), or the rows of Measure-AvatarScore (AvatarScore, and FrameScore from -PerFrame for the curves), or both. Rows read back with Import-Csv are taken as well, with the same numbers: those of Export-Csv of AvatarScore and FrameScore objects (list cells as JSON arrays of names) and those of the report's own scores.csv and frames.csv (Import-Csv ./report/scores.csv | Export-AvatarReport ./again); a field that is not what its column holds is an InvalidReportRow error for that row. Input of any other type is one UnsupportedReportInput error per command. Returns the index.html file.

Intervals and comparisons: when the AvatarScore rows carry clip-bootstrap intervals (Measure-AvatarScore -ConfidenceLevel), or -ConfidenceLevel is given, each CIoU, AUC and TN% cell of the table shows its interval as [lower, upper] and a small error bar on the 0-100 scale, and each point of every success curve gets the clip-bootstrap interval of its success rate, resampled as the table's are (clips with replacement, percentile interval), at the rows' seed or -Seed. With -Reference <model> (or ScoreComparison objects from Compare-AvatarScore in the input) the page gets a comparison table: per model, group and metric the paired difference with the reference, its paired clip-bootstrap interval as an error bar around 0, and the sign-flip p-value. A model that cannot be compared (frames not shared with the reference) is a non-terminating error and the rest of the report is written. Negative-audio localizations in the input (Invoke-AvatarLocalization -AudioCondition), or the NegativeScore rows of Measure-AvatarScore, give a table of pIA, AUC_N, the positive-negative IoU and TN% per model, condition and group.

The report is whole or absent: it is built in a hidden folder beside -Path (.<name>.partial-<random>) and moved into place only when complete. A report stopped with Ctrl+C, or one that fails, leaves -Path as it was. Over an earlier report the folder ends up holding exactly the new report: its strips go into images/, scores.csv, frames.csv and last index.html are replaced, and then the earlier report's strips (images/strip-<n>-<clip>.png) that the new one did not draw are deleted, images/ too when that empties it. Files of yours in the folder are left alone. -NoClobber refuses a folder that holds a report already (OutputExists); -WhatIf prints one line.

A frame whose image cannot be read (empty, truncated, not a JPEG or PNG, over the pixel limit) costs only its picture: its cells in the strips are drawn over dark grey and labelled NO IMAGE, the page lists how many frames and which, and each is a non-terminating error (InvalidImage, TruncatedImage, ImageTooLarge, NotARegularFile, ImageUnreadable). A frame without an image file (a metadata-only set) is drawn over dark grey without an error.

In frames.csv the list columns (scenarios, categories) are JSON arrays of strings, e.g. ["playing violin","male speech"], so any category name (with ';', ',' or quotes) reads back: Import-Csv then ConvertFrom-Json in PowerShell, csv then json.loads in Python.
'@
    Parameters  = @{
        Path        = 'The folder to write the report to (created when missing).'
        InputObject = 'Localization objects, and/or AvatarScore and FrameScore rows from Measure-AvatarScore, and/or ScoreComparison rows from Compare-AvatarScore, and/or NegativeScore rows.'
        Reference   = 'Adds a comparison table of every other model against this one: the paired clip-bootstrap differences of Compare-AvatarScore, computed from the frame scores (piped, or made from the localizations). Tab completion is not offered: it is a model name of the input.'
        ConfidenceLevel = 'Draws clip-bootstrap intervals at this level (in (0, 1), e.g. 0.95) as error bars on the table (when the report scores localizations itself) and on every success curve, and sets the level of the -Reference comparison. Default: the level of the AvatarScore rows given, else no intervals (and 0.95 for the comparison).'
        Seed        = 'The seed of the bootstrap draws of the intervals and the comparison. Default: the seed the AvatarScore rows carry, else a random one, printed on the page.'
        Title       = 'The title of the page. Default "AVATAR evaluation".'
        TopFraction = 'The top fractions of the Global threshold when the report scores localizations itself. Default 0.1.'
        EmbedImages = 'Embed the strip pictures in index.html (base64) instead of writing them to images/.'
        NoClobber   = 'Refuse to write over a folder that holds a report already (index.html, scores.csv or frames.csv): the command stops with OutputExists and the folder is left as it was. By default the earlier report is replaced.'
        StripCount  = 'How many clips get a strip: those where the models'' mean cIoU differs most. Default 3; 0 for none.'
    }
    Inputs      = @(
        @{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'Localizations to score and draw.' }
        @{ Type = 'AvatarTools.Core.Scoring.AvatarScore'; Description = 'Rows of Measure-AvatarScore.' }
        @{ Type = 'AvatarTools.Core.Scoring.FrameScore'; Description = 'Per-frame scores of Measure-AvatarScore -PerFrame.' }
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'Rows read back with Import-Csv: scores.csv and frames.csv of a report, or Export-Csv of AvatarScore and FrameScore objects.' }
    )
    Outputs     = @(@{ Type = 'System.IO.FileInfo'; Description = 'The report''s index.html.' })
    Examples    = @(
        @{
            Title   = 'A report comparing the built-in models'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
@($frames | Invoke-AvatarLocalization -Model Center) + @($frames | Invoke-AvatarLocalization -Model AVSync) |
    Export-AvatarReport ./report
'@
            Remarks = 'Open ./report/index.html in a browser.'
        }
        @{
            Title   = 'A report from the scores of Measure-AvatarScore, at the three official fractions'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$run = Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model AVSync
@($run | Measure-AvatarScore -TopFraction 0.1, 0.15, 0.2 -CrossEvent) + @($run | Measure-AvatarScore -PerFrame) |
    Export-AvatarReport ./report -Title 'AVSync on the synthetic benchmark' -EmbedImages
'@
            Remarks = 'scores.csv holds one row per group and fraction; frames.csv the per-frame results.'
        }
    )
    Links       = @('Measure-AvatarScore', 'Export-AvatarOverlay')
}
