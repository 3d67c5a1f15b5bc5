namespace AvatarTools.Core.Scoring;

/// <summary>
/// One metric of one group compared between a model and the reference on the same frames: the difference (model minus
/// reference, in the table's units), its paired clip-bootstrap interval and a two-sided p-value (see <see cref="PairedComparison"/>).
/// </summary>
public sealed record ScoreComparison
{
    /// <summary>The model compared.</summary>
    public required string Model { get; init; }

    /// <summary>The reference model.</summary>
    public required string Reference { get; init; }

    /// <summary>The group as printed (Total, Single-Sound, Mixed-Sound, Multi-Entity, Off-Screen, Category:…, Video:…, TestList:…; <see cref="ScoreGroup.Label"/>).</summary>
    public required string Group { get; init; }

    /// <summary>The kind of group.</summary>
    public required ScoreGroupKind GroupKind { get; init; }

    /// <summary>The group's name without a prefix.</summary>
    public required string GroupName { get; init; }

    /// <summary>The metric compared (TNRate on the Off-Screen row; CIoUAt50, AUC and MeanCIoU on VGG-SS and Flickr-SoundNet rows).</summary>
    public required TableMetric Metric { get; init; }

    /// <summary>The top fraction p both models were thresholded at (null for the Fixed and PerFrame policies).</summary>
    public double? TopFraction { get; init; }

    /// <summary>The frames of the group (the same for both models).</summary>
    public required int Frames { get; init; }

    /// <summary>The clips those frames come from.</summary>
    public required int Clips { get; init; }

    /// <summary>The model's value of the metric (as Measure-AvatarScore gives it).</summary>
    public required double Value { get; init; }

    /// <summary>The reference's value of the metric.</summary>
    public required double ReferenceValue { get; init; }

    /// <summary><see cref="Value"/> − <see cref="ReferenceValue"/>.</summary>
    public required double Difference { get; init; }

    /// <summary>The lower bound of the paired clip-bootstrap percentile interval of the difference; null for one clip.</summary>
    public double? Lower { get; init; }

    /// <summary>The upper bound of that interval; null for one clip.</summary>
    public double? Upper { get; init; }

    /// <summary>The two-sided p-value of the clip sign-flip test of "no difference".</summary>
    public required double PValue { get; init; }

    /// <summary>True when the p-value enumerates every sign flip (at most 16 clips, or 2^C ≤ the resamples); false when it samples that many of them.</summary>
    public required bool PValueExact { get; init; }

    /// <summary>The confidence level of the interval.</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>The bootstrap replicates the interval rests on (those that drew a clip of the group); null for one clip.</summary>
    public int? Resamples { get; init; }

    /// <summary>The seed of the draws.</summary>
    public required int Seed { get; init; }

    /// <summary>The model's τ (Global, Fixed; null for PerFrame).</summary>
    public double? Threshold { get; init; }

    /// <summary>The reference's τ.</summary>
    public double? ReferenceThreshold { get; init; }
}
