using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Media;

/// <summary>
/// The 16 kHz mono audio of a dataset's clips: <c>audio/&lt;clip_id&gt;.wav</c> when present, else a WAV
/// decoded from <c>video/&lt;clip_id&gt;.mp4</c> by ffmpeg once and kept in a cache folder (by default the
/// dataset's <c>audio/</c> folder). Audio at another rate is resampled with <see cref="AudioResampler"/>.
/// Safe to use from several threads.
/// </summary>
public sealed class ClipAudioSource
{
    private readonly AvatarDataset _dataset;
    private readonly Lazy<Ffmpeg> _ffmpeg;

    /// <param name="dataset">The dataset.</param>
    /// <param name="cacheFolder">Where decoded WAVs are written and looked up; null for <c>&lt;dataset&gt;/audio/</c>.</param>
    /// <param name="ffmpeg">The ffmpeg to decode with; null to <see cref="Ffmpeg.Locate"/> it when first needed.</param>
    public ClipAudioSource(AvatarDataset dataset, string? cacheFolder = null, Ffmpeg? ffmpeg = null)
    {
        _dataset = dataset;
        CacheFolder = Path.GetFullPath(cacheFolder ?? Path.Combine(dataset.Root, "audio"));
        _ffmpeg = ffmpeg is null ? new Lazy<Ffmpeg>(Ffmpeg.Locate) : new Lazy<Ffmpeg>(ffmpeg);
    }

    /// <summary>The folder decoded WAVs go to.</summary>
    public string CacheFolder { get; }

    /// <summary>
    /// The path of the clip's WAV if it exists already (the dataset's <c>audio/</c> file first, then the
    /// cache folder), else null.
    /// </summary>
    public string? FindWav(string clipId)
    {
        var released = _dataset.AudioPath(clipId);
        if (File.Exists(released))
        {
            return released;
        }
        var cached = CachePath(clipId);
        return File.Exists(cached) ? cached : null;
    }

    /// <summary>Where a decoded WAV for the clip is cached.</summary>
    public string CachePath(string clipId) => Path.Combine(CacheFolder, clipId + ".wav");

    /// <summary>The clip's WAV path, decoding it from the mp4 first when no WAV exists.</summary>
    /// <exception cref="AvatarDataException">AudioNotFound (neither WAV nor mp4), or ffmpeg's errors.</exception>
    public async Task<string> EnsureWavAsync(string clipId, CancellationToken cancellation = default)
    {
        if (FindWav(clipId) is { } existing)
        {
            return existing;
        }
        var video = _dataset.VideoPath(clipId) ?? throw new AvatarDataException("AudioNotFound", AvatarErrorKind.NotFound, _dataset.AudioPath(clipId),
            $"the clip has neither audio/{clipId}.wav nor video/{clipId}.mp4 (nor video/video/{clipId}.mp4)");
        var target = CachePath(clipId);
        await _ffmpeg.Value.ExtractAudioAsync(video, target, cancellation).ConfigureAwait(false);
        return target;
    }

    /// <summary>The clip's audio, mono, at 16 kHz.</summary>
    public async Task<AudioClip> LoadAsync(string clipId, CancellationToken cancellation = default)
    {
        var path = await EnsureWavAsync(clipId, cancellation).ConfigureAwait(false);
        return WavFile.Read(path, AudioClip.ModelSampleRate);
    }
}
