using System.Collections.Concurrent;
using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Inference;

/// <summary>
/// Runs a model over a stream of labelled frames with preprocessing and inference overlapped: frames are
/// gathered into batches; the media of the clips ahead are decoded in the background (one ffmpeg run per
/// clip, one per core at a time), one worker prepares the next batches (images, audio, spectrograms; the
/// items of a batch in parallel) while another runs ONNX Runtime on the current one. Outcomes come back in
/// input order. The caller (the pipeline thread) only submits frames and takes outcomes.
/// </summary>
public sealed class LocalizationRunner : IDisposable
{
    private readonly ModelSession _session;
    private readonly ModelDescription _description;
    private readonly LocalizationRunOptions _options;
    private readonly ItemPreprocessor _preprocessor;
    private readonly BlockingCollection<Batch> _toPrepare;
    private readonly BlockingCollection<Batch> _toRun;
    private readonly ConcurrentQueue<LocalizationOutcome> _ready = new();
    private readonly SemaphoreSlim _readySignal = new(0);
    private readonly CancellationTokenSource _cancellation;
    private readonly Task _prepareWorker;
    private readonly Task _runWorker;
    private readonly List<AvatarFrame> _pending = new();
    private readonly TensorBufferPool _buffers = new(4);
    private readonly ConcurrentDictionary<string, AvatarDataException?> _shapeErrors = new(StringComparer.Ordinal);
    private string? _lastClip;
    private int _inFlight;
    private bool _completed;

    public LocalizationRunner(ModelSession session, string modelName, LocalizationRunOptions? options = null, CancellationToken cancellation = default)
    {
        _session = session;
        _description = session.Description;
        ModelName = modelName;
        _options = options ?? new LocalizationRunOptions();
        _options.Validate();
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _preprocessor = new ItemPreprocessor(_description, _options, _cancellation.Token);
        _toPrepare = new BlockingCollection<Batch>(WaitingBatches());
        _toRun = new BlockingCollection<Batch>(_options.PrefetchBatches);
        _prepareWorker = Task.Factory.StartNew(PrepareLoop, TaskCreationOptions.LongRunning);
        _runWorker = Task.Factory.StartNew(RunLoop, TaskCreationOptions.LongRunning);
    }

    /// <summary>The name the localizations carry.</summary>
    public string ModelName { get; }

    /// <summary>Seconds spent inside ONNX Runtime runs so far.</summary>
    public double InferenceSeconds { get; private set; }

