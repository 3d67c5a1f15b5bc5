@{
    Synopsis    = 'Scores localizations with the AVATAR protocol (CIoU, AUC and Success@0.5 per scenario, Off-Screen TN%, Total and Cross-event), or VGG-SS and Flickr-SoundNet samples with a baseline''s protocol.'
    Description = @'
Measure-AvatarScore collects the localizations of the pipeline and, when the input ends, emits AvatarScore rows per model (several models can be scored in one pipeline) and per top fraction: Total, Single-Sound, Mixed-Sound, Multi-Entity, Off-Screen and, with -CrossEvent, Cross-event with its Delta.

The protocol (spec section 3): ground truth is the union of the on-screen polygons, rasterized like OpenCV fillPoly at the original size and brought to the grid (360 x 640) by nearest neighbour; each heatmap is upsampled to the grid (bilinear with half-pixel centres by default); the prediction is the set of grid pixels at or above the threshold; cIoU = |P and G| / (|G| + |P minus G|) (0 when both are empty). CIoU is 100 x the mean cIoU, AUC 100 x the trapezoidal area under the success curve at t = 0.05 i, Success50 100 x the fraction of frames with cIoU >= 0.5. Off-Screen frames count only as true negatives (no predicted pixel) or false positives.

The Global threshold (the AVATAR protocol) is the value exceeded by the top fraction of all grid pixels of all heatmaps of the model in the run, Off-Screen frames included, computed exactly without holding the upsampled grids in memory. It is calibrated on the input unless -Calibration gives thresholds made beforehand by Measure-AvatarThreshold; when the input holds fewer labelled frames than its dataset, a warning says that tau was calibrated on part of it. When many pixels tie at tau (so the predicted share differs from the top fraction by more than one percentage point) a warning says so. Every row carries the provenance of its tau; groups without frames are left out, and the Off-Screen row has TNRate and no CIoU or AUC. PerFrame is the VGG-SS convention (the top half of each min-max normalised map); Fixed uses -Value.

-Protocol applies a baseline's preset (BENCHMARKS.md): Avatar (bilinear with half-pixel centres, the Global top fraction, >= tau), EzVsl (EZ-VSL test.py: bilinear align_corners=True, per-sample min-max normalisation, tau = the ascending-sorted values at index floor(N/2), >= tau), Lvs (LVS test.py, SSL-TIE: bilinear with half-pixel centres as OpenCV INTER_LINEAR, min-max, the same tau, > tau), SlavcRelative (SLAVC --relative_prediction: bicubic align_corners=True as torch F.interpolate, min-max, the same tau, >= tau) and SlavcAbsolute (SLAVC's scripts: bicubic align_corners=True, no normalisation, fixed tau = 0.5, >= tau). Without -Protocol, AVATAR frames take Avatar and VGG-SS and Flickr-SoundNet frames EzVsl. VGG-SS and Flickr-SoundNet samples are scored on 224 x 224 (their ground-truth map; AVATAR frames keep 360 x 640 under every protocol), and every part of a preset can still be set: -Threshold, -Value, -TieRule, -Interpolation and -GridSize win over it. The per-sample tau is found by selection, not by sorting. Their ground truth: VGG-SS, the union of the boxes' cells; Flickr-SoundNet, G = min(count / 2, 1) with count the annotators' boxes covering a pixel (weights 0.5 and 1), and cIoU = sum(P G) / (sum(G) + sum(P [G = 0])). A sample with sum(G) = 0 and sum(P) = 0 has no cIoU (NaN in the baselines): it counts as a failure at every threshold and as 0 in the mean, and the row counts it in UndefinedFrames. Their rows, per model and benchmark: Total, per class with -GroupBy Category, and per test list (the frames' TestList), each with CIoUAt50 (100 x the share of samples with cIoU >= 0.5, the papers' cIoU or AP50 column; also Success50), AUC and MeanCIoU (also CIoU), with Benchmark and Protocol.

