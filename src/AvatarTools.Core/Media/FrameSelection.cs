using System.Globalization;

namespace AvatarTools.Core.Media;

/// <summary>Which frames of a video ffmpeg should produce.</summary>
public sealed class FrameSelection
{
    private FrameSelection(double? rate, IReadOnlyList<int>? indices)
    {
        Rate = rate;
        Indices = indices;
    }

    /// <summary>Every decoded frame.</summary>
    public static FrameSelection All { get; } = new(null, null);

    /// <summary>Frames per second to produce (ffmpeg's <c>fps</c> filter), when selecting by rate.</summary>
    public double? Rate { get; }

    /// <summary>The 0-based frame indices (decoding order), sorted and distinct, when selecting by index.</summary>
    public IReadOnlyList<int>? Indices { get; }

    /// <summary>Frames at a fixed rate (ffmpeg's <c>fps=</c> filter: nearest frame per output tick).</summary>
    public static FrameSelection AtRate(double framesPerSecond)
    {
        if (!(framesPerSecond > 0) || double.IsInfinity(framesPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), framesPerSecond, "must be a positive number of frames per second");
        }
        return new FrameSelection(framesPerSecond, null);
    }

    /// <summary>The frames with these 0-based indices in decoding order (ffmpeg's <c>select</c> filter on <c>n</c>).</summary>
    public static FrameSelection ByIndex(IEnumerable<int> indices)
    {
        var sorted = indices.Distinct().Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("at least one frame index is needed", nameof(indices));
        }
        if (sorted[0] < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(indices), sorted[0], "frame indices are 0-based and cannot be negative");
        }
        return new FrameSelection(null, sorted);
    }

    /// <summary>The ffmpeg video filter for this selection, or null for all frames.</summary>
    internal string? Filter()
    {
        if (Rate is { } rate)
        {
            return "fps=" + rate.ToString("R", CultureInfo.InvariantCulture);
        }
        if (Indices is { } indices)
        {
            return "select='" + string.Join("+", indices.Select(i => "eq(n\\," + i.ToString(CultureInfo.InvariantCulture) + ")")) + "'";
        }
        return null;
    }

    /// <summary>The index to report for the n-th produced frame.</summary>
    internal int IndexOf(int produced) => Indices is { } indices ? indices[produced] : produced;
}
