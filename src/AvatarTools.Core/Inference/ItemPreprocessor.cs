using System.Collections.Concurrent;
using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Features;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Media;

namespace AvatarTools.Core.Inference;

/// <summary>
/// Turns labelled frames into the model's input tensors, exactly as the model's description says:
/// images resized and normalised, audio windows placed and turned into spectrograms (or envelopes),
/// clip frames sampled for video-level models. Each clip's media (its audio, and for video-level models
/// the frames all its labelled frames need, at the model's size) are loaded once, from the user's files,
/// the media cache, or one ffmpeg run, and can be started ahead (<see cref="Prefetch"/>) so that decoding
/// overlaps inference. Spectrograms are computed once per clip and window. Safe to call from several threads.
/// </summary>
internal sealed class ItemPreprocessor
{
    private const int FeatureCapacity = 256;
    private readonly ModelDescription _description;
    private readonly LocalizationRunOptions _options;
    private readonly ImagePreprocessor _images;
    private readonly AudioPlan _audio;
    private readonly AudioPlan? _imageAudio;
    private readonly FrameScale _frameScale;
    private readonly ClipDecoder _decoder;
    private readonly ConcurrentDictionary<string, ClipMediaReader> _readers = new(StringComparer.Ordinal);
    private readonly BoundedCache<string, Task<PreparedClip>> _clips;
    private readonly BoundedCache<(string Clip, int Start, int Length), float[]> _features = new(FeatureCapacity);
    private readonly BoundedCache<string, float[]> _frameFiles = new(FeatureCapacity * 2);
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly BoundedCache<string, Task<AudioClip>> _donorAudio = new(16);
    private readonly DonorPool _donorPool = new();
    private readonly CancellationToken _cancellation;

    public ItemPreprocessor(ModelDescription description, LocalizationRunOptions options, CancellationToken cancellation = default)
    {
        _description = description;
        _options = options;
        _cancellation = cancellation;
        _images = new ImagePreprocessor(description.ImageSize, description.ResizeMode, description.Mean, description.Std,
            options.MaxImagePixels, description.Interpolation);
        _audio = AudioPlan.Create(description, options.AudioWindowSeconds ?? description.WindowSeconds,
            options.AudioWindowSeconds is not null || description.AudioWindow == AudioWindowPlacement.CenteredOnFrame);
        // The image benchmarks' own window (EZ-VSL's 3 s centred on the audio's middle), unless the user chose one.
        _imageAudio = options.AudioWindowSeconds is null && description.ImageBenchmarkWindowSeconds is double imageWindow
            ? AudioPlan.Create(description, imageWindow, centred: true)
            : null;
        _frameScale = ClipSampling.FrameScaleOf(description);
        _decoder = new ClipDecoder(parallelism: options.DecodeParallelism);
        DecodeParallelism = _decoder.Parallelism;
        _clips = new BoundedCache<string, Task<PreparedClip>>((2 * DecodeParallelism) + 8);
        ImageItemLength = checked((int)description.ImageItemShape.Aggregate(1L, (a, b) => a * b));
    }

    public double WindowSeconds => _audio.WindowSeconds;

    public bool CenteredAudio => _audio.Centred;

    public int ImageItemLength { get; }

    /// <summary>The audio item length of AVATAR frames (and of whole-clip runs).</summary>
    public int AudioItemLength => _audio.Length;

    /// <summary>The audio item shape of AVATAR frames (and of whole-clip runs).</summary>
    public long[] AudioItemShape => _audio.Shape;

    /// <summary>The length of a frame's audio item (the image benchmarks may have their own window).</summary>
    public int AudioItemLengthOf(AvatarFrame frame) => PlanOf(frame).Length;

    /// <summary>The shape of a frame's audio item.</summary>
    public long[] AudioItemShapeOf(AvatarFrame frame) => PlanOf(frame).Shape;

