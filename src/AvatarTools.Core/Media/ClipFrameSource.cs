using System.Collections.Concurrent;
using System.Globalization;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Media;

/// <summary>
/// The video frames of a clip as image files: the dataset's extracted frames
/// (<c>frames/&lt;clip_id&gt;/&lt;index&gt;.jpg</c>) when present, else every frame of the clip's mp4
/// extracted once through ffmpeg into a cache folder. Indices are 0-based video frame indices.
/// </summary>
public sealed class ClipFrameSource
{
    private readonly AvatarDataset _dataset;
    private readonly string? _cacheFolder;
    private readonly ConcurrentDictionary<string, Lazy<ClipFrames>> _clips = new(StringComparer.Ordinal);
    private Ffmpeg? _ffmpeg;

    public ClipFrameSource(AvatarDataset dataset, string? cacheFolder = null, Ffmpeg? ffmpeg = null)
    {
        _dataset = dataset;
        _cacheFolder = cacheFolder;
        _ffmpeg = ffmpeg;
    }

    /// <summary>The frame files of a clip and its frame rate.</summary>
    public sealed record ClipFrames(string Folder, int Count, double FrameRate)
    {
        public string PathOf(int index) => Path.Combine(Folder, index.ToString("D5", CultureInfo.InvariantCulture) + ".jpg");

        /// <summary>The file of the frame nearest to <paramref name="seconds"/>, clamped to the clip.</summary>
        public string PathAt(double seconds) => PathOf((int)Math.Clamp(Math.Round(seconds * FrameRate, MidpointRounding.AwayFromZero), 0, Count - 1));
    }

    public ClipFrames Frames(string clipId, double? frameRate, CancellationToken cancellation = default) =>
        _clips.GetOrAdd(clipId, id => new Lazy<ClipFrames>(() => Locate(id, frameRate, cancellation))).Value;

    private ClipFrames Locate(string clipId, double? frameRate, CancellationToken cancellation)
    {
        var folder = _dataset.FramesFolder(clipId);
        var count = CountFrames(folder);
        var video = _dataset.VideoPath(clipId);
        if (count == 0)
        {
            if (video is null)
            {
                throw new AvatarDataException("ClipFramesNotFound", AvatarErrorKind.NotFound, folder,
                    $"a video-level model needs the frames of clip {clipId}: expected frames/{clipId}/<index>.jpg or video/{clipId}.mp4");
            }
            folder = Path.Combine(_cacheFolder ?? Path.Combine(_dataset.Root, "frames"), clipId);
            count = CountFrames(folder);
            if (count == 0)
            {
                _ffmpeg ??= Ffmpeg.Locate();
                var temporary = folder + ".partial";
                if (Directory.Exists(temporary))
                {
                    Directory.Delete(temporary, recursive: true);
                }
                _ffmpeg.ExtractFramesAsync(video, temporary, FrameSelection.All, FrameImageFormat.Jpeg, cancellation).GetAwaiter().GetResult();
                Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
                Directory.Move(temporary, folder);
                count = CountFrames(folder);
            }
        }
        var rate = frameRate ?? (video is not null ? Mp4Info.Read(video).FrameRate : (double?)null);
        if (rate is not double fps || !(fps > 0))
        {
            throw new AvatarDataException("FrameRateUnknown", AvatarErrorKind.NotFound, folder,
                $"the frame rate of clip {clipId} is unknown: add it to {AvatarDataset.FrameRatesFileName} (clip_id,fps) or provide video/{clipId}.mp4");
        }
        return new ClipFrames(folder, count, fps);
    }

    private static int CountFrames(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.jpg").Count() : 0;
}
