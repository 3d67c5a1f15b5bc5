namespace AvatarTools.Core.Dataset;

/// <summary>
/// Cross-event selection over a stream of frames in any order. A clip is decided as soon as all of
/// its labelled frames on disk (metadata/&lt;clip_id&gt;/*.json) have arrived, so input grouped by clip
/// (as the reader emits it) streams clip by clip; the other clips are decided on the frames that
/// arrived when the input ends. Either way the decision is that of the input frames of the clip.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "A stream of frames (the pipeline's), not a System.IO.Stream; the public name is kept.")]
public sealed class CrossEventStream
{
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _arrivalOrder = new();

    public readonly record struct Decision(string VideoId, bool IsCrossEvent, IReadOnlyList<AvatarFrame> Frames);

    /// <summary>Adds a frame; returns the clips it completes (zero or one).</summary>
    public IEnumerable<Decision> Add(AvatarFrame frame)
    {
        if (!_pending.TryGetValue(frame.VideoId, out var pending))
        {
            pending = new Pending(ExpectedFrames(frame));
            _pending.Add(frame.VideoId, pending);
            _arrivalOrder.Add(frame.VideoId);
        }
        pending.Frames.Add(frame);
        pending.Indices.Add(frame.FrameIndex);
        if (pending.Expected is { } expected && expected.IsSubsetOf(pending.Indices))
        {
            _pending.Remove(frame.VideoId);
            _arrivalOrder.Remove(frame.VideoId);
            return new[] { Decide(frame.VideoId, pending) };
        }
        return Array.Empty<Decision>();
    }

    /// <summary>Decides every clip still open, in the order they first arrived.</summary>
    public IEnumerable<Decision> Finish()
    {
        var decisions = _arrivalOrder.Select(id => Decide(id, _pending[id])).ToList();
        _pending.Clear();
        _arrivalOrder.Clear();
        return decisions;
    }

    private static Decision Decide(string videoId, Pending pending) =>
        new(videoId, CrossEventSelector.IsCrossEvent(pending.Frames), pending.Frames);

    private static HashSet<int>? ExpectedFrames(AvatarFrame frame)
    {
        var folder = Path.GetDirectoryName(frame.MetadataPath);
        if (folder is null || !Directory.Exists(folder))
        {
            return null;
        }
        var indices = new HashSet<int>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(file), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                indices.Add(index);
            }
        }
        return indices.Count > 0 ? indices : null;
    }

    private sealed class Pending(HashSet<int>? expected)
    {
        public HashSet<int>? Expected { get; } = expected;

        public List<AvatarFrame> Frames { get; } = new();

        public HashSet<int> Indices { get; } = new();
    }
}
