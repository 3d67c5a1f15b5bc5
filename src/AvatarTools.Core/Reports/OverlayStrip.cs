using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Reports;

/// <summary>The outcome of one clip's strip.</summary>
/// <param name="ClipId">The clip.</param>
/// <param name="Path">The file written; null when the strip failed.</param>
/// <param name="ImageErrors">The frames drawn without their picture (their image could not be read).</param>
/// <param name="Error">Why the strip was not written; null when it was.</param>
public sealed record OverlayStrip(string ClipId, string? Path, IReadOnlyList<FrameImageError> ImageErrors, AvatarDataException? Error);
