using System.Globalization;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Reports;

/// <summary>
/// Where overlay pictures go and how their thresholds are chosen: per frame
/// <c>&lt;folder&gt;/&lt;model&gt;/&lt;clip_id&gt;/&lt;frame:5&gt;.png</c>, per clip strips <c>&lt;folder&gt;/strips/&lt;clip_id&gt;.png</c>.
/// </summary>
public static class OverlayWriter
{
    /// <summary>The scoring protocol's Global threshold of each model over the given localizations (top fraction p).</summary>
    public static IReadOnlyDictionary<string, double> GlobalThresholds(IEnumerable<Localization> localizations, double topFraction,
        int gridHeight = 360, int gridWidth = 640, UpsampleMode mode = UpsampleMode.Bilinear, CancellationToken cancellation = default)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var model in localizations.GroupBy(l => l.Model, StringComparer.Ordinal))
        {
            var maps = model.Select(l => l.Heatmap).ToList();
            result[model.Key] = GlobalThreshold.Compute(maps, new[] { topFraction }, gridHeight, gridWidth, mode, cancellationToken: cancellation)[0];
        }
        return result;
    }

    public static string FramePath(string folder, Localization localization) =>
        Path.Combine(folder, SafeName(localization.Model), localization.VideoId, localization.FrameIndex.ToString("D5", CultureInfo.InvariantCulture) + ".png");

    public static string StripPath(string folder, string clipId) => Path.Combine(folder, "strips", clipId + ".png");

    /// <summary>Renders and writes one frame's overlay; returns the file.</summary>
    public static string WriteFrame(string folder, Localization localization, OverlayOptions options)
    {
        var path = FramePath(folder, localization);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, OverlayRenderer.RenderFrame(localization, options));
        return path;
    }

    /// <summary>Renders one strip per clip (labelled frames in time order, a row per model); returns the files.</summary>
    public static IReadOnlyList<string> WriteStrips(string folder, IEnumerable<Localization> localizations, OverlayOptions options,
        CancellationToken cancellation = default)
    {
        var written = new List<string>();
        foreach (var clip in localizations.GroupBy(l => l.VideoId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            cancellation.ThrowIfCancellationRequested();
            var rows = clip.GroupBy(l => l.Model, StringComparer.Ordinal)
                .Select(model => (IReadOnlyList<Localization>)model.OrderBy(l => l.FrameIndex).ToList())
                .ToList();
            var path = StripPath(folder, clip.Key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, OverlayRenderer.RenderStrip(rows, options));
            written.Add(path);
        }
        return written;
    }

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
    }
}
