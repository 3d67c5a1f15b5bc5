namespace AvatarTools.Core.Media;

/// <summary>One decoded video frame as packed RGB24 bytes (row-major, 3 bytes per pixel, no row padding).</summary>
/// <param name="Index">
/// The frame's 0-based index in decoding order when frames were selected by index, otherwise its
/// 0-based position in the output (the n-th frame produced at the requested rate).
/// </param>
public sealed record VideoFrame(int Index, int Width, int Height, byte[] Rgb24);