With -ConfidenceLevel every row gets a clip-bootstrap interval on CIoU, AUC and Success50 (on-screen rows) or TNRate (the Off-Screen row): CIoULower and CIoUUpper, AUCLower and AUCUpper, Success50Lower and Success50Upper, TNRateLower and TNRateUpper, with ConfidenceLevel, Resamples and BootstrapSeed. The bootstrap resamples clips, not frames: AVATAR labels about five frames per clip, and frames of one clip are not independent, so resampling frames would give intervals that are too narrow. A replicate draws as many clips as the input holds, with replacement, and recomputes every row of the model from the per-frame scores of the drawn clips (a clip drawn twice counts twice; a frame enters all its groups with its clip); no map is scored again. The interval is the percentile bootstrap: the (1 - level)/2 and (1 + level)/2 quantiles of the replicate values, with linear interpolation between order statistics (NumPy's default). A replicate that drew no clip of a group is left out of that group's interval (Resamples counts the replicates used); a group of one clip gets no interval; a metric whose per-frame values are all equal gets an interval of width 0. The draws come from one xoshiro256** stream seeded with -Seed (or a seed drawn and shown in BootstrapSeed), so a seed reproduces the intervals exactly, and every model scored on the same clips gets the same draws.

With -Detection the output is SLAVC's detection view instead of the table: one DetectionScore per model, threshold and IoU threshold (0.5 and 0.75) with AP and MaxF1 (x 100). The positives are the on-screen frames and the negatives the Off-Screen frames. A frame's confidence is the mean of the top quarter (floor(N/4)) of its map's values on the scoring grid (-GridSize, 360 x 640 by default: 57,600 of 230,400 values) after upsampling with -Interpolation, before any threshold. A detected negative (confidence >= theta) is a false positive; a detected positive is a true positive when its cIoU reaches the IoU threshold, else a false positive; an undetected positive is a false negative. AP takes as thresholds every s-th of the confidences sorted in descending order after dropping the largest (s = max(1, floor(K/200)), K frames) and sums the interpolated precision (the largest precision at that threshold or lower ones) times the gain in recall; MaxF1 is the largest F1 over every s'-th of the ascending confidences (s' = max(1, floor(K/10))). With -PerFrame -Detection each FrameScore carries its Confidence.

Negatives in the detection view. Every other negative of the input is a negative of the detection view too, scored per condition as SLAVC's extended sets pool the positives with the non-sounding pairs: the rows of condition Positive rank the positives with AVATAR's Off-Screen frames alone; then, for each negative condition in the input (Silence, Noise, OffScreen, NonSounding), rows of that Condition rank the same positives and Off-Screen frames together with every map of that condition (all repeats pooled), each map with its own confidence; a confidence >= theta is a false positive. So one DetectionScore per model x condition x threshold x IoU threshold, with Condition and Benchmark on the row; Negatives counts the Off-Screen frames plus that condition's maps. VGG-SS and Flickr-SoundNet samples work the same way (per model and benchmark, confidence on their protocol's 224 x 224 grid and interpolation; the cIoU of the positives is the protocol's: give -Protocol SlavcAbsolute or SlavcRelative for SLAVC's own). Their negatives are SLAVC's non-sounding pairs, the frames Get-AvatarFrame -TestList *_plus_silent.csv gives for the rows labelled non-sounding (Condition NonSounding, heard with the listed sample's audio). As these benchmarks threshold each sample on its own, their negatives have no tau of the positives, hence no pIA: without -Detection they are left out with one warning.

Localizations made with negative audio (Invoke-AvatarLocalization -AudioCondition Silence, Noise or OffScreen, or read back by Import-AvatarHeatmap from a condition folder) are scored apart from the positives, after the AvatarScore rows, as NegativeScore rows per model, condition and threshold, every repeat pooled: pIA, 100 x the mean share of the grid a negative map predicts at tau with the run's tie rule (>= tau for AtLeast, > tau for Above; lower is better), and AUC_N, 100 x the trapezoid of #{pIA_k <= t}/K over t = 0.05 i, i = 0 ... 20 (higher is better), for Total, Single-Sound, Mixed-Sound and Multi-Entity over the on-screen frames. AVATAR's own Off-Screen frames stay a row of their own, with TN% (the share of maps the -OffScreenRule counts as empty). tau is the model's positive tau: from -Calibration (Measure-AvatarThreshold on the positive run), or calibrated on the positives of the same model in the input, or -Threshold Fixed -Value; it is never calibrated on negatives, so negatives without either are the error NegativesNeedCalibration (and -Threshold PerFrame is NegativesNeedGlobalThreshold). When a frame's positive map is in the input too, the row gives IoU, 100 x the mean IoU of the frame's positive and negative binary maps at tau (1 when both are empty, 0 when exactly one is). With -PerFrame each negative map is a NegativeFrameScore (Pia, IoU, PredictedPixels, PositivePixels, IntersectionPixels, DonorClip; with -Detection its Confidence).

