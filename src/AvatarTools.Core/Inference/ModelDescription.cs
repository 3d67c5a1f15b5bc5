using AvatarTools.Core.Features;
using System.Globalization;

namespace AvatarTools.Core.Inference;

/// <summary>
/// Everything needed to feed a heatmap model and read its output: input names, image preprocessing,
/// audio representation, level (image or video) and output layout. Start from a preset
/// (<see cref="ModelPresets"/>) and change what differs with <c>with</c>, or describe a model in a
/// JSON sidecar (<see cref="ModelSidecar"/>).
/// <para>
/// Image preprocessing: decode RGB, resize to <see cref="ImageSize"/> by <see cref="ResizeMode"/> with
/// <see cref="Interpolation"/>, scale to [0, 1] (value / 255), subtract <see cref="Mean"/> and divide by
/// <see cref="Std"/> per channel, lay out as CHW float32.
/// </para>
/// <para>
/// Audio: mono at <see cref="SampleRate"/>, samples in [−1, 1], a window of <see cref="WindowSeconds"/>
/// placed by <see cref="AudioWindow"/>, then <see cref="Spectrogram"/>: <c>Linear</c> uses
/// <see cref="SegmentLength"/>/<see cref="SegmentOverlap"/> (scipy nperseg/noverlap), <c>Mel</c> uses
/// <see cref="FftSize"/>/<see cref="HopLength"/>/<see cref="MelBands"/>.
/// </para>
/// <para>
/// Video level and the <c>Envelope</c> audio: the clip around a labelled frame at time t0 is
/// <see cref="FramesPerClip"/> = T instants t_k = t0 + (k − (T − 1) / 2) / <see cref="FrameSampleRate"/>,
/// k = 0 … T − 1 (instants outside [0, clip length) are clamped to the nearest decoded frame). The frames
/// tensor is [N, T, 3, H, W]; the envelope tensor is [N, T] with
/// e_k = √(mean of x[n]² over the samples n with |n / fs − t_k| &lt; 1 / (2 · FrameSampleRate)), samples
/// outside the audio counted as zeros (so the window is always 1 / FrameSampleRate long).
/// </para>
/// </summary>
public sealed record ModelDescription
{
    /// <summary>ImageNet channel means (RGB).</summary>
    public static readonly IReadOnlyList<float> ImageNetMean = [0.485f, 0.456f, 0.406f];

    /// <summary>ImageNet channel standard deviations (RGB).</summary>
    public static readonly IReadOnlyList<float> ImageNetStd = [0.229f, 0.224f, 0.225f];

    /// <summary>A name for reports (the preset's name, or the model's).</summary>
    public string Name { get; init; } = "Custom";

    public ModelLevel Level { get; init; } = ModelLevel.Image;

    /// <summary>The image input ([N, 3, H, W]) or, at video level, the frames input ([N, T, 3, H, W]).</summary>
    public string ImageInputName { get; init; } = "image";

    /// <summary>The audio input: a spectrogram [N, 1, F, T] or an envelope [N, T].</summary>
    public string AudioInputName { get; init; } = "audio";

    /// <summary>The heatmap output; null = the model's first output.</summary>
    public string? OutputName { get; init; }

    /// <summary>The side of the square image input.</summary>
    public int ImageSize { get; init; } = 224;

    public ImageResizeMode ResizeMode { get; init; } = ImageResizeMode.Squash;

    public ImageInterpolation Interpolation { get; init; } = ImageInterpolation.Bicubic;

    /// <summary>Per-channel mean subtracted after /255 (RGB order).</summary>
    public IReadOnlyList<float> Mean { get; init; } = ImageNetMean;

    /// <summary>Per-channel divisor after the mean (RGB order).</summary>
    public IReadOnlyList<float> Std { get; init; } = ImageNetStd;

    /// <summary>Audio sample rate in Hz.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Audio window length in seconds (Linear and Mel).</summary>
    public double WindowSeconds { get; init; } = 10;

    public AudioWindowPlacement AudioWindow { get; init; } = AudioWindowPlacement.ClipStart;

    /// <summary>
    /// The audio window on the image benchmarks (VGG-SS, Flickr-SoundNet), in seconds: centred on the middle of the
    /// sample's audio, start = max(D / 2 − W / 2, 0) for a file of D seconds, tiled when shorter (EZ-VSL's and SLAVC's
    /// loaders: 3 s → [1, 257, 200]). Null keeps <see cref="WindowSeconds"/> and <see cref="AudioWindow"/> there as on AVATAR.
    /// </summary>
    public double? ImageBenchmarkWindowSeconds { get; init; }

    public SpectrogramKind Spectrogram { get; init; } = SpectrogramKind.Linear;

    /// <summary>Linear: samples per segment (scipy <c>nperseg</c>).</summary>
    public int SegmentLength { get; init; } = 512;

    /// <summary>Linear: overlap between segments (scipy <c>noverlap</c>).</summary>
    public int SegmentOverlap { get; init; } = 274;

    /// <summary>Mel: FFT size.</summary>
    public int FftSize { get; init; } = 512;

    /// <summary>Mel: hop between frames in samples.</summary>
    public int HopLength { get; init; } = 239;

    /// <summary>Mel: number of mel bands.</summary>
    public int MelBands { get; init; } = 257;

