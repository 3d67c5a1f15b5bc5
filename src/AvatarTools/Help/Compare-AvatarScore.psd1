@{
    Synopsis    = 'Compares models scored on the same frames with a reference model: differences in CIoU, AUC and cIoU@0.5, paired clip-bootstrap intervals and p-values.'
    Description = @'
Compare-AvatarScore collects per-frame scores (the output of Measure-AvatarScore -PerFrame) of two or more models on the same frames and, when the input ends, compares every model with the -Reference model. For each top fraction the two share, each group (Total, Single-Sound, Mixed-Sound, Multi-Entity, Off-Screen and, with -GroupBy, per category or clip) and each metric (CIoU, AUC and Success50, that is cIoU@0.5; TNRate on the Off-Screen row) it returns a ScoreComparison: the model's value, the reference's value (each as Measure-AvatarScore computes it), their Difference (model minus reference), the paired clip-bootstrap interval of the difference (Lower, Upper) and a two-sided PValue.

Frames of one clip are not independent (AVATAR labels about five per clip), so the unit resampled is the clip. Interval: a replicate draws as many clips as the frames come from, with replacement, and recomputes the difference on the drawn clips' frames for both models at once (paired: the same clips for both); the interval is the percentile bootstrap, the (1 - level)/2 and (1 + level)/2 quantiles of the replicate differences with linear interpolation (NumPy's default). A replicate that drew no clip of a group is left out of that group's interval (Resamples counts those used).

P-value: the clip sign-flip test of "no difference". Each metric is 100 x a mean of per-frame values over the group's frames (for AUC, each frame's share of the trapezoid), so the difference is a sum over clips of the clips' summed per-frame differences. Under the null hypothesis that the two models' outputs are exchangeable within a clip, swapping them on a clip flips the sign of its sum; the p-value is the share of sign patterns whose absolute sum is at least the observed one: all 2^C patterns when C <= 16 or 2^C <= -Resamples (PValueExact), else (1 + the count among -Resamples random patterns) / (Resamples + 1). The interval and the p-value come from different resamplings, so in borderline cases they may disagree about 0. With few clips the percentile interval is too narrow (it never reaches beyond the clips' own values), while the exact test says how little they can show: with C clips p is never below 2 / 2^C (0.25 for three clips), however large the difference.

NegativeFrameScore objects (the negative-audio maps that Measure-AvatarScore -PerFrame emits after the frame scores when its input holds negatives) are not compared: they are left out with one warning that counts them, and the positives' FrameScore objects are compared as usual. Compare negatives on the NegativeScore rows of Measure-AvatarScore -ConfidenceLevel, whose pIA and AUC_N intervals come from the same clip draws as the positive rows.

Degenerate cases: a group of one clip has no interval and p = 1; when every frame of a group has the same difference the interval has width 0; a model compared with itself (its scores under another name) gives 0, the interval [0, 0] and p = 1. Frames scored for only one of the two models are an error (FramesNotShared) listing them, and that model is left out while the others are compared; so are a model with no scores at the reference's top fraction (ReferenceFractionNotFound) and one with two scores for a frame (DuplicateFrameScore). The draws come from one seeded xoshiro256** stream (-Seed, or a seed drawn and kept in Seed); the same seed draws the same clips as Measure-AvatarScore -ConfidenceLevel.
'@
    Parameters  = @{
        FrameScore      = 'Per-frame scores of two or more models on the same frames, from Measure-AvatarScore -PerFrame.'
        Reference       = 'The model the others are compared with; the differences are model minus reference.'
        ConfidenceLevel = 'The confidence level of the paired clip-bootstrap intervals, in (0, 1). Default 0.95.'
        Resamples       = 'The bootstrap replicates, and the random sign patterns of the p-value when the clips are too many to enumerate (100 to 1,000,000). Default 2000.'
        Seed            = 'The seed of the draws: the same seed gives the same intervals and p-values. Without it a seed is drawn, shown with -Verbose and kept in Seed.'
        GroupBy         = 'Extra rows per Category (on-screen frames with that category) or per Video (clip; one clip has no interval).'
    }
    Defaults    = @{
        Seed = 'None (a seed is drawn and reported)'
    }
    Inputs      = @(@{ Type = 'AvatarTools.Core.Scoring.FrameScore'; Description = 'Per-frame scores of two or more models, from Measure-AvatarScore -PerFrame.' })
    Outputs     = @(
        @{ Type = 'AvatarTools.Core.Scoring.ScoreComparison'; Description = 'Model, Reference, Group, GroupKind, GroupName, Metric, TopFraction, Frames, Clips, Value, ReferenceValue, Difference, Lower, Upper, PValue, PValueExact, ConfidenceLevel, Resamples, Seed, Threshold and ReferenceThreshold.' }
    )
    Examples    = @(
        @{
            Title   = 'Is AVSync better than the center prior?'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
@($frames | Invoke-AvatarLocalization -Model Center) + @($frames | Invoke-AvatarLocalization -Model AVSync) |
    Measure-AvatarScore -PerFrame | Compare-AvatarScore -Reference Center -Seed 1
'@
            Remarks = 'Per group, the difference AVSync minus Center in CIoU, AUC and Success50 (TN% on the Off-Screen row), its 95 % paired clip-bootstrap interval and the sign-flip p-value.'
        }
        @{
            Title   = 'Only the differences that are clear, at the three official fractions'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
@($frames | Invoke-AvatarLocalization -Model Center) + @($frames | Invoke-AvatarLocalization -Model AVSync) |
    Measure-AvatarScore -PerFrame -TopFraction 0.1, 0.15, 0.2 | Compare-AvatarScore Center -Seed 1 |
    Where-Object PValue -lt 0.05 | Format-Table TopFraction, Group, Metric, Difference, Lower, Upper, PValue
'@
            Remarks = 'Each model''s fraction is paired with the reference''s same fraction. With several models, every one is compared with the reference; with several metrics and groups, think of the number of tests when reading the p-values.'
        }
    )
    Links       = @('Measure-AvatarScore')
}
