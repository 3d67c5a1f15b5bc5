using System.Globalization;

namespace AvatarTools.Core.Dataset;

/// <summary>
/// The AVATAR benchmark as released: <c>metadata/&lt;clip_id&gt;/&lt;frame&gt;.json</c> (+ <c>.jpg</c>),
/// <c>video/&lt;clip_id&gt;.mp4</c> or <c>video/video/&lt;clip_id&gt;.mp4</c>, optional <c>audio/&lt;clip_id&gt;.wav</c>,
/// optional extracted frames <c>frames/&lt;clip_id&gt;/&lt;index&gt;.jpg</c>, and an optional
/// <c>frame_rates.csv</c> (<c>clip_id,fps</c>) that spares probing the videos. The dataset is only read.
/// </summary>
public sealed class AvatarDataset : IClipMedia
{
    public const string FrameRatesFileName = "frame_rates.csv";

    private readonly Lazy<IReadOnlyDictionary<string, double>> _frameRateSidecar;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, double?> _frameRates = new(StringComparer.Ordinal);
    private readonly Func<string, double?>? _videoFrameRate;

    private AvatarDataset(string root, Func<string, double?>? videoFrameRate)
    {
        Root = root;
        MetadataFolder = System.IO.Path.Combine(root, "metadata");
        _videoFrameRate = videoFrameRate;
        _frameRateSidecar = new Lazy<IReadOnlyDictionary<string, double>>(ReadFrameRateSidecar);
    }

    /// <summary>The dataset root (the folder that holds <c>metadata/</c>).</summary>
    public string Root { get; }

    public string MetadataFolder { get; }

