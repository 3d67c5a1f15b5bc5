namespace AvatarTools.Core.Media;

/// <summary>The image format of extracted video frames.</summary>
public enum FrameImageFormat
{
    /// <summary>JPEG at ffmpeg quality 2 (<c>-q:v 2</c>), named <c>&lt;index, 5 digits&gt;.jpg</c>.</summary>
    Jpeg,

    /// <summary>Lossless PNG, named <c>&lt;index, 5 digits&gt;.png</c>.</summary>
    Png,
}
