using System.Collections.Concurrent;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Inference;

/// <summary>
/// The clips an OffScreen run may take audio from, per dataset: every clip of the AVATAR dataset at the frame's
/// <see cref="AvatarFrame.DatasetPath"/> with the union of its labelled frames' categories, read once per dataset. Thread-safe.
/// </summary>
internal sealed class DonorPool
{
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<(string Clip, IReadOnlyCollection<string> Categories)>>> _pools = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Clip, IReadOnlyCollection<string> Categories)> Of(AvatarFrame frame) =>
        _pools.GetOrAdd(frame.DatasetPath, root => new Lazy<IReadOnlyList<(string, IReadOnlyCollection<string>)>>(() => Read(root))).Value;

    private static List<(string Clip, IReadOnlyCollection<string> Categories)> Read(string root)
    {
        var categories = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var record in AvatarDataset.Open(root).ReadFrames())
        {
            if (record.Frame is not { } frame)
            {
                continue;
            }
            if (!categories.TryGetValue(frame.VideoId, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                categories.Add(frame.VideoId, set);
            }
            set.UnionWith(frame.Categories);
        }
        return categories.Select(entry => (entry.Key, (IReadOnlyCollection<string>)entry.Value)).ToList();
    }
}
