using System.Globalization;
using System.Security.Cryptography;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Media;

/// <summary>A clip's frame rate and number of video frames, which map a time to a frame index.</summary>
public sealed record ClipTiming(double FrameRate, int FrameCount)
{
    /// <summary>The index of the frame nearest to <paramref name="seconds"/> (halves away from zero), clamped to the clip.</summary>
    public int IndexAt(double seconds) =>
        (int)Math.Clamp(Math.Round(seconds * FrameRate, MidpointRounding.AwayFromZero), 0, FrameCount - 1);
}

/// <summary>
/// The frames of one clip a model asked for: image files the user extracted (decoded and resized by the
/// preprocessor), or RGB24 pixels already at the model's size (decoded from the video).
/// </summary>
public sealed class ClipFrames
{
    private readonly string? _folder;
    private readonly Dictionary<int, VideoFrame>? _pixels;

    private ClipFrames(string? folder, Dictionary<int, VideoFrame>? pixels)
    {
        _folder = folder;
        _pixels = pixels;
    }

    /// <summary>Frames as the user's image files <c>&lt;folder&gt;/&lt;index, 5 digits&gt;.jpg</c>.</summary>
    public static ClipFrames FromFiles(string folder) => new(folder, null);

    /// <summary>Frames as decoded pixels.</summary>
    public static ClipFrames FromPixels(IEnumerable<VideoFrame> frames) => new(null, frames.ToDictionary(frame => frame.Index));

    /// <summary>True when the frames are the user's image files.</summary>
    public bool AreFiles => _folder is not null;

    /// <summary>The image file of a frame (when <see cref="AreFiles"/>).</summary>
    public string FileOf(int index) => Path.Combine(_folder ?? throw new InvalidOperationException("these frames are pixels"),
        index.ToString("D5", CultureInfo.InvariantCulture) + ".jpg");

    /// <summary>The pixels of a frame, or null when it was not decoded (when not <see cref="AreFiles"/>).</summary>
    public VideoFrame? PixelsOf(int index) => _pixels is not null && _pixels.TryGetValue(index, out var frame) ? frame : null;
}

/// <summary>
/// The video frames of a collection's clips, for video-level models: the frames the user extracted
/// (<see cref="IClipMedia.FramesFolder"/>) when there are any, else the asked frames decoded from the video at the
/// model's size and kept in the cache as a <see cref="FramePack"/>
/// (<c>frames/&lt;clip_id&gt;.&lt;video fingerprint&gt;.&lt;size&gt;.&lt;frames hash&gt;.frames</c>) when the pack fits in the
/// clip's share of the cache (<see cref="MediaCache.ClipBudgetBytes"/> with its audio); frames that compress worse (textured
/// footage, large model inputs) cost more to keep than to decode again, and are decoded again. The collection itself is only read.
/// Safe to use from several threads.
/// </summary>
public sealed class ClipFrameSource
{
    private const string Kind = "frames";

    private readonly IClipMedia _media;

    /// <param name="media">Where the clips' files are.</param>
    /// <param name="cache">Where decoded frames are kept; null to keep nothing.</param>
    public ClipFrameSource(IClipMedia media, MediaCache? cache)
    {
        _media = media;
        Cache = cache;
    }

    /// <summary>The cache decoded frames are kept in, or null.</summary>
    public MediaCache? Cache { get; }

    /// <summary>The user's extracted frames of the clip and how many there are (<c>*.jpg</c> files), or null when there are none.</summary>
    public (ClipFrames Frames, int Count)? TryExtracted(string clipId)
    {
        if (_media.FramesFolder(clipId) is not { } folder)
        {
            return null;
        }
        var count = Directory.EnumerateFiles(folder, "*.jpg").Count();
        return count == 0 ? null : (ClipFrames.FromFiles(folder), count);
    }

    /// <summary>Where the cache keeps the asked frames decoded from <paramref name="videoPath"/>, or null without a cache.</summary>
    public string? CachePath(string clipId, string videoPath, FrameRequest request)
    {
        if (Cache is null)
        {
            return null;
        }
        var indices = string.Join(",", request.Indices.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(indices)))[..10].ToLowerInvariant();
        return Cache.EntryPath(Kind, $"{clipId}.{MediaCache.Fingerprint(videoPath)}.{request.Scale.Key}.{hash}{FramePack.Extension}");
    }

    /// <summary>The asked frames from the cache, or null when they are not there (or the entry is damaged).</summary>
    public IReadOnlyList<VideoFrame>? TryLoadCached(string clipId, string videoPath, FrameRequest request)
    {
        if (CachePath(clipId, videoPath, request) is not { } path || !File.Exists(path))
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var frames = FramePack.TryRead(bytes);
        return frames is not null && frames.Select(frame => frame.Index).SequenceEqual(request.Indices)
            && frames.All(frame => frame.Width == request.Scale.Size && frame.Height == request.Scale.Size) ? frames : null;
    }

    /// <summary>
    /// Keeps decoded frames in the cache (atomically) when their pack takes at most <paramref name="budgetBytes"/>;
    /// false when it is larger (the frames are then decoded again by the next run) or the cache cannot be written.
    /// </summary>
    public bool Store(string clipId, string videoPath, FrameRequest request, IReadOnlyList<VideoFrame> frames, long budgetBytes = MediaCache.ClipBudgetBytes)
    {
        if (CachePath(clipId, videoPath, request) is not { } path)
        {
            return false;
        }
        var size = request.Scale.Size;
        using var pack = new MemoryStream();
        FramePack.Write(pack, size, size, frames);
        if (pack.Length > budgetBytes)
        {
            return false;
        }
        return Cache!.TryWrite(path, stream => pack.WriteTo(stream), replace: File.Exists(path));
    }
}