    /// <summary>True when two frames' audio items have the same shape and placement (so they can share a batch).</summary>
    public bool SameAudio(AvatarFrame a, AvatarFrame b) => ReferenceEquals(PlanOf(a), PlanOf(b));

    private AudioPlan PlanOf(AvatarFrame frame) => frame.Benchmark != Benchmark.Avatar && _imageAudio is { } image ? image : _audio;

    /// <summary>How many clips are decoded at once.</summary>
    public int DecodeParallelism { get; }

    private bool IsVideo => _description.Level == ModelLevel.Video;

    private bool IsWholeClip => IsVideo && _description.FrameWindow == FrameWindow.WholeClip;

    /// <summary>Starts loading the media of the frame's clip in the background (a no-op when it is loading or loaded).</summary>
    public void Prefetch(AvatarFrame frame) => _ = Clip(frame);

    /// <summary>Waits until the media of these frames' clips are loaded (or failed: the failure is reported by <see cref="FillItem"/>).</summary>
    public void WaitForMedia(IEnumerable<AvatarFrame> frames, CancellationToken cancellation)
    {
        foreach (var task in frames.Select(Clip).Distinct())
        {
            try
            {
                task.Wait(cancellation);
            }
            catch (AggregateException)
            {
                // Reported per frame.
            }
        }
    }

    /// <summary>Messages for the user that are not about one frame (a cache that cannot be written), each once.</summary>
    public IEnumerable<string> TakeWarnings()
    {
        while (_warnings.TryDequeue(out var warning))
        {
            yield return warning;
        }
    }

    /// <summary>
    /// Fills one item of an image-level batch (or a video-level item around the frame), with the audio of the run's
    /// <see cref="LocalizationRunOptions.AudioCondition"/>; returns the OffScreen donor clip (null for other conditions).
    /// </summary>
    public string? FillItem(AvatarFrame frame, Span<float> image, Span<float> audio, CancellationToken cancellation)
    {
        if (!IsVideo)
        {
            _images.Process(frame.ImagePath, image);
            var clip = Media(frame);
            var heard = Heard(frame, clip.Audio!, cancellation);
            var plan = PlanOf(frame);
            // A non-sounding pair hears the listed sample's audio centred on its own middle, as the sample's own would be.
            var centre = frame.AudioId is not null && _options.AudioCondition == AudioCondition.Positive && frame.Benchmark != Benchmark.Avatar
                ? heard.Audio.DurationSeconds / 2
                : TimeOf(frame, clip);
            FillAudio(frame, heard, plan, plan.Centred ? centre : plan.WindowSeconds / 2, audio);
            return heard.Donor;
        }
        RefuseImageBenchmark(frame);
        var prepared = Media(frame);
        var time = TimeOf(frame, prepared);
        var instants = ClipSampling.Instants(_description, time);
        FillFrames(frame, prepared, instants, image, cancellation);
        var sound = Heard(frame, prepared.Audio!, cancellation);
        if (_description.Spectrogram == SpectrogramKind.Envelope)
        {
            ClipSampling.Envelope(sound.Audio.Samples, sound.Audio.SampleRate, instants, _description.FrameSampleRate).CopyTo(audio);
        }
        else
        {
            FillAudio(frame, sound, _audio, time, audio);
        }
        return sound.Donor;
    }

    /// <summary>Fills the single item of a whole-clip video run: T frames from 0 s at the model's rate, and the clip's audio (or its replacement).</summary>
    public string? FillClip(AvatarFrame anyFrameOfClip, Span<float> image, Span<float> audio, CancellationToken cancellation)
    {
        RefuseImageBenchmark(anyFrameOfClip);
        var prepared = Media(anyFrameOfClip);
        var instants = WholeClipInstants();
        FillFrames(anyFrameOfClip, prepared, instants, image, cancellation);
        var sound = Heard(anyFrameOfClip, prepared.Audio!, cancellation);
        if (_description.Spectrogram == SpectrogramKind.Envelope)
        {
            ClipSampling.Envelope(sound.Audio.Samples, sound.Audio.SampleRate, instants, _description.FrameSampleRate).CopyTo(audio);
        }
        else
        {
            FillAudio(anyFrameOfClip, sound, _audio, WindowSeconds / 2, audio);
        }
        return sound.Donor;
    }

