using System.Globalization;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.IO;

namespace AvatarTools.Core.Heatmaps;

/// <summary>
/// Finds the heatmap of a labelled frame in a folder of <c>.npy</c> files, in this order:
/// <c>&lt;dir&gt;/&lt;clip_id&gt;/&lt;frame:D5&gt;.npy</c>, <c>&lt;dir&gt;/&lt;clip_id&gt;_&lt;frame:D5&gt;.npy</c>, or a per-clip
/// <c>&lt;dir&gt;/&lt;clip_id&gt;.npy</c> of shape [T, h, w] whose sample t lies at time t / <see cref="SampleRate"/>
/// (the frame's map is then linearly interpolated in time between the two nearest samples, clamped at the ends).
/// </summary>
/// <remarks>
/// The last per-clip array read is cached, so frames that arrive grouped by clip read each file once. Thread-safe.
/// Writing is <see cref="HeatmapWriter"/>'s; the interpolation in time is <see cref="Heatmap.Interpolate(IReadOnlyList{Heatmap}, double)"/>.
/// </remarks>
public sealed class HeatmapStore
{
    private readonly object _gate = new();
    private string? _cachedPath;
    private IReadOnlyList<Heatmap>? _cachedMaps;

    /// <param name="directory">The folder holding the files.</param>
    /// <param name="sampleRate">The rate (samples per second) of per-clip [T, h, w] arrays; needed only for those.</param>
    public HeatmapStore(string directory, double? sampleRate = null)
    {
        if (sampleRate is double rate && !(rate > 0 && double.IsFinite(rate)))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), "The sample rate must be a positive number.");
        }
        Directory = directory;
        SampleRate = sampleRate;
    }

    public string Directory { get; }

    /// <summary>Samples per second of per-clip arrays (sample t at time t / rate).</summary>
    public double? SampleRate { get; }

    /// <summary>
    /// The per-frame file path of a frame, <c>&lt;dir&gt;/&lt;clip_id&gt;/&lt;frame:D5&gt;.npy</c>, the clip id mapped to a safe
    /// folder name by <see cref="OutputNames.ToSegment"/> (the identity for AVATAR's clip ids).
    /// </summary>
    public static string GetFramePath(string directory, AvatarFrame frame) =>
        Path.Combine(directory, OutputNames.ToSegment(frame.VideoId), FrameStem(frame) + ".npy");

    /// <summary>The name of a frame's map without its extension: <c>&lt;frame:D5&gt;</c>.</summary>
    internal static string FrameStem(AvatarFrame frame) => frame.FrameIndex.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the map of a frame, or throws <see cref="AvatarDataException"/>: <c>HeatmapNotFound</c>, <c>NotARegularFile</c>
    /// (a folder, FIFO or device where a file is looked for: refused, never opened), <c>HeatmapUnreadable</c>, and the
    /// ids of <see cref="NpyReader"/>.
    /// </summary>
    public Heatmap Read(AvatarFrame frame)
    {
        var clip = OutputNames.ToSegment(frame.VideoId);
        var index = FrameStem(frame);
        var framePath = Path.Combine(Directory, clip, index + ".npy");
        if (IsPresent(framePath))
        {
            return NpyReader.ReadHeatmap(framePath);
        }
        var flatPath = Path.Combine(Directory, $"{clip}_{index}.npy");
        if (IsPresent(flatPath))
        {
            return NpyReader.ReadHeatmap(flatPath);
        }
        var clipPath = Path.Combine(Directory, clip + ".npy");
        if (!IsPresent(clipPath))
        {
            throw new AvatarDataException("HeatmapNotFound", AvatarErrorKind.NotFound, framePath,
                $"No heatmap for {frame}: looked for {framePath}, {flatPath} and {clipPath}.");
        }
        if (SampleRate is not double rate)
        {
            throw new AvatarDataException("HeatmapSampleRateRequired", AvatarErrorKind.InvalidArgument, clipPath,
                "A per-clip heatmap array needs the sample rate of its maps (samples per second).");
        }
        if (frame.Time is not double time)
        {
            throw new AvatarDataException("FrameTimeUnknown", AvatarErrorKind.InvalidData, frame.MetadataPath,
                $"The time of {frame} is unknown (no frame rate), so it cannot be placed in the per-clip array {clipPath}.");
        }
        IReadOnlyList<Heatmap> maps;
        lock (_gate)
        {
            if (!string.Equals(_cachedPath, clipPath, StringComparison.Ordinal))
            {
                _cachedMaps = NpyReader.ReadHeatmaps(clipPath);
                _cachedPath = clipPath;
            }
            maps = _cachedMaps!;
        }
        return Heatmap.Interpolate(maps, time * rate);
    }

    /// <summary>True when something is at the path: a regular file is read; anything else is refused here, unopened.</summary>
    private static bool IsPresent(string path)
    {
        var kind = FileKinds.Of(path);
        return kind switch
        {
            FileKind.Missing => false,
            FileKind.Regular => true,
            _ => throw InputFile.NotARegularFile(path, kind, "heatmap"),
        };
    }
}