    /// <summary>Video level / Envelope: frames per clip (T).</summary>
    public int FramesPerClip { get; init; } = 16;

    /// <summary>Video level / Envelope: frames per second at which the clip's frames are sampled.</summary>
    public double FrameSampleRate { get; init; } = 8;

    /// <summary>Video level: the frames of one item (around the labelled frame, or the whole clip).</summary>
    public FrameWindow FrameWindow { get; init; } = FrameWindow.AroundFrame;

    public HeatmapLayout OutputLayout { get; init; } = HeatmapLayout.Auto;

    /// <summary>The side of the square heatmap, when known (checked against fixed output dimensions).</summary>
    public int? OutputSize { get; init; }

    /// <summary>Samples in the audio window.</summary>
    public int WindowSamples => (int)Math.Round(WindowSeconds * SampleRate);

    /// <summary>Frequency rows of the spectrogram (F), or 0 for the envelope.</summary>
    public int FrequencyBins => Spectrogram switch
    {
        SpectrogramKind.Linear => (SegmentLength / 2) + 1,
        SpectrogramKind.Mel => MelBands,
        _ => 0,
    };

    /// <summary>
    /// Time steps of the audio tensor: Linear ⌊(L − noverlap) / (nperseg − noverlap)⌋ (scipy, no padding),
    /// Mel 1 + ⌊L / hop⌋ (centred frames), Envelope T.
    /// </summary>
    public int AudioTimeSteps => Spectrogram switch
    {
        SpectrogramKind.Linear => (WindowSamples - SegmentOverlap) / (SegmentLength - SegmentOverlap),
        SpectrogramKind.Mel => 1 + (WindowSamples / HopLength),
        _ => FramesPerClip,
    };

    /// <summary>The shape of one item's image input, without the batch: [3, S, S] or [T, 3, S, S].</summary>
    public IReadOnlyList<long> ImageItemShape => Level == ModelLevel.Video
        ? [FramesPerClip, 3, ImageSize, ImageSize]
        : [3, ImageSize, ImageSize];

    /// <summary>The shape of one item's audio input, without the batch: [1, F, T] or [T].</summary>
    public IReadOnlyList<long> AudioItemShape => Spectrogram == SpectrogramKind.Envelope
        ? [FramesPerClip]
        : [1, FrequencyBins, AudioTimeSteps];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        static void Require(bool condition, string property, object value, string accepted)
        {
            if (!condition)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{property} = {value} is not accepted; {accepted}."), property);
            }
        }
        Require(!string.IsNullOrWhiteSpace(ImageInputName), nameof(ImageInputName), ImageInputName, "give an input name");
        Require(!string.IsNullOrWhiteSpace(AudioInputName), nameof(AudioInputName), AudioInputName, "give an input name");
        Require(ImageSize is > 0 and <= 4096, nameof(ImageSize), ImageSize, "1 to 4096");
        Require(Mean.Count == 3, nameof(Mean), Mean.Count + " values", "3 values (R, G, B)");
        Require(Std.Count == 3 && Std.All(value => value > 0), nameof(Std), string.Join(", ", Std), "3 positive values (R, G, B)");
        Require(SampleRate is >= 1000 and <= 384000, nameof(SampleRate), SampleRate, "1000 to 384000 Hz");
        Require(WindowSeconds is > 0 and <= 600, nameof(WindowSeconds), WindowSeconds, "more than 0 and at most 600 s");
        Require(ImageBenchmarkWindowSeconds is null or (> 0 and <= 600), nameof(ImageBenchmarkWindowSeconds), ImageBenchmarkWindowSeconds!, "more than 0 and at most 600 s, or nothing");
        Require(SegmentLength >= 2, nameof(SegmentLength), SegmentLength, "at least 2");
        Require(SegmentOverlap >= 0 && SegmentOverlap < SegmentLength, nameof(SegmentOverlap), SegmentOverlap, $"0 to {SegmentLength - 1} (below SegmentLength)");
        Require(FftSize >= 2, nameof(FftSize), FftSize, "at least 2");
        Require(HopLength >= 1, nameof(HopLength), HopLength, "at least 1");
        Require(MelBands >= 1, nameof(MelBands), MelBands, "at least 1");
        Require(FramesPerClip >= 2, nameof(FramesPerClip), FramesPerClip, "at least 2");
        Require(FrameSampleRate is > 0 and <= 240, nameof(FrameSampleRate), FrameSampleRate, "more than 0 and at most 240 frames per second");
        Require(OutputSize is null or > 0, nameof(OutputSize), OutputSize!, "a positive size or nothing");
        Require(Spectrogram != SpectrogramKind.Linear || AudioTimeSteps >= 1, nameof(WindowSeconds), WindowSeconds, "a window at least one segment long");
    }

    public override string ToString() => Level == ModelLevel.Video
        ? string.Create(CultureInfo.InvariantCulture, $"{Name}: video, {ImageInputName}[N,{FramesPerClip},3,{ImageSize},{ImageSize}] + {AudioInputName} {Spectrogram}")
        : string.Create(CultureInfo.InvariantCulture, $"{Name}: image, {ImageInputName}[N,3,{ImageSize},{ImageSize}] + {AudioInputName} {Spectrogram}[N,1,{FrequencyBins},{AudioTimeSteps}]");
}
