namespace AvatarTools.Core.Scoring;

/// <summary>One row of the AVATAR table: a model's scores over one group of frames at one threshold.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Group">Total, Single-Sound, Mixed-Sound, Multi-Entity, Off-Screen, Cross-event, <c>Category:&lt;name&gt;</c> or <c>Video:&lt;clip_id&gt;</c>.</param>
/// <param name="Frames">The number of frames in the group.</param>
/// <param name="CIoU">100 × mean cIoU (NaN for an empty group; NaN for Off-Screen).</param>
/// <param name="AUC">100 × area under the success curve at t = 0.05·i (NaN for an empty group or Off-Screen).</param>
/// <param name="Success50">100 × share of frames with cIoU ≥ 0.5.</param>
/// <param name="TNRate">Off-Screen only: 100 × TN / (TN + FP).</param>
/// <param name="Delta">Cross-event only: Cross-event CIoU − Total CIoU.</param>
/// <param name="Threshold">The τ used (Global, Fixed); null for PerFrame.</param>
/// <param name="TopFraction">The top fraction p (Global only).</param>
public sealed record AvatarScore(
    string Model,
    string Group,
    int Frames,
    double CIoU,
    double AUC,
    double Success50,
    double? TNRate,
    double? Delta,
    double? Threshold,
    double? TopFraction);
