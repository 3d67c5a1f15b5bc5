using System.Globalization;

namespace AvatarTools.Core.Media;

/// <summary>The resampling filter ffmpeg scales frames with.</summary>
public enum FrameFilter
{
    /// <summary>Keys cubic with a = −0.5 (swscale bicubic, B = 0, C = 0.5), as PIL's bicubic.</summary>
    Bicubic,

    /// <summary>Bilinear (swscale widens the kernel when shrinking, as PIL does).</summary>
    Bilinear,

    /// <summary>Nearest neighbour.</summary>
    Nearest,
}

/// <summary>
/// The size a model takes its frames at: <see cref="Size"/> × <see cref="Size"/> RGB24, either squashed (both
/// sides resized to S) or with the short side resized to S (the long side to ⌊S · long / short⌋) and the centre
/// S × S cropped, the crop's corner at round((w − S) / 2), round((h − S) / 2) with halves to even (torchvision's rules).
/// </summary>
public sealed record FrameScale(int Size, bool ShortSideCenterCrop, FrameFilter Filter)
{
    /// <summary>A short name for cache keys, e.g. <c>112s-bilinear</c>.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Size}{(ShortSideCenterCrop ? "c" : "s")}-{Filter.ToString().ToLowerInvariant()}");

    /// <summary>The ffmpeg filters that bring a decoded frame to this size, in RGB24.</summary>
    internal string FilterChain()
    {
        if (Size is < 1 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(Size), Size, "the frame size must be 1 to 4096 pixels");
        }
        var flags = Filter switch
        {
            FrameFilter.Bilinear => "bilinear",
            FrameFilter.Nearest => "neighbor",
            _ => "bicubic",
        } + "+accurate_rnd+full_chroma_int";
        var parameters = Filter == FrameFilter.Bicubic ? ":param0=0:param1=0.5" : "";
        var s = Size.ToString(CultureInfo.InvariantCulture);
        if (!ShortSideCenterCrop)
        {
            return $"scale={s}:{s}:flags={flags}{parameters},format=rgb24";
        }
        var width = $"'if(lte(iw,ih),{s},trunc({s}*iw/ih))'";
        var height = $"'if(lte(iw,ih),trunc({s}*ih/iw),{s})'";
        var left = $"'trunc((iw-{s})/2)+mod(iw-{s},2)*mod(trunc((iw-{s})/2),2)'";
        var top = $"'trunc((ih-{s})/2)+mod(ih-{s},2)*mod(trunc((ih-{s})/2),2)'";
        return $"scale=w={width}:h={height}:flags={flags}{parameters},crop={s}:{s}:{left}:{top},format=rgb24";
    }
}