With -ConfidenceLevel the NegativeScore rows get clip-bootstrap intervals too: PIALower and PIAUpper, AUCNLower and AUCNUpper, IoULower and IoUUpper, TNRateLower and TNRateUpper (the Off-Screen row), with ConfidenceLevel, Resamples and BootstrapSeed. Each is a mean over the row's maps of a per-map value (pIA; the map's share of the AUC_N trapezoid, sum over i of 0.05 ([pIA <= t_i] + [pIA <= t_i+1]) / 2; the map's IoU over the maps with a positive; 1 for a map the Off-Screen rule counts as empty), so a replicate is computed as for the positives: clips drawn with replacement, each map counted as often as its clip was drawn. The clips are numbered over the positives of the same model and threshold and drawn with the positive rows' seed (the same BootstrapSeed), so replicate b draws the same clips for the positive and the negative rows. The VGG-SS and Flickr-SoundNet rows get intervals on their cIoU (CIoUAt50, in Success50Lower and Success50Upper), AUC and mean cIoU (MeanCIoU, in CIoULower and CIoUUpper) from a bootstrap of their samples: each sample is its own clip there (one labelled frame per clip), drawn with the same seed as the AVATAR rows of the call.
'@
    Parameters  = @{
        Localization  = 'The localizations to score, from Invoke-AvatarLocalization or Import-AvatarHeatmap.'
        Protocol      = 'The baseline protocol preset: Avatar, EzVsl, Lvs, SlavcRelative or SlavcAbsolute (see the description). Default: Avatar for AVATAR frames, EzVsl for VGG-SS and Flickr-SoundNet frames. -Threshold, -Value, -TieRule, -Interpolation and -GridSize override the parts of the preset they name.'
        Threshold     = 'How the threshold is chosen: Global (default, one per model calibrated over the run), PerFrame (top half of each map) or Fixed (-Value).'
        TopFraction   = 'The fractions of pooled grid pixels above the Global threshold. Default 0.1; the official evaluator also uses 0.15 and 0.2. One set of rows per fraction.'
        Value         = 'The absolute threshold of -Threshold Fixed.'
        GridSize      = 'The scoring grid as height, width. Default 360, 640, as the official evaluator.'
        Interpolation = 'How heatmaps are brought to the grid: Bilinear (half-pixel centres, OpenCV INTER_LINEAR, the default), BilinearAlignCorners (torch align_corners=True), Bicubic (OpenCV INTER_CUBIC) or BicubicAlignCorners (torch bicubic, align_corners=True). Default: the protocol''s.'
        OffScreenRule = 'When an Off-Screen frame is a true negative: AnyPixel (no pixel at or above the threshold, the default) or AreaFraction (the predicted area is below -OffScreenArea of the grid).'
        OffScreenArea = 'The grid fraction of the AreaFraction rule. Default 0.01.'
        CrossEvent    = 'Also score the on-screen frames of the cross-event clips among the input (the Select-CrossEvent selection) and report Delta = Cross-event CIoU - Total CIoU.'
        GroupBy       = 'Extra rows per Category (on-screen frames with that category) or per Video (clip).'
        PerFrame      = 'Emit one FrameScore per frame (VideoId, FrameIndex, Scenarios, Model, Threshold, CIoU, pixel counts, TrueNegative) instead of the summary.'
        Calibration   = 'Global thresholds calibrated beforehand: AvatarCalibration objects from Measure-AvatarThreshold, or the path of their JSON file (or of a folder holding heatmap_threshold.json). Each model is scored with its own calibration, so a subset of the frames scores exactly as it does within the whole run. Without -TopFraction every calibrated fraction is scored; -GridSize, -Interpolation and -TieRule default to the calibration''s. A model without a calibration is an error (CalibrationNotFound) and the other models are still scored.'
        TieRule       = 'Which pixels a threshold predicts: AtLeast (value at or above tau, the default and the AVATAR spec) or Above (value above tau, as LVS, SSL-TIE and vssl_eval binarize). Applies to every policy.'
        ConfidenceLevel = 'Adds a clip-bootstrap percentile interval at this level (in (0, 1), e.g. 0.95) to CIoU, AUC, Success50 and TNRate on every AVATAR row, to PIA, AUCN, IoU and TNRate on every NegativeScore row (with the positive rows'' draws), and to the cIoU, AUC and mean cIoU of VGG-SS and Flickr-SoundNet rows (their samples resampled). Clips are resampled, not frames, because the frames of one clip are not independent. Not with -PerFrame or -Detection.'
        Resamples     = 'The bootstrap replicates behind the intervals (100 to 1,000,000). Default 2000. Needs -ConfidenceLevel.'
        Seed          = 'The seed of the bootstrap draws: the same seed gives the same intervals. Without it a seed is drawn, shown with -Verbose and kept in BootstrapSeed. Needs -ConfidenceLevel.'
        Detection     = 'Returns SLAVC''s detection view instead of the table: AP and MaxF1 at IoU thresholds 0.5 and 0.75, the on-screen frames (samples with their own audio) as positives and the Off-Screen frames as negatives, ranked by the mean of the top quarter of each map on the scoring grid; then, per negative condition in the input (Silence, Noise, OffScreen, or SLAVC''s NonSounding pairs of a *_plus_silent.csv list), the same ranking with that condition''s maps added as negatives (rows with that Condition). Works on AVATAR, VGG-SS and Flickr-SoundNet. With -PerFrame, the FrameScore and NegativeFrameScore objects carry that Confidence.'
    }
    Defaults    = @{
        Protocol        = 'Avatar for AVATAR frames, EzVsl for VGG-SS and Flickr-SoundNet frames'
        ConfidenceLevel = 'None (no intervals)'
        Seed            = 'None (a seed is drawn and reported)'
    }
    Inputs      = @(@{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'Localizations of one or more models.' })
    Outputs     = @(
        @{ Type = 'AvatarTools.Core.Scoring.AvatarScore'; Description = 'Model, Group, GroupKind, GroupName, Frames, CIoU, AUC, Success50 (null on the Off-Screen row), TNRate, Delta, and the provenance of the threshold: Threshold, TopFraction, ThresholdSource, CalibrationFrames, PredictedFraction, TieRule, GridHeight, GridWidth, Interpolation, and UnseenFrames (labelled frames of the dataset the input did not hold); Clips; with -ConfidenceLevel the interval bounds, ConfidenceLevel, Resamples and BootstrapSeed.' }
        @{ Type = 'AvatarTools.Core.Scoring.FrameScore'; Description = 'With -PerFrame.' }
        @{ Type = 'AvatarTools.Core.Scoring.NegativeScore'; Description = 'For negative-audio localizations in the input: Model, Condition, Group, GroupKind, Maps, Frames, Repeats, PIA, AUCN, IoU, PairedMaps, TNRate (Off-Screen row) and the provenance of tau; with -ConfidenceLevel PIALower, PIAUpper, AUCNLower, AUCNUpper, IoULower, IoUUpper, TNRateLower, TNRateUpper, ConfidenceLevel, Resamples and BootstrapSeed.' }
        @{ Type = 'AvatarTools.Core.Scoring.NegativeFrameScore'; Description = 'With -PerFrame, one per negative-audio map and threshold.' }
        @{ Type = 'AvatarTools.Core.Scoring.DetectionScore'; Description = 'With -Detection: Model, Benchmark, Condition (Positive: the Off-Screen frames alone as negatives; else the condition whose maps were added), IoUThreshold, Positives, Negatives, AP, MaxF1, MaxF1Confidence and the provenance of tau.' }
    )
    Examples    = @(
        @{
            Title   = 'The paper''s table for a model'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model AVSync | Measure-AvatarScore -CrossEvent
'@
            Remarks = 'Single / Mixed / Multi CIoU and AUC, Off-Screen TN%, Total, Cross-event and its drop, at tau for the top 10 %. For an exported model: Invoke-AvatarLocalization -Model ./ezvsl.onnx -Preset EzVsl.'
        }
        @{
            Title   = 'Two models, the three official fractions, saved as CSV'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
@($frames | Invoke-AvatarLocalization -Model Center) + @($frames | Invoke-AvatarLocalization -Model AVSync) |
    Measure-AvatarScore -TopFraction 0.1, 0.15, 0.2 | Export-Csv scores.csv
'@
            Remarks = 'One set of rows per model and fraction.'
        }
        @{
            Title   = 'The worst Multi-Entity frames, at the thresholds of the whole run'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$run = Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model AVSync
$calibration = $run | Measure-AvatarThreshold
$run | Where-Object { $_.Frame.Scenarios -contains 'MultiEntity' } | Measure-AvatarScore -Calibration $calibration -PerFrame |
    Sort-Object CIoU | Select-Object -First 10
'@
            Remarks = 'Per-frame scores, for looking at failures. Calibrating first keeps tau that of the whole run; a slice scored on its own would be calibrated on itself (Measure-AvatarScore warns when it is).'
        }
        @{
            Title   = 'A baseline''s protocol, with one part of it changed'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$run = Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model Center
$run | Measure-AvatarScore -Protocol Lvs -Verbose
$run | Measure-AvatarScore -Protocol Lvs -TieRule AtLeast
'@
            Remarks = 'LVS''s preset (half-pixel bilinear, per-sample min-max, > tau), then the same with >= tau. On VGG-SS or Flickr-SoundNet samples (Get-AvatarFrame -Benchmark) the rows carry CIoUAt50, AUC and MeanCIoU as the papers print them.'
        }
        @{
            Title   = 'The VGG-SS convention and an area rule for Off-Screen frames'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model Center | Measure-AvatarScore -Threshold PerFrame -OffScreenRule AreaFraction -OffScreenArea 0.05
'@
            Remarks = 'Every choice the protocol leaves open is a parameter.'
        }
        @{
            Title   = 'Intervals on every row'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model AVSync | Measure-AvatarScore -ConfidenceLevel 0.95 -Seed 1
'@
            Remarks = 'A 95 % clip-bootstrap interval on CIoU, AUC, Success50 and TN%, from 2,000 replicates; -Seed 1 gives the same intervals every time. Format-List shows every bound.'
        }
        @{
            Title   = 'SLAVC''s detection view on AVATAR''s own negatives'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
@($frames | Invoke-AvatarLocalization -Model Center) + @($frames | Invoke-AvatarLocalization -Model AVSync) | Measure-AvatarScore -Detection
'@
            Remarks = 'AP and MaxF1 at IoU 0.5 and 0.75 per model: does a model''s confidence separate the frames with a visible source from the Off-Screen frames?'
        }
        @{
            Title   = 'Negative audio in the detection view, and intervals on the negatives'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
$all = @($frames | Invoke-AvatarLocalization -Model AVSync) + @($frames | Invoke-AvatarLocalization -Model AVSync -AudioCondition Silence)
$all | Measure-AvatarScore -Detection | Format-Table Model, Condition, IoUThreshold, Positives, Negatives, AP, MaxF1
$all | Measure-AvatarScore -ConfidenceLevel 0.95 -Seed 1 | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeScore] } | Format-Table Group, PIA, PIALower, PIAUpper, AUCN, AUCNLower, AUCNUpper
'@
            Remarks = 'The Silence rows rank the positives against the Off-Screen frames and every silent map; the negatives rows get intervals from the same clip draws as the positive rows (seed 1).'
        }
        @{
            Title   = 'SLAVC''s extended VGG-SS: positives and non-sounding pairs'
            Code    = @'
if (-not (Test-Path ./vggss)) { New-AvatarSyntheticSet ./vggss -Benchmark VggSs | Out-Null }
Get-AvatarFrame ./vggss -TestList ./vggss/vggss_test_plus_silent.csv | Invoke-AvatarLocalization -Model Center |
    Measure-AvatarScore -Detection -Protocol SlavcAbsolute
'@
            Remarks = 'The rows labelled non-sounding are heard with the listed audio (Condition NonSounding): the Positive rows have no negative, the NonSounding rows rank the positives with every pair.'
        }
    )
    Links       = @('Import-AvatarHeatmap', 'Invoke-AvatarLocalization', 'Select-CrossEvent', 'Compare-AvatarScore')
}
