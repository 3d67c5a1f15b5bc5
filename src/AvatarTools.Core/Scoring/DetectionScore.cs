namespace AvatarTools.Core.Scoring;

/// <summary>
/// SLAVC's detection view of one model at one threshold and one IoU threshold: the on-screen frames (the samples with their
/// own audio) are the positives; the negatives are AVATAR's Off-Screen frames, and, on the row of a negative
/// <see cref="Condition"/>, that condition's maps as well (SLAVC's extended sets: the positives pooled with the non-sounding
/// pairs); each is ranked by its confidence (<see cref="FrameScore.Confidence"/>). See <see cref="DetectionMetrics"/> for the
/// definitions.
/// </summary>
public sealed record DetectionScore
{
    /// <summary>The model name.</summary>
    public required string Model { get; init; }

    /// <summary>
    /// The negatives pooled with the positives: Positive for the positives and AVATAR's Off-Screen frames alone; a negative
    /// condition (Silence, Noise, OffScreen, NonSounding) for those plus every map of that condition (all repeats).
    /// </summary>
    public Heatmaps.AudioCondition Condition { get; init; } = Heatmaps.AudioCondition.Positive;

    /// <summary>The benchmark of the samples.</summary>
    public Dataset.Benchmark Benchmark { get; init; } = Dataset.Benchmark.Avatar;

    /// <summary>The cIoU a detected positive needs to count as a true positive (0.5 or 0.75).</summary>
    public required double IoUThreshold { get; init; }

    /// <summary>The positives: on-screen frames.</summary>
    public required int Positives { get; init; }

    /// <summary>The negatives: Off-Screen frames, and the maps of the row's negative condition.</summary>
    public required int Negatives { get; init; }

    /// <summary>100 × the average precision, with SLAVC's threshold sampling and interpolated precision.</summary>
    public required double AP { get; init; }

    /// <summary>100 × the largest F1 over SLAVC's sampled confidence thresholds.</summary>
    public required double MaxF1 { get; init; }

    /// <summary>The confidence threshold at which <see cref="MaxF1"/> is reached (the lowest such threshold).</summary>
    public required double MaxF1Confidence { get; init; }

    /// <summary>The τ the cIoU of the positives were computed with (Global, Fixed); null for PerFrame.</summary>
    public double? Threshold { get; init; }

    /// <summary>The top fraction p (Global only).</summary>
    public double? TopFraction { get; init; }

    /// <summary>Where τ came from.</summary>
    public required ThresholdSource ThresholdSource { get; init; }

    /// <summary>How pixels at τ were counted.</summary>
    public required TieRule TieRule { get; init; }

    /// <summary>The scoring grid height (the confidence is taken on this grid).</summary>
    public required int GridHeight { get; init; }

    /// <summary>The scoring grid width.</summary>
    public required int GridWidth { get; init; }

    /// <summary>How heatmaps were upsampled to the grid.</summary>
    public required UpsampleMode Interpolation { get; init; }
}
