namespace AvatarTools.Core.Reports;

/// <summary>A rendered strip: its PNG bytes, and the errors of the frame images it had to draw without their picture.</summary>
/// <param name="Png">The PNG file's bytes.</param>
/// <param name="ImageErrors">One error per frame whose image exists but could not be read, in column order (empty when none).</param>
public sealed record StripImage(byte[] Png, IReadOnlyList<FrameImageError> ImageErrors);
