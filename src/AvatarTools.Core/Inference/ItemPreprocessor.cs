using System.Collections.Concurrent;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Features;
using AvatarTools.Core.Media;

namespace AvatarTools.Core.Inference;

/// <summary>
/// Turns labelled frames into the model's input tensors, exactly as the model's description says:
/// images resized and normalised, audio windows placed and turned into spectrograms (or envelopes),
/// clip frames sampled for video-level models. Audio and spectrograms are computed once per clip or
/// window and shared by the frames that need them; safe to call from several threads.
/// </summary>
internal sealed class ItemPreprocessor
{
    private const int CacheCapacity = 256;
    private readonly ModelDescription _description;
    private readonly LocalizationRunOptions _options;
    private readonly ImagePreprocessor _images;
    private readonly SpectrogramSettings? _spectrogram;
    private readonly ConcurrentDictionary<string, DatasetSources> _datasets = new(StringComparer.Ordinal);
    private readonly BoundedCache<string, AudioClip> _audio = new(8);
    private readonly BoundedCache<(string Clip, int Start), float[]> _features = new(CacheCapacity);
    private readonly BoundedCache<string, float[]> _frames = new(CacheCapacity * 2);

    public ItemPreprocessor(ModelDescription description, LocalizationRunOptions options)
    {
        _description = description;
        _options = options;
        _images = new ImagePreprocessor(description.ImageSize, description.ResizeMode, description.Mean, description.Std,
            options.MaxImagePixels, description.Interpolation);
        WindowSeconds = options.AudioWindowSeconds ?? description.WindowSeconds;
        CenteredAudio = options.AudioWindowSeconds is not null || description.AudioWindow == AudioWindowPlacement.CenteredOnFrame;
        _spectrogram = description.Spectrogram switch
        {
            SpectrogramKind.Linear => new SpectrogramSettings(SpectrogramKind.Linear, description.SampleRate, WindowSeconds,
                description.SegmentLength, description.SegmentLength, description.SegmentLength - description.SegmentOverlap, description.SegmentLength / 2 + 1),
            SpectrogramKind.Mel => new SpectrogramSettings(SpectrogramKind.Mel, description.SampleRate, WindowSeconds,
                description.FftSize, description.FftSize, description.HopLength, description.MelBands),
            _ => null,
        };
        _spectrogram?.Validate();
        ImageItemLength = checked((int)description.ImageItemShape.Aggregate(1L, (a, b) => a * b));
        AudioItemShape = _spectrogram is { } settings ? settings.Shape().Select(d => (long)d).ToArray() : new long[] { description.FramesPerClip };
        AudioItemLength = checked((int)AudioItemShape.Aggregate(1L, (a, b) => a * b));
    }

    public double WindowSeconds { get; }

    public bool CenteredAudio { get; }

    public int ImageItemLength { get; }

    public int AudioItemLength { get; }

    public long[] AudioItemShape { get; }

    /// <summary>Fills one item of an image-level batch (or a video-level item around the frame).</summary>
    public void FillItem(AvatarFrame frame, Span<float> image, Span<float> audio, CancellationToken cancellation)
    {
        if (_description.Level == ModelLevel.Image)
        {
            _images.Process(frame.ImagePath, image);
            FillAudio(frame, CenteredAudio ? RequireTime(frame) : WindowSeconds / 2, audio, cancellation);
            return;
        }
        var time = RequireTime(frame);
        var instants = ClipSampling.Instants(_description, time);
        FillFrames(frame, instants, image, cancellation);
        if (_description.Spectrogram == SpectrogramKind.Envelope)
        {
            var clip = Audio(frame, cancellation);
            ClipSampling.Envelope(clip.Samples, clip.SampleRate, instants, _description.FrameSampleRate).CopyTo(audio);
        }
        else
        {
            FillAudio(frame, time, audio, cancellation);
        }
    }

