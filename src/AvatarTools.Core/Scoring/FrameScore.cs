using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Scoring;

/// <summary>The evaluation of one model's map on one labelled frame at one threshold (the per-image step).</summary>
/// <param name="VideoId">The clip id.</param>
/// <param name="FrameIndex">The frame index.</param>
/// <param name="Scenarios">The frame's scenarios.</param>
/// <param name="Model">The model name.</param>
/// <param name="Threshold">The τ used (for PerFrame, in normalised units).</param>
/// <param name="CIoU">|P∩G| / (|G| + |P\G|), in [0, 1]; 0 when both G and P are empty (the spec's decision).</param>
/// <param name="TruthPixels">|G| on the grid.</param>
/// <param name="PredictedPixels">|P| on the grid.</param>
/// <param name="IntersectionPixels">|P∩G|.</param>
/// <param name="TrueNegative">Off-Screen frames only: whether the prediction counts as empty.</param>
/// <param name="TopFraction">The Global policy's fraction p, else null.</param>
/// <param name="Categories">The categories of the frame's on-screen instances (sorted ordinally).</param>
public sealed record FrameScore(
    string VideoId,
    int FrameIndex,
    IReadOnlyList<AvatarScenario> Scenarios,
    string Model,
    double Threshold,
    double CIoU,
    int TruthPixels,
    int PredictedPixels,
    int IntersectionPixels,
    bool? TrueNegative,
    double? TopFraction,
    IReadOnlyList<string> Categories)
{
    /// <summary>The frame's scenarios; in a CSV cell, a JSON array of their names.</summary>
    public IReadOnlyList<AvatarScenario> Scenarios { get; init; } = NameList.Of(Scenarios);

    /// <summary>The categories of the frame's on-screen instances; in a CSV cell, a JSON array.</summary>
    public IReadOnlyList<string> Categories { get; init; } = NameList.Of(Categories);

    /// <summary>True for an Off-Screen frame (no on-screen instance); those are scored only as TN/FP.</summary>
    public bool IsOffScreen => TrueNegative.HasValue;

    /// <summary>Where τ came from.</summary>
    public ThresholdSource ThresholdSource => Provenance?.Source ?? ThresholdSource.Calibrated;

    /// <summary>How pixels at τ were counted.</summary>
    public TieRule TieRule => Provenance?.TieRule ?? TieRule.AtLeast;

    /// <summary>
    /// The detection confidence of SLAVC's detection view (<see cref="DetectionMetrics"/>): the mean of the top quarter
    /// (⌊N/4⌋) of the map's values on the scoring grid (N grid pixels, after upsampling, before any threshold or
    /// normalisation); NaN when the map holds NaN. Null unless detection was asked for.
    /// </summary>
    public double? Confidence { get; init; }

    /// <summary>The benchmark of the frame.</summary>
    public Benchmark Benchmark { get; init; } = Benchmark.Avatar;

    /// <summary>The test list the frame was selected by (VGG-SS, Flickr-SoundNet), or null.</summary>
    public string? TestList { get; init; }

    /// <summary>
    /// VGG-SS and Flickr-SoundNet: Σ G, the weighted ground truth (Flickr: ½ per pixel one annotator covers, 1 for two or more;
    /// VGG-SS: |G|); null for AVATAR. <see cref="TruthPixels"/> is then the pixels with G &gt; 0.
    /// </summary>
    public double? TruthWeight { get; init; }

    /// <summary>VGG-SS and Flickr-SoundNet: Σ P·G; null for AVATAR. <see cref="IntersectionPixels"/> is then |P ∩ {G &gt; 0}|.</summary>
    public double? IntersectionWeight { get; init; }

    /// <summary>The scoring settings shared by every frame score of one model and threshold (null when made by hand).</summary>
    internal ScoreProvenance? Provenance { get; init; }
}

/// <summary>How the frame scores of one model at one threshold were made: the provenance their summary rows carry.</summary>
internal sealed record ScoreProvenance(
    ThresholdSource Source,
    double? Threshold,
    double? TopFraction,
    TieRule TieRule,
    int GridHeight,
    int GridWidth,
    UpsampleMode Interpolation,
    AvatarCalibration? Calibration,
    ScoreProtocol Protocol = ScoreProtocol.Avatar);
