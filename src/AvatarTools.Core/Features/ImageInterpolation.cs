namespace AvatarTools.Core.Features;

/// <summary>The resampling filter of the resize (PIL names).</summary>
public enum ImageInterpolation
{
    Bicubic,
    Bilinear,
    Nearest,
}