    /// <summary>Fills the single item of a whole-clip video run: T frames from 0 s at the model's rate, and the clip's audio.</summary>
    public void FillClip(AvatarFrame anyFrameOfClip, Span<float> image, Span<float> audio, CancellationToken cancellation)
    {
        var instants = Enumerable.Range(0, _description.FramesPerClip).Select(k => k / _description.FrameSampleRate).ToArray();
        FillFrames(anyFrameOfClip, instants, image, cancellation);
        var clip = Audio(anyFrameOfClip, cancellation);
        if (_description.Spectrogram == SpectrogramKind.Envelope)
        {
            ClipSampling.Envelope(clip.Samples, clip.SampleRate, instants, _description.FrameSampleRate).CopyTo(audio);
        }
        else
        {
            FillAudio(anyFrameOfClip, WindowSeconds / 2, audio, cancellation);
        }
    }

    private void FillAudio(AvatarFrame frame, double centreSeconds, Span<float> destination, CancellationToken cancellation)
    {
        var clip = Audio(frame, cancellation);
        var length = AudioWindow.SampleCount(WindowSeconds, clip.SampleRate);
        var start = AudioWindow.Start(clip.Samples.Length, clip.SampleRate, centreSeconds, length);
        var features = _features.GetOrAdd((ClipKey(frame), start), _ =>
        {
            var window = AudioWindow.Extract(clip.Samples, clip.SampleRate, Math.Min(centreSeconds, clip.DurationSeconds), WindowSeconds, frame.MetadataPath);
            var values = new float[AudioItemLength];
            AudioFeatures.ComputeInto(window, _spectrogram!, values);
            return values;
        });
        features.CopyTo(destination);
    }

    private void FillFrames(AvatarFrame frame, IReadOnlyList<double> instants, Span<float> destination, CancellationToken cancellation)
    {
        var frames = Sources(frame).Frames.Frames(frame.VideoId, frame.FrameRate, cancellation);
        var size = _images.TensorLength;
        for (var k = 0; k < instants.Count; k++)
        {
            var path = frames.PathAt(instants[k]);
            var values = _frames.GetOrAdd(path, file =>
            {
                var buffer = new float[size];
                _images.Process(file, buffer);
                return buffer;
            });
            values.CopyTo(destination.Slice(k * size, size));
        }
    }

    private AudioClip Audio(AvatarFrame frame, CancellationToken cancellation) =>
        _audio.GetOrAdd(ClipKey(frame), _ =>
        {
            var clip = Sources(frame).Audio.LoadAsync(frame.VideoId, cancellation).GetAwaiter().GetResult();
            return clip.SampleRate == _description.SampleRate ? clip : clip.ResampleTo(_description.SampleRate);
        });

    /// <summary>A clip's identity across datasets (two copies of a clip may hold different audio).</summary>
    private static string ClipKey(AvatarFrame frame) => frame.DatasetPath + "\n" + frame.VideoId;

    private static double RequireTime(AvatarFrame frame) => frame.Time ?? throw new AvatarDataException("FrameTimeUnknown",
        AvatarErrorKind.InvalidData, frame.MetadataPath,
        $"the time of {frame} is unknown (no frame rate): add the clip to {AvatarDataset.FrameRatesFileName} (clip_id,fps) or provide its mp4");

    private DatasetSources Sources(AvatarFrame frame) => _datasets.GetOrAdd(frame.DatasetPath, root =>
    {
        var dataset = AvatarDataset.Open(root);
        var audioCache = _options.CacheFolder is null ? null : Path.Combine(_options.CacheFolder, "audio");
        var framesCache = _options.CacheFolder is null ? null : Path.Combine(_options.CacheFolder, "frames");
        return new DatasetSources(new ClipAudioSource(dataset, audioCache), new ClipFrameSource(dataset, framesCache));
    });

    private sealed record DatasetSources(ClipAudioSource Audio, ClipFrameSource Frames);
}
