namespace AvatarTools.Core.Scoring;

/// <summary>
/// The aggregate metrics of the AVATAR table that carry intervals and comparisons. Each is 100 × the mean over the group's
/// frames of one per-frame value (<see cref="FrameMetricValues"/>), which is what lets a clip bootstrap resample them from
/// clip sums without scoring a map again.
/// </summary>
public enum TableMetric
{
    /// <summary>100 × mean cIoU (on-screen groups).</summary>
    CIoU,

    /// <summary>100 × the area under the success curve at t = 0.05·i (on-screen groups).</summary>
    AUC,

    /// <summary>100 × the share of frames with cIoU ≥ 0.5, cIoU@0.5 (on-screen groups).</summary>
    Success50,

    /// <summary>100 × TN / (TN + FP) (the Off-Screen group).</summary>
    TNRate,
}
