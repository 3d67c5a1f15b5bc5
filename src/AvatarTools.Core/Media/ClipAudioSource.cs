using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Media;

/// <summary>
/// The 16 kHz mono audio of a collection's clips: the WAV the user extracted (<see cref="IClipMedia.AudioFile"/>)
/// when there is one, else the cache's copy decoded from the clip's video, else the video decoded once by
/// ffmpeg and kept in the cache as an <see cref="AudioPack"/> (<c>audio/&lt;clip_id&gt;.&lt;video fingerprint&gt;.audio</c>,
/// the 16-bit samples losslessly compressed: at most 32 kB per second). The collection itself is only read. The user's
/// audio at another rate is resampled with <see cref="AudioResampler"/>. Safe to use from several threads.
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

    /// <summary>Where the cache keeps the audio decoded from <paramref name="videoPath"/>, or null without a cache.</summary>
    public string? CachePath(string clipId, string videoPath) =>
        Cache?.EntryPath(Kind, $"{clipId}.{MediaCache.Fingerprint(videoPath)}{AudioPack.Extension}");

    /// <summary>The size of the cache's copy of the clip's audio, or 0 when there is none.</summary>
    public long CachedBytes(string clipId, string videoPath) =>
        CachePath(clipId, videoPath) is { } path && new FileInfo(path) is { Exists: true } file ? file.Length : 0;

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
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(cached);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return AudioPack.TryRead(bytes) is { SampleRate: AudioClip.ModelSampleRate } pack ? ToClip(pack.Samples) : null;
    }

    /// <summary>Keeps decoded samples in the cache (atomically; false when the cache cannot be written).</summary>
    public bool Store(string clipId, string videoPath, short[] samples)
    {
        if (CachePath(clipId, videoPath) is not { } path)
        {
            return false;
        }
        var replace = File.Exists(path);
        return Cache!.TryWrite(path, stream => AudioPack.Write(stream, samples, AudioClip.ModelSampleRate), replace);
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
