using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Media;

/// <summary>What a model needs of one clip, as <see cref="ClipMediaReader.LoadAsync"/> found or decoded it.</summary>
/// <param name="Audio">The clip's audio at 16 kHz mono, when asked for.</param>
/// <param name="Frames">The asked frames, when asked for.</param>
/// <param name="Timing">The clip's frame rate and frame count, when frames were asked for.</param>
public sealed record LoadedClip(AudioClip? Audio, ClipFrames? Frames, ClipTiming? Timing);

/// <summary>
/// A collection's clips as models take them: the audio and the video frames a model asks for, from the user's
/// extracted files first, else from the cache, else decoded from the clip's video in one ffmpeg run and kept in the
/// cache. The collection is only ever read. Safe to use from several threads.
/// </summary>
public sealed class ClipMediaReader
{
    private readonly ClipDecoder _decoder;

    /// <param name="media">Where the clips' files are.</param>
    /// <param name="cache">Where decoded media are kept; null to keep nothing.</param>
    /// <param name="decoder">Decodes videos (shared to bound the ffmpeg processes); null for a new one.</param>
    public ClipMediaReader(IClipMedia media, MediaCache? cache, ClipDecoder? decoder = null)
    {
        Media = media;
        _decoder = decoder ?? new ClipDecoder();
        Audio = new ClipAudioSource(media, cache, _decoder);
        Frames = new ClipFrameSource(media, cache);
    }

    /// <summary>Where the clips' files are.</summary>
    public IClipMedia Media { get; }

    /// <summary>The audio half.</summary>
    public ClipAudioSource Audio { get; }

    /// <summary>The frames half.</summary>
    public ClipFrameSource Frames { get; }

    /// <summary>
    /// Loads a clip's audio (when <paramref name="audio"/>) and the frames <paramref name="planFrames"/> asks for once it
    /// knows the clip's timing (when not null); whatever is missing is decoded in one ffmpeg run and kept in the cache.
    /// </summary>
    /// <param name="clipId">The clip.</param>
    /// <param name="audio">Whether the audio is needed.</param>
    /// <param name="frameRate">The clip's frame rate when the caller knows it (else the collection's, else the video header's).</param>
    /// <param name="planFrames">Which frames to load, given the clip's timing; null when no frames are needed.</param>
    /// <param name="cancellation">Stops decoding.</param>
    /// <exception cref="AvatarDataException">
    /// AudioNotFound, ClipFramesNotFound, FrameRateUnknown, InvalidVideo (with ffmpeg's own message), FfmpegNotFound, or the
    /// errors of the user's WAV (InvalidWav, TruncatedWav...).
    /// </exception>
    public async Task<LoadedClip> LoadAsync(string clipId, bool audio, double? frameRate, Func<ClipTiming, FrameRequest>? planFrames, CancellationToken cancellation = default)
    {
        var video = Media.VideoFile(clipId);
        AudioClip? audioClip = null;
        if (audio)
        {
            audioClip = Audio.TryLoadExisting(clipId, video);
            if (audioClip is null && video is null)
            {
                throw ClipAudioSource.NotFound(Media, clipId);
            }
        }

        Mp4Info? header = null;
        ClipFrames? frames = null;
        ClipTiming? timing = null;
        FrameRequest? toDecode = null;
        if (planFrames is not null)
        {
            var rate = frameRate ?? Media.FrameRate(clipId);
            if (Frames.TryExtracted(clipId) is { } extracted)
            {
                timing = new ClipTiming(rate ?? (video is null ? (double?)null : (await HeaderAsync()).FrameRate) ?? throw RateUnknown(clipId), extracted.Count);
                frames = extracted.Frames;
            }
            else
            {
                if (video is null)
                {
                    throw new AvatarDataException("ClipFramesNotFound", AvatarErrorKind.NotFound, Path.Combine(Media.Root, "video", clipId + ".mp4"),
                        $"a video-level model needs the frames of clip {clipId}: expected its video (video/{clipId}.mp4 or video/video/{clipId}.mp4) or extracted frames (frames/{clipId}/<index>.jpg)");
                }
                var info = await HeaderAsync();
                timing = new ClipTiming(rate ?? info.FrameRate, info.FrameCount);
                var request = planFrames(timing);
                if (Frames.TryLoadCached(clipId, video, request) is { } cached)
                {
                    frames = ClipFrames.FromPixels(cached);
                }
                else
                {
                    toDecode = request;
                }
            }
        }

        var decodeAudio = audio && audioClip is null;
        if (decodeAudio || toDecode is not null)
        {
            var info = await HeaderAsync();
            var decoded = await _decoder.DecodeAsync(video!, info, decodeAudio, toDecode, cancellation).ConfigureAwait(false);
            if (decoded.Audio is { } samples)
            {
                Audio.Store(clipId, video!, samples);
                audioClip = ClipAudioSource.ToClip(samples);
            }
            if (decoded.Frames is { } pixels)
            {
                Frames.Store(clipId, video!, toDecode!, pixels, MediaCache.ClipBudgetBytes - Audio.CachedBytes(clipId, video!));
                frames = ClipFrames.FromPixels(pixels);
            }
        }
        return new LoadedClip(audioClip, frames, timing);

        async Task<Mp4Info> HeaderAsync() => header ??= await ReadHeaderAsync(_decoder, video!, cancellation).ConfigureAwait(false);
    }

    /// <summary>The video's header; when AvatarTools cannot read it, ffmpeg's own account of the file (InvalidVideo).</summary>
    internal static async Task<Mp4Info> ReadHeaderAsync(ClipDecoder decoder, string videoPath, CancellationToken cancellation)
    {
        if (Mp4Info.TryRead(videoPath, out var info, out var reason))
        {
            return info;
        }
        if (!File.Exists(videoPath))
        {
            throw new AvatarDataException("VideoNotFound", AvatarErrorKind.NotFound, videoPath, "the video file does not exist");
        }
        throw await decoder.DescribeUnreadableAsync(videoPath, reason, cancellation).ConfigureAwait(false);
    }

    private AvatarDataException RateUnknown(string clipId) =>
        new("FrameRateUnknown", AvatarErrorKind.NotFound, Path.Combine(Media.Root, "frames", clipId),
            $"the frame rate of clip {clipId} is unknown: add it to frame_rates.csv (clip_id,fps) or provide video/{clipId}.mp4");
}