    // The audio the model hears for a frame under the run's condition, and the key its features are cached under: the
    // condition is part of every key, so features of two conditions can never be confused.
    private HeardAudio Heard(AvatarFrame frame, AudioClip own, CancellationToken cancellation)
    {
        var condition = _options.AudioCondition;
        if (condition == AudioCondition.Positive && frame.AudioId is { } listed)
        {
            // SLAVC's non-sounding pair: the audio of the sample its test-list row names (a fixed donor).
            return Donated(frame, listed, AudioCondition.NonSounding);
        }
        switch (condition)
        {
            case AudioCondition.Silence:
                return new HeardAudio(NegativeAudio.Silence(own), $"{condition}\n{own.Samples.Length}\n{own.SampleRate}", null);
            case AudioCondition.Noise:
                var seed = NegativeAudio.FrameSeed(_options.EffectiveSeed, frame, 1);
                return new HeardAudio(new AudioClip(NegativeAudio.Noise(own.Samples.Length, seed), own.SampleRate),
                    $"{condition}\n{ClipKey(frame)}\n{frame.FrameIndex}\n{seed}", null);
            case AudioCondition.OffScreen:
                var pool = _donorPool.Of(frame);
                var donor = NegativeAudio.ChooseDonor(frame, pool, _options.EffectiveSeed) ?? throw new AvatarDataException("NoOffScreenDonor",
                    AvatarErrorKind.InvalidData, frame.MetadataPath,
                    $"no clip of {frame.DatasetPath} has categories that share nothing with those of {frame} ({string.Join(", ", frame.Categories)}), so it has no OffScreen audio");
                return Donated(frame, donor, condition);
            default:
                return new HeardAudio(own, $"{condition}\n{ClipKey(frame)}", null);
        }
    }

    // The audio of another clip (sample) of the frame's dataset: an OffScreen donor or a non-sounding pair's listed audio.
    private HeardAudio Donated(AvatarFrame frame, string donor, AudioCondition condition)
    {
        var task = _donorAudio.GetOrAdd(frame.DatasetPath + "\n" + donor, _ => Task.Run(async () =>
        {
            var loaded = await Reader(frame).LoadAsync(donor, audio: true, null, null, _cancellation).ConfigureAwait(false);
            return loaded.Audio!.SampleRate == _description.SampleRate ? loaded.Audio : loaded.Audio.ResampleTo(_description.SampleRate);
        }, _cancellation));
        AudioClip audio;
        try
        {
            audio = task.GetAwaiter().GetResult();
        }
        catch (AvatarDataException error)
        {
            throw new AvatarDataException(error.ErrorId, error.Kind, error.Path,
                $"the {(condition == AudioCondition.NonSounding ? "listed audio" : "OffScreen donor")} {donor} of {frame}: {error.Message}", error);
        }
        return new HeardAudio(audio, $"{condition}\n{frame.DatasetPath}\n{donor}", donor);
    }

    private sealed record HeardAudio(AudioClip Audio, string Key, string? Donor);

    // A video-level model needs a video; the image benchmarks have one image per sample.
    private void RefuseImageBenchmark(AvatarFrame frame)
    {
        if (frame.Benchmark != Benchmark.Avatar)
        {
            throw new AvatarDataException("VideoModelOnImageBenchmark", AvatarErrorKind.InvalidArgument, frame.MetadataPath,
                $"{_description.Name} is a video-level model; {ImageBenchmarkSet.Name(frame.Benchmark)} has one image per sample and no video: use an image-level model");
        }
    }

