using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// One row of the negatives table: a model's negative-audio maps (one <see cref="AudioCondition"/>, every repeat pooled) over
/// one group of frames, thresholded at the τ of the model's positives.
/// </summary>
public sealed record NegativeScore
{
    /// <summary>The model name.</summary>
    public required string Model { get; init; }

    /// <summary>The negative audio condition.</summary>
    public required AudioCondition Condition { get; init; }

    /// <summary>Total, Single-Sound, Mixed-Sound, Multi-Entity (on-screen frames), or Off-Screen (AVATAR's own Off-Screen frames).</summary>
    public required string Group { get; init; }

    /// <summary>The kind of group.</summary>
    public required ScoreGroupKind GroupKind { get; init; }

    /// <summary>K: the negative maps pooled (frames × repeats).</summary>
    public required int Maps { get; init; }

    /// <summary>The distinct frames.</summary>
    public required int Frames { get; init; }

    /// <summary>The distinct repeats pooled.</summary>
    public required int Repeats { get; init; }

    /// <summary>100 × mean pIA, the share of the image predicted at τ (lower is better).</summary>
    public required double PIA { get; init; }

    /// <summary>100 × AUC_N, the area under #{pIA_k ≤ t}/K over t = 0.05·i (higher is better).</summary>
    public required double AUCN { get; init; }

    /// <summary>100 × the mean IoU of each map with its frame's positive map at τ; null when no positive was given.</summary>
    public double? IoU { get; init; }

    /// <summary>The negative maps whose frame had a positive map (the maps behind <see cref="IoU"/>).</summary>
    public int PairedMaps { get; init; }

    /// <summary>The Off-Screen row only: 100 × the share of maps that count as empty (the run's Off-Screen rule).</summary>
    public double? TNRate { get; init; }

    /// <summary>The level of the clip-bootstrap intervals (-ConfidenceLevel), else null.</summary>
    public double? ConfidenceLevel { get; init; }

    /// <summary>The replicates behind the intervals (those that drew a clip of the group).</summary>
    public int? Resamples { get; init; }

    /// <summary>The seed of the bootstrap draws (the positive rows' seed of the same run).</summary>
    public int? BootstrapSeed { get; init; }

    /// <summary>The lower bound of <see cref="PIA"/>'s interval.</summary>
    public double? PIALower { get; init; }

    /// <summary>The upper bound of <see cref="PIA"/>'s interval.</summary>
    public double? PIAUpper { get; init; }

    /// <summary>The lower bound of <see cref="AUCN"/>'s interval.</summary>
    public double? AUCNLower { get; init; }

    /// <summary>The upper bound of <see cref="AUCN"/>'s interval.</summary>
    public double? AUCNUpper { get; init; }

    /// <summary>The lower bound of <see cref="IoU"/>'s interval.</summary>
    public double? IoULower { get; init; }

    /// <summary>The upper bound of <see cref="IoU"/>'s interval.</summary>
    public double? IoUUpper { get; init; }

    /// <summary>The lower bound of <see cref="TNRate"/>'s interval.</summary>
    public double? TNRateLower { get; init; }

    /// <summary>The upper bound of <see cref="TNRate"/>'s interval.</summary>
    public double? TNRateUpper { get; init; }

    /// <summary>τ (the positives' calibration, or the fixed value).</summary>
    public required double Threshold { get; init; }

    /// <summary>The top fraction p of the positives' calibration (Global only).</summary>
    public double? TopFraction { get; init; }

    /// <summary>Where τ came from: calibrated on the input's positives, a given calibration, or a fixed value; never the negatives.</summary>
    public required ThresholdSource ThresholdSource { get; init; }

    /// <summary>How pixels at τ were counted (the run's tie rule).</summary>
    public required TieRule TieRule { get; init; }

    /// <summary>The scoring grid height.</summary>
    public required int GridHeight { get; init; }

    /// <summary>The scoring grid width.</summary>
    public required int GridWidth { get; init; }

    /// <summary>How heatmaps were upsampled to the grid.</summary>
    public required UpsampleMode Interpolation { get; init; }
}

/// <summary>One negative map scored at one τ: its predicted share and, when its frame's positive map was given, their overlap.</summary>
/// <param name="VideoId">The clip id.</param>
/// <param name="FrameIndex">The frame index.</param>
/// <param name="Model">The model name.</param>
/// <param name="Condition">The negative condition.</param>
/// <param name="Repeat">The repeat of the map.</param>
/// <param name="DonorClip">The OffScreen donor clip, else null.</param>
/// <param name="IsOffScreen">True for AVATAR's own Off-Screen frames.</param>
/// <param name="Threshold">τ.</param>
/// <param name="TopFraction">p of the positives' calibration (Global), else null.</param>
/// <param name="PredictedPixels">|N|, the negative map's pixels predicted at τ.</param>
/// <param name="GridPixels">The grid's pixels.</param>
/// <param name="PositivePixels">|P| of the frame's positive map at τ; null without one.</param>
/// <param name="IntersectionPixels">|P∩N|; null without a positive map.</param>
public sealed record NegativeFrameScore(
    string VideoId,
    int FrameIndex,
    string Model,
    AudioCondition Condition,
    int Repeat,
    string? DonorClip,
    bool IsOffScreen,
    double Threshold,
    double? TopFraction,
    int PredictedPixels,
    int GridPixels,
    int? PositivePixels,
    int? IntersectionPixels)
{
    /// <summary>pIA: |N| / grid pixels.</summary>
    public double Pia => NegativeMetrics.Pia(PredictedPixels, GridPixels);

    /// <summary>The IoU of the positive and negative binary maps (1 when both are empty, 0 when one is); null without a positive map.</summary>
    public double? IoU => PositivePixels is int positive && IntersectionPixels is int intersection
        ? NegativeMetrics.BinaryIoU(positive, PredictedPixels, intersection)
        : null;

    /// <summary>The frame's scenarios (for the groups).</summary>
    public IReadOnlyList<Dataset.AvatarScenario> Scenarios { get; init; } = Array.Empty<Dataset.AvatarScenario>();

    /// <summary>The benchmark of the frame.</summary>
    public Dataset.Benchmark Benchmark { get; init; } = Dataset.Benchmark.Avatar;

    /// <summary>SLAVC's detection confidence of the negative map (the mean of its top quarter on the grid); null unless scored with detection.</summary>
    public double? Confidence { get; init; }

    internal ScoreProvenance? Provenance { get; init; }
}