    /// <summary>
    /// Opens a dataset root. Also accepts the <c>metadata</c> folder itself. Throws
    /// <see cref="AvatarDataException"/> when the folder does not exist or is not an AVATAR dataset.
    /// </summary>
    /// <param name="path">The dataset root or its <c>metadata</c> folder.</param>
    /// <param name="videoFrameRate">
    /// The frame rate of a video file, or null when it cannot be read: asked for clips that
    /// <c>frame_rates.csv</c> does not list (the media stage provides it, e.g. <c>Mp4Info.TryReadFrameRate</c>).
    /// Without it such clips have no frame rate here.
    /// </param>
    public static AvatarDataset Open(string path, Func<string, double?>? videoFrameRate = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new AvatarDataException("DatasetNotFound", AvatarErrorKind.NotFound, full,
                File.Exists(full) ? "is a file; expected the AVATAR dataset folder (the one that holds metadata/)" : "does not exist; expected the AVATAR dataset folder (the one that holds metadata/)");
        }
        full = System.IO.Path.TrimEndingDirectorySeparator(full);
        if (Directory.Exists(System.IO.Path.Combine(full, "metadata")))
        {
            return new AvatarDataset(full, videoFrameRate);
        }
        if (string.Equals(System.IO.Path.GetFileName(full), "metadata", StringComparison.Ordinal))
        {
            return new AvatarDataset(System.IO.Path.GetDirectoryName(full)!, videoFrameRate);
        }
        throw new AvatarDataException("NotAnAvatarDataset", AvatarErrorKind.InvalidData, full,
            "is not an AVATAR dataset: expected a folder with metadata/<clip_id>/<frame>.json (e.g. metadata/GueOh9nkQ38_00131/00042.json)");
    }

    /// <summary>The clip ids (folder names under metadata/), sorted ordinally.</summary>
    public IReadOnlyList<string> ClipIds()
    {
        var ids = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories(MetadataFolder))
        {
            ids.Add(System.IO.Path.GetFileName(directory));
        }
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>The clip's video, in <c>video/</c> or <c>video/video/</c>, or null.</summary>
    public string? VideoPath(string clipId)
    {
        foreach (var folder in new[] { "video", System.IO.Path.Combine("video", "video") })
        {
            var candidate = System.IO.Path.Combine(Root, folder, clipId + ".mp4");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Where the clip's extracted audio lives when the user extracted it: <c>audio/&lt;clip_id&gt;.wav</c>.</summary>
    public string AudioPath(string clipId) => System.IO.Path.Combine(Root, "audio", clipId + ".wav");

    /// <summary>The folder of the clip's extracted video frames, <c>frames/&lt;clip_id&gt;/</c>.</summary>
    public string FramesFolder(string clipId) => System.IO.Path.Combine(Root, "frames", clipId);

    /// <summary>The clip's frame rate: from frame_rates.csv, else from the video through the probe given to <see cref="Open"/>, else null.</summary>
    public double? FrameRate(string clipId) => _frameRates.GetOrAdd(clipId, id =>
    {
        if (_frameRateSidecar.Value.TryGetValue(id, out var fps))
        {
            return fps;
        }
        return _videoFrameRate is not null && VideoPath(id) is { } video ? _videoFrameRate(video) : null;
    });

    /// <summary>The indices of the clip's labelled frames (its <c>metadata/&lt;clip_id&gt;/&lt;index&gt;.json</c> files), ascending.</summary>
    public IReadOnlyList<int> LabelledFrames(string clipId)
    {
        var folder = System.IO.Path.Combine(MetadataFolder, clipId);
        if (!Directory.Exists(folder))
        {
            return Array.Empty<int>();
        }
        var indices = new List<int>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(file);
            if (name.Length > 0 && name.All(char.IsAsciiDigit) && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                indices.Add(index);
            }
        }
        indices.Sort();
        return indices;
    }

    string? IClipMedia.VideoFile(string clipId) => VideoPath(clipId);

    string? IClipMedia.AudioFile(string clipId) => AudioPath(clipId) is var path && File.Exists(path) ? path : null;

    string? IClipMedia.FramesFolder(string clipId) => FramesFolder(clipId) is var folder && Directory.Exists(folder) ? folder : null;

    /// <summary>
    /// Reads the labelled frames of the selected clips, ordered by clip id (ordinal) then frame index.
    /// Files are read in parallel; results stream in order. A bad file gives a failed record, never an exception.
    /// </summary>
    public IEnumerable<FrameRecord> ReadFrames(Func<string, bool>? clipFilter = null, CancellationToken cancellation = default) =>
        ReadFrames(ClipIds().Where(id => clipFilter is null || clipFilter(id)).ToList(), cancellation);

    /// <summary>Reads the labelled frames of the given clips (ids as <see cref="ClipIds"/> lists them), in that order.</summary>
    public IEnumerable<FrameRecord> ReadFrames(IReadOnlyList<string> clipIds, CancellationToken cancellation = default) =>
        clipIds.SelectMany(ListFrameFiles)
            .AsParallel()
            .AsOrdered()
            .WithMergeOptions(ParallelMergeOptions.AutoBuffered)
            .WithCancellation(cancellation)
            .Select(ReadFrame);

    private IEnumerable<FrameFile> ListFrameFiles(string clipId)
    {
        var folder = System.IO.Path.Combine(MetadataFolder, clipId);
        if (!ClipId.TryParse(clipId, out _))
        {
            return new[]
            {
                new FrameFile(clipId, -1, folder, new AvatarDataException("InvalidClipId", AvatarErrorKind.InvalidData, folder,
                    "the folder name is not a clip id; expected <YouTubeID>_<start second, 5 digits>, e.g. GueOh9nkQ38_00131")),
            };
        }
        var files = new List<FrameFile>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(file);
            if (name.Length == 0 || !name.All(char.IsAsciiDigit) || !int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                files.Add(new FrameFile(clipId, int.MaxValue, file, new AvatarDataException("InvalidFrameFileName", AvatarErrorKind.InvalidData, file,
                    "the file name is not a frame index; expected <frame index, 5 digits>.json, e.g. 00042.json")));
                continue;
            }
            files.Add(new FrameFile(clipId, index, file, null));
        }
        files.Sort((a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private FrameRecord ReadFrame(FrameFile file)
    {
        if (file.Error is not null)
        {
            return FrameRecord.Failed(file.Error);
        }
        try
        {
            var bytes = File.ReadAllBytes(file.Path);
            var content = FrameJsonReader.Read(file.Path, bytes);
            var image = System.IO.Path.ChangeExtension(file.Path, ".jpg");
            var frame = new AvatarFrame(file.ClipId, file.Index, content.Width, content.Height, content.Instances,
                Root, file.Path, image, FrameRate(file.ClipId));
            return FrameRecord.Of(frame);
        }
        catch (AvatarDataException ex)
        {
            return FrameRecord.Failed(ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return FrameRecord.Failed(new AvatarDataException("FrameUnreadable", AvatarErrorKind.NotFound, file.Path, $"cannot be read ({ex.Message})", ex));
        }
    }

    private IReadOnlyDictionary<string, double> ReadFrameRateSidecar()
    {
        var path = System.IO.Path.Combine(Root, FrameRatesFileName);
        return File.Exists(path) ? FrameRateTable.Read(path) : new Dictionary<string, double>();
    }

    private readonly record struct FrameFile(string ClipId, int Index, string Path, AvatarDataException? Error);
}