    private void FillAudio(AvatarFrame frame, HeardAudio heard, AudioPlan plan, double centreSeconds, Span<float> destination)
    {
        var clip = heard.Audio;
        var length = AudioWindow.SampleCount(plan.WindowSeconds, clip.SampleRate);
        var start = AudioWindow.Start(clip.Samples.Length, clip.SampleRate, centreSeconds, length);
        var features = _features.GetOrAdd((heard.Key, start, length), _ =>
        {
            var window = AudioWindow.Extract(clip.Samples, clip.SampleRate, Math.Min(centreSeconds, clip.DurationSeconds), plan.WindowSeconds, frame.MetadataPath);
            var values = new float[plan.Length];
            AudioFeatures.ComputeInto(window, plan.Settings!, values);
            return values;
        });
        features.CopyTo(destination);
    }

    private void FillFrames(AvatarFrame frame, PreparedClip prepared, double[] instants, Span<float> destination, CancellationToken cancellation)
    {
        var timing = prepared.Timing!;
        var frames = prepared.Frames!;
        var size = _images.TensorLength;
        for (var k = 0; k < instants.Length; k++)
        {
            var index = timing.IndexAt(instants[k]);
            var slot = destination.Slice(k * size, size);
            if (frames.AreFiles)
            {
                _frameFiles.GetOrAdd(frames.FileOf(index), file =>
                {
                    var buffer = new float[size];
                    _images.Process(file, buffer);
                    return buffer;
                }).CopyTo(slot);
                continue;
            }
            var pixels = frames.PixelsOf(index) ?? MissingFrame(frame, timing, instants, index, cancellation);
            _images.Process(pixels.Rgb24, pixels.Width, pixels.Height, slot, frame.ToString());
        }
    }

    // A frame not among the clip's labelled frames (a frame object made by hand): load the frames of its own window.
    private VideoFrame MissingFrame(AvatarFrame frame, ClipTiming timing, IReadOnlyList<double> instants, int index, CancellationToken cancellation)
    {
        var request = new FrameRequest(instants.Select(timing.IndexAt).Distinct().Order().ToArray(), _frameScale);
        var loaded = Reader(frame).LoadAsync(frame.VideoId, audio: false, frame.FrameRate, _ => request, cancellation).GetAwaiter().GetResult();
        return loaded.Frames!.PixelsOf(index) ?? throw new InvalidOperationException($"frame {index} of {frame.VideoId} was not decoded");
    }

    private PreparedClip Media(AvatarFrame frame) => Clip(frame).GetAwaiter().GetResult();

    private Task<PreparedClip> Clip(AvatarFrame frame) =>
        _clips.GetOrAdd(ClipKey(frame), _ => Task.Run(() => LoadAsync(frame), _cancellation));

    private async Task<PreparedClip> LoadAsync(AvatarFrame frame)
    {
        var reader = Reader(frame);
        if (frame.Benchmark != Benchmark.Avatar && reader.Media.AudioFile(frame.VideoId) is null)
        {
            // An image benchmark's sample has no video to decode: its audio is only ever the WAV.
            throw new AvatarDataException("AudioNotFound", AvatarErrorKind.NotFound,
                Path.Combine(reader.Media.Root, BenchmarkLayout.AudioFolder, frame.VideoId + ".wav"),
                $"sample {frame.VideoId} has no audio: expected {BenchmarkLayout.AudioFolder}/{frame.VideoId}.wav (16 kHz mono)");
        }
        var loaded = await reader.LoadAsync(frame.VideoId, audio: true, frame.FrameRate,
            IsVideo ? timing => PlanFrames(reader.Media, frame, timing) : null, _cancellation).ConfigureAwait(false);
        var audio = loaded.Audio!;
        var rate = loaded.Timing?.FrameRate ?? frame.FrameRate ?? reader.Media.FrameRate(frame.VideoId)
            ?? (reader.Media.VideoFile(frame.VideoId) is { } video ? Mp4Info.TryReadFrameRate(video) : null);
        return new PreparedClip(audio.SampleRate == _description.SampleRate ? audio : audio.ResampleTo(_description.SampleRate), loaded.Frames, loaded.Timing, rate);
    }

