using System.Collections.Concurrent;

namespace AvatarTools.Core.Dataset;

/// <summary>How many labelled frames (frame JSON files <c>metadata/&lt;clip&gt;/&lt;digits&gt;.json</c>) a dataset holds.</summary>
public static class LabelledFrameCount
{
    /// <summary>The number of frame files under the dataset root, or null when it is not a readable AVATAR dataset.</summary>
    public static int? Of(string datasetRoot)
    {
        if (string.IsNullOrEmpty(datasetRoot))
        {
            return null;
        }
        var metadata = Path.Combine(datasetRoot, "metadata");
        try
        {
            if (!Directory.Exists(metadata))
            {
                return null;
            }
            var count = 0;
            foreach (var clip in Directory.EnumerateDirectories(metadata))
            {
                foreach (var file in Directory.EnumerateFiles(clip, "*.json"))
                {
                    var name = Path.GetFileNameWithoutExtension(file.AsSpan());
                    if (name.Length > 0 && !name.ContainsAnyExceptInRange('0', '9'))
                    {
                        count++;
                    }
                }
            }
            return count;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The counts of several datasets at once (in parallel); null entries for those that are not readable datasets.</summary>
    public static IReadOnlyDictionary<string, int?> OfAll(IEnumerable<string> datasetRoots)
    {
        var result = new ConcurrentDictionary<string, int?>(StringComparer.Ordinal);
        Parallel.ForEach(datasetRoots.Distinct(StringComparer.Ordinal), root => result[root] = Of(root));
        return result;
    }
}