    /// <summary>
    /// Adds a frame; the first frame of a clip starts decoding that clip's media in the background. Blocks while
    /// the workers are a few batches behind (so memory stays bounded).
    /// </summary>
    public void Submit(AvatarFrame frame)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var clip = frame.DatasetPath + "\n" + frame.VideoId;
        if (!string.Equals(clip, _lastClip, StringComparison.Ordinal))
        {
            _lastClip = clip;
            _preprocessor.Prefetch(frame);
        }
        var wholeClip = IsWholeClip;
        if (_pending.Count > 0 && ((wholeClip && !string.Equals(_pending[0].VideoId, frame.VideoId, StringComparison.Ordinal))
            || !_preprocessor.SameAudio(_pending[0], frame)))
        {
            Flush();
        }
        _pending.Add(frame);
        if (!wholeClip && _pending.Count >= _options.BatchSize)
        {
            Flush();
        }
    }

    /// <summary>The outcomes ready now, in input order; never blocks.</summary>
    public IEnumerable<LocalizationOutcome> TakeReady()
    {
        ThrowIfFaulted();
        while (_ready.TryDequeue(out var outcome))
        {
            _readySignal.Wait(0);
            Interlocked.Decrement(ref _inFlight);
            yield return outcome;
        }
    }

    /// <summary>Ends the input and yields the remaining outcomes as they become ready, in input order.</summary>
    public IEnumerable<LocalizationOutcome> Complete()
    {
        if (!_completed)
        {
            Flush();
            _completed = true;
            _toPrepare.CompleteAdding();
        }
        while (true)
        {
            while (_ready.TryDequeue(out var outcome))
            {
                Interlocked.Decrement(ref _inFlight);
                yield return outcome;
            }
            ThrowIfFaulted();
            if (Volatile.Read(ref _inFlight) == 0 && _runWorker.IsCompleted)
            {
                yield break;
            }
            _readySignal.Wait(100, _cancellation.Token);
        }
    }

    /// <summary>The frames submitted whose outcome has not been taken yet.</summary>
    public int Pending => Volatile.Read(ref _inFlight) + _pending.Count;

    /// <summary>Messages that are not about one frame (a media cache that cannot be written), each once; never blocks.</summary>
    public IEnumerable<string> TakeWarnings() => _preprocessor.TakeWarnings();

    private bool IsWholeClip => _description.Level == ModelLevel.Video && _description.FrameWindow == FrameWindow.WholeClip;

    // Batches may wait for preparation until about two clips per decoding slot are submitted ahead (AVATAR has about
    // five labelled frames per clip), so every slot has a clip to decode while the current batches are prepared and run.
    private int WaitingBatches()
    {
        var framesAhead = 2 * 5 * _preprocessor.DecodeParallelism;
        var batchFrames = IsWholeClip ? 5 : _options.BatchSize;
        return _options.PrefetchBatches + (int)Math.Ceiling(framesAhead / (double)batchFrames);
    }

    private void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var batch = new Batch(_pending.ToArray());
        _pending.Clear();
        Interlocked.Add(ref _inFlight, batch.Frames.Length);
        try
        {
            _toPrepare.Add(batch, _cancellation.Token);
        }
        catch (InvalidOperationException)
        {
            ThrowIfFaulted();
            throw;
        }
    }

    private void PrepareLoop()
    {
        try
        {
            foreach (var batch in _toPrepare.GetConsumingEnumerable(_cancellation.Token))
            {
                if (IsWholeClip)
                {
                    PrepareClip(batch);
                }
                else
                {
                    PrepareItems(batch);
                }
                _toRun.Add(batch, _cancellation.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _toRun.CompleteAdding();
        }
    }

    private void PrepareItems(Batch batch)
    {
        var imageLength = _preprocessor.ImageItemLength;
        var audioLength = _preprocessor.AudioItemLengthOf(batch.Frames[0]);
        var count = batch.Frames.Length;
        if (AudioShapeMismatch(batch.Frames[0]) is { } mismatch)
        {
            Array.Fill(batch.Errors, mismatch);
            batch.Good = Array.Empty<int>();
            return;
        }
        _preprocessor.WaitForMedia(batch.Frames, _cancellation.Token);
        var images = _buffers.Rent(count * imageLength);
        var audio = _buffers.Rent(count * audioLength);
        Parallel.For(0, count, new ParallelOptions { CancellationToken = _cancellation.Token }, item =>
        {
            try
            {
                batch.Donors[item] = _preprocessor.FillItem(batch.Frames[item], images.AsSpan(item * imageLength, imageLength), audio.AsSpan(item * audioLength, audioLength), _cancellation.Token);
            }
            catch (AvatarDataException error)
            {
                batch.Errors[item] = error;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                batch.Errors[item] = new AvatarDataException("FrameInputUnreadable", AvatarErrorKind.InvalidData, batch.Frames[item].MetadataPath,
                    $"the inputs of {batch.Frames[item]} could not be prepared: {ex.Message}", ex);
            }
        });
        var good = Enumerable.Range(0, count).Where(i => batch.Errors[i] is null).ToArray();
        if (good.Length < count)
        {
            var (allImages, allAudio) = (images, audio);
            images = Compact(allImages, imageLength, good);
            audio = Compact(allAudio, audioLength, good);
            _buffers.Return(allImages);
            _buffers.Return(allAudio);
        }
        batch.Good = good;
        if (good.Length > 0)
        {
            batch.Image = new InputTensor(images, [good.Length, .. _description.ImageItemShape]);
            batch.Audio = new InputTensor(audio, [good.Length, .. _preprocessor.AudioItemShapeOf(batch.Frames[0])]);
        }
    }

    /// <summary>
    /// The error of every frame whose audio item the model cannot take (a model exported with a fixed time axis for
    /// AVATAR's window, given VGG-SS or Flickr-SoundNet samples with their own window), one per item shape; null when it fits.
    /// </summary>
    private AvatarDataException? AudioShapeMismatch(AvatarFrame frame)
    {
        var shape = _preprocessor.AudioItemShapeOf(frame);
        return _shapeErrors.GetOrAdd(string.Join(",", shape), _ => ModelValidator.AudioShapeProblem(_session, shape) is { } problem
            ? new AvatarDataException(ModelValidator.MismatchErrorId, AvatarErrorKind.InvalidData, _session.Path,
                $"{_description.Name} cannot run on {ImageBenchmarkSet.Name(frame.Benchmark)} frames: {problem}" +
                (frame.Benchmark == Benchmark.Avatar ? "." : _description.ImageBenchmarkWindowSeconds is double window
                    ? FormattableString.Invariant($" ({window:0.###} s of audio, the description's imageBenchmarkWindowSeconds). Export the model with a dynamic time axis, or set \"imageBenchmarkWindowSeconds\": null in its sidecar to feed it AVATAR's window on these frames too (not the baseline's protocol).")
                    : "."))
            : null);
    }

    private void PrepareClip(Batch batch)
    {
        var images = new float[_preprocessor.ImageItemLength];
        var audio = new float[_preprocessor.AudioItemLength];
        _preprocessor.WaitForMedia(batch.Frames.Take(1), _cancellation.Token);
        try
        {
            Array.Fill(batch.Donors, _preprocessor.FillClip(batch.Frames[0], images, audio, _cancellation.Token));
            batch.Good = Enumerable.Range(0, batch.Frames.Length).ToArray();
            batch.Image = new InputTensor(images, [1, .. _description.ImageItemShape]);
            batch.Audio = new InputTensor(audio, [1, .. _preprocessor.AudioItemShape]);
        }
        catch (AvatarDataException error)
        {
            Array.Fill(batch.Errors, error);
            batch.Good = Array.Empty<int>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Array.Fill(batch.Errors, new AvatarDataException("FrameInputUnreadable", AvatarErrorKind.InvalidData, batch.Frames[0].MetadataPath,
                $"the inputs of clip {batch.Frames[0].VideoId} could not be prepared: {ex.Message}", ex));
            batch.Good = Array.Empty<int>();
        }
    }

    private void RunLoop()
    {
        try
        {
            foreach (var batch in _toRun.GetConsumingEnumerable(_cancellation.Token))
            {
                var maps = new Heatmap?[batch.Frames.Length];
                if (batch.Good.Length > 0)
                {
                    try
                    {
                        var started = System.Diagnostics.Stopwatch.GetTimestamp();
                        var (shape, values) = OnnxSessionRunner.RunRaw(_session, batch.Image!, batch.Audio!, _cancellation.Token);
                        InferenceSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
                        Distribute(batch, shape, values, maps);
                    }
                    catch (AvatarDataException error)
                    {
                        foreach (var item in batch.Good)
                        {
                            batch.Errors[item] = error;
                        }
                    }
                    finally
                    {
                        _buffers.Return(batch.Image!.Values);
                        _buffers.Return(batch.Audio!.Values);
                    }
                }
                for (var item = 0; item < batch.Frames.Length; item++)
                {
                    var frame = batch.Frames[item];
                    _ready.Enqueue(maps[item] is { } map
                        ? new LocalizationOutcome(frame, Tagged(new Localization(frame, ModelName, map), batch.Donors[item]), null)
                        : new LocalizationOutcome(frame, null, batch.Errors[item]));
                    _readySignal.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Distribute(Batch batch, long[] shape, float[] values, Heatmap?[] maps)
    {
        if (IsWholeClip)
        {
            // [1, T, h, w]: one map per sampled frame; each labelled frame interpolates between the two nearest.
            if (shape.Length != 4 || shape[0] != 1)
            {
                throw new AvatarDataException("ModelRunFailed", AvatarErrorKind.InvalidData, _session.Path,
                    $"a whole-clip video model must output [1, T, h, w]; got [{string.Join(", ", shape)}]");
            }
            var sampled = OnnxSessionRunner.Split(_session.Path, [shape[1], shape[2], shape[3]], values, shape[1]);
            foreach (var item in batch.Good)
            {
                var frame = batch.Frames[item];
                if (frame.Time is not double time)
                {
                    batch.Errors[item] = new AvatarDataException("FrameTimeUnknown", AvatarErrorKind.InvalidData, frame.MetadataPath,
                        $"the time of {frame} is unknown (no frame rate), so its map cannot be interpolated");
                    continue;
                }
                maps[item] = Heatmap.Interpolate(sampled, time * _description.FrameSampleRate);
            }
            return;
        }
        var split = OnnxSessionRunner.Split(_session.Path, shape, values, batch.Good.Length);
        for (var k = 0; k < batch.Good.Length; k++)
        {
            maps[batch.Good[k]] = split[k];
        }
    }

    // The run's audio condition on each localization (and, for negatives, the draw that made it).
    private Localization Tagged(Localization localization, string? donor) => _options.AudioCondition == AudioCondition.Positive
        ? localization.Frame.AudioId is null ? localization : localization with { Condition = AudioCondition.NonSounding, DonorClip = donor }
        : localization with
        {
            Condition = _options.AudioCondition,
            DonorClip = donor,
            Seed = _options.AudioCondition is AudioCondition.Noise or AudioCondition.OffScreen ? _options.EffectiveSeed : null,
            Repeat = _options.Repeat,
        };

    private static float[] Compact(float[] values, int itemLength, int[] keep)
    {
        var result = new float[keep.Length * itemLength];
        for (var k = 0; k < keep.Length; k++)
        {
            values.AsSpan(keep[k] * itemLength, itemLength).CopyTo(result.AsSpan(k * itemLength));
        }
        return result;
    }

    private void ThrowIfFaulted()
    {
        foreach (var worker in new[] { _prepareWorker, _runWorker })
        {
            if (worker.IsFaulted)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(worker.Exception!.InnerException!);
            }
        }
    }

    public void Dispose()
    {
        _cancellation.Cancel();
        _toPrepare.CompleteAdding();
        try
        {
            Task.WaitAll(new[] { _prepareWorker, _runWorker }, TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Workers end by cancellation; their faults were reported through TakeReady/Complete.
        }
        _toPrepare.Dispose();
        _toRun.Dispose();
        _readySignal.Dispose();
        _cancellation.Dispose();
    }

    private sealed class Batch(AvatarFrame[] frames)
    {
        public AvatarFrame[] Frames { get; } = frames;

        public AvatarDataException?[] Errors { get; } = new AvatarDataException?[frames.Length];

        public string?[] Donors { get; } = new string?[frames.Length];

        public int[] Good { get; set; } = Array.Empty<int>();

        public InputTensor? Image { get; set; }

        public InputTensor? Audio { get; set; }
    }
}