    // The frames every labelled frame of the clip needs (so the clip is decoded once), or the whole-clip run's frames.
    private FrameRequest PlanFrames(IClipMedia media, AvatarFrame frame, ClipTiming timing) =>
        new(ClipSampling.FramesOfClip(_description, media.LabelledFrames(frame.VideoId).Append(frame.FrameIndex), timing), _frameScale);

    private double[] WholeClipInstants() => ClipSampling.WholeClipInstants(_description);

    private ClipMediaReader Reader(AvatarFrame frame) => _readers.GetOrAdd(frame.DatasetPath, root =>
    {
        var media = _options.MediaOf?.Invoke(frame)
            ?? (frame.Benchmark == Benchmark.Avatar ? AvatarDataset.Open(root) : ImageBenchmarkSet.Open(root, frame.Benchmark,
                frame.Benchmark == Benchmark.VggSs ? frame.MetadataPath : Path.GetDirectoryName(frame.MetadataPath)));
        var cache = MediaCache.ForDataset(media.Root, _options.CacheFolder, _warnings.Enqueue);
        return new ClipMediaReader(media, cache, _decoder);
    });

    /// <summary>A clip's identity across datasets (two copies of a clip may hold different audio).</summary>
    private static string ClipKey(AvatarFrame frame) => frame.DatasetPath + "\n" + frame.VideoId;

    // The frame's time: from its own frame rate, else from the clip's (the collection's, or the video's header). An image
    // benchmark's frame lies at the middle of its audio (VGG-SS labels the clip's centre frame; EZ-VSL centres its window there).
    private static double TimeOf(AvatarFrame frame, PreparedClip clip) => frame.Benchmark != Benchmark.Avatar && clip.Audio is { } audio
        ? audio.DurationSeconds / 2
        : frame.Time
        ?? (clip.FrameRate is double rate && rate > 0 ? frame.FrameIndex / rate : throw new AvatarDataException("FrameTimeUnknown",
            AvatarErrorKind.InvalidData, frame.MetadataPath,
            $"the time of {frame} is unknown (no frame rate): add the clip to {AvatarDataset.FrameRatesFileName} (clip_id,fps) or provide its mp4"));

    /// <summary>How a frame's audio item is made: the window, its placement, the spectrogram and the item's shape.</summary>
    private sealed record AudioPlan(double WindowSeconds, bool Centred, SpectrogramSettings? Settings, long[] Shape, int Length)
    {
        public static AudioPlan Create(ModelDescription description, double windowSeconds, bool centred)
        {
            SpectrogramSettings? settings = description.Spectrogram switch
            {
                SpectrogramKind.Linear => new SpectrogramSettings(SpectrogramKind.Linear, description.SampleRate, windowSeconds,
                    description.SegmentLength, description.SegmentLength, description.SegmentLength - description.SegmentOverlap, description.SegmentLength / 2 + 1),
                SpectrogramKind.Mel => new SpectrogramSettings(SpectrogramKind.Mel, description.SampleRate, windowSeconds,
                    description.FftSize, description.FftSize, description.HopLength, description.MelBands),
                _ => null,
            };
            settings?.Validate();
            var shape = settings is { } s ? s.Shape().Select(d => (long)d).ToArray() : new long[] { description.FramesPerClip };
            return new AudioPlan(windowSeconds, centred, settings, shape, checked((int)shape.Aggregate(1L, (a, b) => a * b)));
        }
    }

    private sealed record PreparedClip(AudioClip? Audio, ClipFrames? Frames, ClipTiming? Timing, double? FrameRate);
}
