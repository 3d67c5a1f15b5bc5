namespace AvatarTools.Core.Scoring;

/// <summary>
/// One row of the AVATAR table: a model's scores over one group of frames at one threshold, with where that
/// threshold came from (its provenance), so a number quoted from it can be reproduced.
/// </summary>
public sealed record AvatarScore
{
    /// <summary>The model name.</summary>
    public required string Model { get; init; }

    /// <summary>
    /// The group as printed: Total, Single-Sound, Mixed-Sound, Multi-Entity, Off-Screen, Cross-event,
    /// <c>Category:&lt;name&gt;</c>, <c>Video:&lt;clip_id&gt;</c> or <c>TestList:&lt;name&gt;</c> (<see cref="ScoreGroup.Label"/>).
    /// </summary>
    public required string Group { get; init; }

    /// <summary>The kind of group.</summary>
    public required ScoreGroupKind GroupKind { get; init; }

    /// <summary>The group's name without a prefix: the scenario's task string, the category or the clip id.</summary>
    public required string GroupName { get; init; }

    /// <summary>The group as data: <see cref="GroupKind"/> and <see cref="GroupName"/> (whose label is <see cref="Group"/>).</summary>
    public ScoreGroup GetScoreGroup() => new(GroupKind, GroupName);

    /// <summary>The number of frames in the group.</summary>
    public required int Frames { get; init; }

    /// <summary>The number of clips the group's frames come from (the unit the bootstrap resamples).</summary>
    public int? Clips { get; init; }

    /// <summary>100 × mean cIoU; null for the Off-Screen row.</summary>
    public double? CIoU { get; init; }

    /// <summary>100 × area under the success curve at t = 0.05·i; null for the Off-Screen row.</summary>
    public double? AUC { get; init; }

    /// <summary>100 × share of frames with cIoU ≥ 0.5; null for the Off-Screen row.</summary>
    public double? Success50 { get; init; }

    /// <summary>Off-Screen only: 100 × TN / (TN + FP).</summary>
    public double? TNRate { get; init; }

    /// <summary>Cross-event only: Cross-event CIoU − Total CIoU.</summary>
    public double? Delta { get; init; }

    /// <summary>The lower bound of the clip-bootstrap interval of <see cref="CIoU"/> (with a confidence level only).</summary>
    public double? CIoULower { get; init; }

    /// <summary>The upper bound of the clip-bootstrap interval of <see cref="CIoU"/>.</summary>
    public double? CIoUUpper { get; init; }

    /// <summary>The lower bound of the clip-bootstrap interval of <see cref="AUC"/>.</summary>
    public double? AUCLower { get; init; }

    /// <summary>The upper bound of the clip-bootstrap interval of <see cref="AUC"/>.</summary>
    public double? AUCUpper { get; init; }

    /// <summary>The lower bound of the clip-bootstrap interval of <see cref="Success50"/>.</summary>
    public double? Success50Lower { get; init; }

    /// <summary>The upper bound of the clip-bootstrap interval of <see cref="Success50"/>.</summary>
    public double? Success50Upper { get; init; }

    /// <summary>The lower bound of the clip-bootstrap interval of <see cref="TNRate"/> (the Off-Screen row).</summary>
    public double? TNRateLower { get; init; }

    /// <summary>The upper bound of the clip-bootstrap interval of <see cref="TNRate"/>.</summary>
    public double? TNRateUpper { get; init; }

    /// <summary>The confidence level of the intervals (e.g. 0.95); null when none were asked for.</summary>
    public double? ConfidenceLevel { get; init; }

    /// <summary>
    /// The bootstrap replicates the row's intervals rest on: those that drew at least one clip of the group (all of them for
    /// the Total row of a run). Null when the group has fewer than two clips, which gives no interval.
    /// </summary>
    public int? Resamples { get; init; }

    /// <summary>The seed of the bootstrap draws, so that the intervals can be reproduced.</summary>
    public int? BootstrapSeed { get; init; }

    /// <summary>The τ used (Global, Fixed); null for PerFrame.</summary>
    public double? Threshold { get; init; }

    /// <summary>The top fraction p (Global only).</summary>
    public double? TopFraction { get; init; }

    /// <summary>Where τ came from: calibrated on this input, a given calibration, a fixed value, or per frame.</summary>
    public required ThresholdSource ThresholdSource { get; init; }

    /// <summary>The number of heatmaps τ was calibrated on (Global only).</summary>
    public int? CalibrationFrames { get; init; }

    /// <summary>The share of the calibration's pooled pixels predicted at τ (Global only); far from p when pixels tie at τ.</summary>
    public double? PredictedFraction { get; init; }

    /// <summary>How pixels at τ were counted.</summary>
    public required TieRule TieRule { get; init; }

    /// <summary>The scoring grid height.</summary>
    public required int GridHeight { get; init; }

    /// <summary>The scoring grid width.</summary>
    public required int GridWidth { get; init; }

    /// <summary>How heatmaps were upsampled to the grid.</summary>
    public required UpsampleMode Interpolation { get; init; }

    /// <summary>
    /// Labelled frames of the dataset(s) the input came from that this model's input did not hold (0 for a complete run;
    /// null when unknown, e.g. frames made through the API).
    /// </summary>
    public int? UnseenFrames { get; init; }

    /// <summary>The benchmark the row's frames come from.</summary>
    public AvatarTools.Core.Dataset.Benchmark Benchmark { get; init; } = AvatarTools.Core.Dataset.Benchmark.Avatar;

    /// <summary>The protocol preset the row was scored with (its settings as overridden are the row's other fields).</summary>
    public ScoreProtocol Protocol { get; init; } = ScoreProtocol.Avatar;

    /// <summary>
    /// VGG-SS and Flickr-SoundNet rows: 100 × #{cIoU ≥ 0.5} / K, the "cIoU" (AP50, LocAcc) column of the papers' tables
    /// (the same number as <see cref="Success50"/>); null on AVATAR rows.
    /// </summary>
    public double? CIoUAt50 { get; init; }

    /// <summary>
    /// VGG-SS and Flickr-SoundNet rows: 100 × mean cIoU (EZ-VSL's "Avg-cIoU"; the same number as <see cref="CIoU"/>), an
    /// undefined sample counting as 0; null on AVATAR rows.
    /// </summary>
    public double? MeanCIoU { get; init; }

    /// <summary>
    /// VGG-SS and Flickr-SoundNet rows: samples whose cIoU is undefined (Σ G = 0 and Σ P = 0, NaN in the baselines), each
    /// counted as a failure at every threshold; null on AVATAR rows.
    /// </summary>
    public int? UndefinedFrames { get; init; }
}
