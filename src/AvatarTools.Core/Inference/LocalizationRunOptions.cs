using AvatarTools.Core.Dataset;
using AvatarTools.Core.Features;

namespace AvatarTools.Core.Inference;

/// <summary>How <see cref="LocalizationRunner"/> feeds a model.</summary>
public sealed record LocalizationRunOptions
{
    /// <summary>Items per ONNX Runtime run (video models with <see cref="FrameWindow.WholeClip"/> run a clip at a time).</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>
    /// Seconds of audio per frame, centred on the frame's time and shifted inside the clip; null keeps the
    /// model's window (10 s, the whole clip, as AVATAR runs the baselines).
    /// </summary>
    public double? AudioWindowSeconds { get; init; }

    /// <summary>
    /// The base folder of the media cache (audio and frames decoded from the videos, one subfolder per dataset); null for
    /// <see cref="Media.MediaCacheFolder.ResolveBase(string?)"/>'s default (<c>AVATARTOOLS_CACHE</c>, else the per-user cache folder).
    /// Nothing is ever written into the dataset.
    /// </summary>
    public string? CacheFolder { get; init; }

    /// <summary>How many clips are decoded by ffmpeg at once; null for one per core.</summary>
    public int? DecodeParallelism { get; init; }

    /// <summary>Where a frame's clip media are; null opens the AVATAR dataset at the frame's <see cref="AvatarFrame.DatasetPath"/>.</summary>
    public Func<AvatarFrame, IClipMedia>? MediaOf { get; init; }

    /// <summary>Images with more pixels are refused before decoding (decompression bombs).</summary>
    public long MaxImagePixels { get; init; } = ImagePreprocessor.DefaultMaxPixels;

    /// <summary>How many prepared batches may wait for the model.</summary>
    public int PrefetchBatches { get; init; } = 2;

    /// <summary>
    /// The audio the model hears (<see cref="Heatmaps.AudioCondition"/>): each frame's own (default), silence, N(0, 1) noise, or an
    /// OffScreen donor clip's audio. Every localization carries it; the runner's caches hold one condition only.
    /// </summary>
    public Heatmaps.AudioCondition AudioCondition { get; init; } = Heatmaps.AudioCondition.Positive;

    /// <summary>The seed of the Noise and OffScreen draws of repeat 0; repeat r draws with <see cref="Seed"/> + r.</summary>
    public int Seed { get; init; }

    /// <summary>The repeat (0-based) this run is, among several runs of one negative condition.</summary>
    public int Repeat { get; init; }

    /// <summary>The seed of this run's draws: <see cref="Seed"/> + <see cref="Repeat"/> (wrapping).</summary>
    public int EffectiveSeed => unchecked(Seed + Repeat);

    public void Validate()
    {
        if (BatchSize is < 1 or > 4096)
        {
            throw new ArgumentException($"The batch size must be between 1 and 4096; got {BatchSize}.");
        }
        if (AudioWindowSeconds is double window && !(window > 0 && window <= 600))
        {
            throw new ArgumentException($"The audio window must be more than 0 and at most 600 seconds; got {window}.");
        }
        if (DecodeParallelism is < 1 or > 1024)
        {
            throw new ArgumentException($"The decode parallelism must be between 1 and 1024; got {DecodeParallelism}.");
        }
        if (Repeat < 0)
        {
            throw new ArgumentException($"The repeat must be 0 or more; got {Repeat}.");
        }
        if (PrefetchBatches < 1)
        {
            throw new ArgumentException($"At least one batch must be prefetched; got {PrefetchBatches}.");
        }
    }
}
