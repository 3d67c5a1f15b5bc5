namespace AvatarTools.Core.Reports;

/// <summary>The files a report consists of.</summary>
/// <param name="IndexPath">The HTML page.</param>
/// <param name="ScoresPath">The table rows as CSV.</param>
/// <param name="FramesPath">The frame scores as CSV.</param>
/// <param name="ImagePaths">The strip images written beside the page (empty when embedded or when there are none).</param>
/// <param name="ImageErrors">The frames of the strips drawn without their picture, one error each (their image could not be read).</param>
public sealed record ReportFiles(string IndexPath, string ScoresPath, string FramesPath, IReadOnlyList<string> ImagePaths,
    IReadOnlyList<FrameImageError> ImageErrors)
{
    /// <summary>
    /// Models the comparison or negatives table leaves out, each with the error that says why (frames not shared with the
    /// reference, negatives without their positives' τ).
    /// </summary>
    public IReadOnlyList<AvatarTools.Core.AvatarDataException> LeftOut { get; init; } = Array.Empty<AvatarTools.Core.AvatarDataException>();
}
