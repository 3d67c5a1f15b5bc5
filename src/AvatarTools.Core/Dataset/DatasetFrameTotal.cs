namespace AvatarTools.Core.Dataset;

/// <summary>
/// The total a streaming command's progress counts towards: the labelled frames of the datasets its input frames come
/// from (each dataset counted once, when its first frame arrives). A slice of a dataset ends below it; the command then
/// completes its progress at the count it saw.
/// </summary>
public sealed class DatasetFrameTotal
{
    private readonly HashSet<string> _roots = new(StringComparer.Ordinal);
    private long _seen;

    /// <summary>The labelled frames of the datasets seen so far, and never fewer than the frames seen.</summary>
    public long Total { get; private set; }

    /// <summary>Counts <paramref name="frame"/> and its dataset; returns <see cref="Total"/>.</summary>
    public long See(AvatarFrame frame)
    {
        _seen++;
        if (_roots.Add(frame.DatasetPath))
        {
            Total += LabelledFrameCount.Of(frame.DatasetPath) ?? 0;
        }
        Total = Math.Max(Total, _seen);
        return Total;
    }
}
