using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Media;

/// <summary>
/// The 16 kHz mono audio of a collection's clips: the WAV the user extracted (<see cref="IClipMedia.AudioFile"/>)
/// when there is one, else the cache's copy decoded from the clip's video, else the video decoded once by
/// ffmpeg and kept in the cache (<c>audio/&lt;clip_id&gt;.&lt;video fingerprint&gt;.wav</c>, 16-bit PCM,
/// 32 kB per second). The collection itself is only read. Audio at another rate is resampled with
/// <see cref="AudioResampler"/>. Safe to use from several threads.
/// </summary>
public sealed class ClipAudioSource
{
    private const string Kind = "audio";

    private readonly IClipMedia _media;
    private readonly ClipDecoder _decoder;

    /// <param name="media">Where the clips' files are.</param>
    /// <param name="cache">Where decoded audio is kept; null to keep nothing.</param>
    /// <param name="decoder">Decodes videos (shared to bound the ffmpeg processes); null for a new one.</param>
    public ClipAudioSource(IClipMedia media, MediaCache? cache, ClipDecoder? decoder = null)
    {
        _media = media;
        Cache = cache;
        _decoder = decoder ?? new ClipDecoder();
    }

    /// <summary>The cache decoded audio is kept in, or null.</summary>
    public MediaCache? Cache { get; }

    /// <summary>The path of the clip's WAV if one exists already (the user's first, then the cache's), else null.</summary>
    public string? FindWav(string clipId)
    {
        if (_media.AudioFile(clipId) is { } user)
        {
            return user;
        }
        var video = _media.VideoFile(clipId);
        return video is not null && CachePath(clipId, video) is { } cached && File.Exists(cached) ? cached : null;
    }

    /// <summary>Where the cache keeps the audio decoded from <paramref name="videoPath"/>, or null without a cache.</summary>
    public string? CachePath(string clipId, string videoPath) =>
        Cache?.EntryPath(Kind, $"{clipId}.{MediaCache.Fingerprint(videoPath)}.wav");

    /// <summary>
    /// The clip's audio without decoding anything: the user's WAV (resampled to 16 kHz) or the cache's copy; null when
    /// neither exists or the cache's copy is damaged (it is then decoded again and replaced).
    /// </summary>
    /// <exception cref="AvatarDataException">The user's WAV cannot be read (WavUnreadable, InvalidWav, TruncatedWav, UnsupportedWav).</exception>
    public AudioClip? TryLoadExisting(string clipId, string? videoPath)
    {
        if (_media.AudioFile(clipId) is { } user)
        {
            return WavFile.Read(user, AudioClip.ModelSampleRate);
        }
        if (videoPath is null || CachePath(clipId, videoPath) is not { } cached || !File.Exists(cached))
        {
            return null;
        }
        try
        {
            var clip = WavFile.Read(cached);
            return clip.SampleRate == AudioClip.ModelSampleRate ? clip : null;
        }
        catch (AvatarDataException)
        {
            return null;
        }
    }

    /// <summary>Keeps decoded samples in the cache (atomically; false when the cache cannot be written).</summary>
    public bool Store(string clipId, string videoPath, short[] samples)
    {
        if (CachePath(clipId, videoPath) is not { } path)
        {
            return false;
        }
        var replace = File.Exists(path);
        return Cache!.TryWrite(path, stream => WavFile.Write(stream, samples, AudioClip.ModelSampleRate), replace);
    }

    /// <summary>The clip's audio, mono, at 16 kHz, decoding the video when no WAV exists.</summary>
    /// <exception cref="AvatarDataException">AudioNotFound (neither WAV nor video), InvalidVideo, FfmpegNotFound, or the WAV's errors.</exception>
    public async Task<AudioClip> LoadAsync(string clipId, CancellationToken cancellation = default)
    {
        var video = _media.VideoFile(clipId);
        if (TryLoadExisting(clipId, video) is { } existing)
        {
            return existing;
        }
        if (video is null)
        {
            throw NotFound(_media, clipId);
        }
        var header = await ClipMediaReader.ReadHeaderAsync(_decoder, video, cancellation).ConfigureAwait(false);
        var decoded = await _decoder.DecodeAsync(video, header, audio: true, frames: null, cancellation).ConfigureAwait(false);
        Store(clipId, video, decoded.Audio!);
        return ToClip(decoded.Audio!);
    }

    internal static AudioClip ToClip(short[] samples)
    {
        var values = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            values[i] = samples[i] / 32768f;
        }
        return new AudioClip(values, AudioClip.ModelSampleRate);
    }

    internal static AvatarDataException NotFound(IClipMedia media, string clipId) =>
        new("AudioNotFound", AvatarErrorKind.NotFound, Path.Combine(media.Root, "video", clipId + ".mp4"),
            $"clip {clipId} has neither extracted audio (audio/{clipId}.wav) nor a video (video/{clipId}.mp4 or video/video/{clipId}.mp4)");
}
