using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Reports;

/// <summary>A frame drawn without its picture, and why: its image exists but could not be read.</summary>
/// <param name="Frame">The frame.</param>
/// <param name="Error">The reader's error (the ids of <see cref="Media.FrameImageFile"/>), naming the image file.</param>
public sealed record FrameImageError(AvatarFrame Frame, AvatarDataException Error);
