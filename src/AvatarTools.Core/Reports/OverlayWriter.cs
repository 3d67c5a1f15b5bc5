using System.Globalization;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.IO;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Reports;

/// <summary>
/// Writes the overlay pictures of one command: per frame <c>&lt;folder&gt;/&lt;model&gt;/&lt;clip_id&gt;/&lt;frame:D5&gt;.png</c>
/// (one subfolder per model, so two models never overwrite each other), per clip
/// <c>&lt;folder&gt;/strips/&lt;clip_id&gt;.png</c> (a row per model). Also chooses the thresholds.
/// </summary>
/// <remarks>
/// Model names and clip ids become file names through <see cref="OutputNames.ToSegment"/>, and every path is checked to
/// lie inside the folder (<c>UnsafeOutputName</c>); the same picture twice in one command is <c>DuplicateOutput</c>, two names
/// that a case-insensitive file system would store as one are <c>OutputNameCollision</c> (see <see cref="OutputFolder"/>).
/// Each file is written whole or not at all (<see cref="AtomicFile"/>); one that cannot be written is <c>OverlayNotWritten</c>.
/// Thread-safe.
/// </remarks>
public sealed class OverlayWriter
{
    private readonly OutputFolder _output;

    /// <param name="folder">The output folder (created when missing).</param>
    /// <param name="options">How the pictures are drawn.</param>
    /// <param name="noClobber">Refuse to replace a file that exists already (<c>OutputExists</c>); by default it is overwritten.</param>
    public OverlayWriter(string folder, OverlayOptions options, bool noClobber = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _output = new OutputFolder(folder) { NoClobber = noClobber };
        Options = options;
    }

    /// <summary>The full path of the output folder.</summary>
    public string Folder => _output.Root;

    public OverlayOptions Options { get; }

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

    /// <summary>The file of a frame's picture (nothing is written or remembered).</summary>
    /// <exception cref="AvatarDataException"><c>UnsafeOutputName</c>.</exception>
    public string FramePath(Localization localization) => _output.PathFor(FrameFolders(localization), FrameStem(localization), ".png");

    /// <summary>The file of a clip's strip (nothing is written or remembered).</summary>
    /// <exception cref="AvatarDataException"><c>UnsafeOutputName</c>.</exception>
    public string StripPath(string clipId) => _output.PathFor(StripFolders, clipId, ".png");

    /// <summary>Renders and writes one frame's picture; returns the file.</summary>
    /// <exception cref="AvatarDataException">The frame image cannot be read (the ids of <see cref="Media.FrameImageFile"/>),
    /// <c>UnsafeOutputName</c>, <c>DuplicateOutput</c>, <c>OutputNameCollision</c> or <c>OverlayNotWritten</c>; nothing is written then.</exception>
    public string WriteFrame(Localization localization)
    {
        var path = _output.Claim(FrameFolders(localization), FrameStem(localization), ".png");
        var png = OverlayRenderer.RenderFrame(localization, Options);
        Save(path, png);
        return path;
    }

    /// <summary>
    /// Renders and writes one strip per clip (labelled frames in time order, a row per model), in clip order, yielding one
    /// result per clip as it is written: a clip that fails is an error in its result, and the next clip goes on.
    /// </summary>
    public IEnumerable<OverlayStrip> WriteStrips(IEnumerable<Localization> localizations, CancellationToken cancellation = default)
    {
        foreach (var clip in localizations.GroupBy(l => l.VideoId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            cancellation.ThrowIfCancellationRequested();
            yield return WriteStrip(clip.Key, clip);
        }
    }

    private OverlayStrip WriteStrip(string clipId, IEnumerable<Localization> localizations)
    {
        string? path = null;
        try
        {
            path = _output.Claim(StripFolders, clipId, ".png");
            var rows = localizations.GroupBy(l => l.Model, StringComparer.Ordinal)
                .Select(model => (IReadOnlyList<Localization>)model.OrderBy(l => l.FrameIndex).ToList())
                .ToList();
            var strip = OverlayRenderer.RenderStrip(rows, Options);
            Save(path, strip.Png);
            return new OverlayStrip(clipId, path, strip.ImageErrors, null);
        }
        catch (AvatarDataException ex)
        {
            return new OverlayStrip(clipId, null, Array.Empty<FrameImageError>(), ex);
        }
    }

    private static void Save(string path, byte[] png)
    {
        try
        {
            AtomicFile.WriteAllBytes(path, png);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AvatarDataException("OverlayNotWritten", AvatarErrorKind.WriteError, path, $"cannot be written ({ex.Message})", ex);
        }
    }

    private static readonly string[] StripFolders = { "strips" };

    private static string[] FrameFolders(Localization localization) => new[] { localization.Model, localization.VideoId };

    private static string FrameStem(Localization localization) => localization.FrameIndex.ToString("D5", CultureInfo.InvariantCulture);
}
