using System.Management.Automation;
using AvatarTools.Completion;
using AvatarTools.Core;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Inference;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Runs a localization model (ONNX, or a built-in one) over labelled frames.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "AvatarLocalization")]
[OutputType(typeof(Localization))]
public sealed class InvokeAvatarLocalizationCommand : AvatarCmdlet
{
    private ModelSession? _session;
    private LocalizationRunner? _runner;
    private ProgressReporter? _progress;
    private readonly UnavailableErrorFilter _unavailable = new();
    private long _submitted;
    private long _done;
    private LocalizationRunOptions? _options;
    private readonly List<AvatarFrame> _repeatFrames = new();
    private readonly DatasetFrameTotal _expected = new();

    /// <summary>The frames to localize.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    [PipelineInput(typeof(AvatarFrame), "AvatarFrame objects (from Get-AvatarFrame or Select-CrossEvent)")]
    public AvatarFrame? Frame { get; set; }

    /// <summary>An .onnx file, or a built-in model: Center, AVSync.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelCompleter))]
    public string Model { get; set; } = "";

    /// <summary>The preprocessing preset of an ONNX model without a sidecar.</summary>
    [Parameter]
    public ModelPreset? Preset { get; set; }

    /// <summary>Seconds of audio centred on each frame (default: the model's, 10 s = the whole clip).</summary>
    [Parameter]
    [ValidateRange(0.01, 600.0)]
    public double AudioWindow { get; set; } = double.NaN;

    /// <summary>Frames per ONNX Runtime run.</summary>
    [Parameter]
    [ValidateRange(1, 4096)]
    public int BatchSize { get; set; } = 4;

    /// <summary>ONNX Runtime's intra-op threads (0: its default, all cores).</summary>
    [Parameter]
    [ValidateRange(0, 1024)]
    public int ThreadCount { get; set; }

    /// <summary>The execution provider.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ExecutionProviderCompleter))]
    [ValidateNotNullOrEmpty]
    public string ExecutionProvider { get; set; } = "CPU";

    /// <summary>The base folder of the media cache (one subfolder per dataset).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CacheFolder { get; set; }

    /// <summary>The name the localizations carry (default: the built-in name or the file name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ModelName { get; set; }

    /// <summary>The audio the model hears: each frame's own (Positive), silence, N(0, 1) noise, or an OffScreen clip's audio.</summary>
    [Parameter]
    [ValidateSet(nameof(AudioCondition.Positive), nameof(AudioCondition.Silence), nameof(AudioCondition.Noise), nameof(AudioCondition.OffScreen))]
    public AudioCondition AudioCondition { get; set; } = AudioCondition.Positive;

    /// <summary>The seed of the Noise and OffScreen draws (repeat r uses Seed + r); default 0.</summary>
    [Parameter]
    public int Seed { get; set; }

    /// <summary>Runs of the condition, each with its own draws (seeds Seed, Seed + 1, …); every frame is localized once per run.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int Repeat { get; set; } = 1;

    private int _pairsLeftOut;

    protected override void BeginProcessing()
    {
        var model = BuiltInModels.Names.Contains(Model, StringComparer.OrdinalIgnoreCase) && !File.Exists(Model) ? Model : ResolveOutputPath(Model);
        try
        {
            _session = ModelLoader.Open(model, Preset, new InferenceOptions(ExecutionProvider, ThreadCount));
            if (AudioCondition == AudioCondition.Positive && (ScoringParameters.IsBound(this, nameof(Seed)) || ScoringParameters.IsBound(this, nameof(Repeat))))
            {
                ThrowAvatarError(new AvatarDataException("RepeatNeedsNegativeAudio", AvatarErrorKind.InvalidArgument, null,
                    "-Seed and -Repeat set up the draws of a negative -AudioCondition (Silence, Noise or OffScreen); the frames' own audio has none."), Model);
            }
            _options = new LocalizationRunOptions
            {
                BatchSize = BatchSize,
                AudioWindowSeconds = double.IsNaN(AudioWindow) ? null : AudioWindow,
                CacheFolder = CacheFolder is null ? null : ResolveOutputPath(CacheFolder),
                AudioCondition = AudioCondition,
                Seed = Seed,
            };
            _runner = new LocalizationRunner(_session, ModelName ?? _session.Description.Name, _options, Cancellation);
        }
        catch (AvatarDataException ex)
        {
            ThrowAvatarError(ex, Model);
        }
        catch (ArgumentException ex)
        {
            ThrowAvatarError(new AvatarDataException("InvalidModelDescription", AvatarErrorKind.InvalidArgument, Model, ex.Message, ex), Model);
        }
        _progress = new ProgressReporter(this, 4, $"Running {_runner!.ModelName}");
        WriteVerbose($"Model: {ModelLoader.Source(model, Preset)}.");
        WriteVerbose($"{_session!.Description} on {_session.ExecutionProvider}; batches of {BatchSize}" +
            (double.IsNaN(AudioWindow) ? "" : FormattableString.Invariant($", {AudioWindow:G4} s of audio per frame")) +
            (CacheFolder is null ? "." : $", media cache under {ResolveOutputPath(CacheFolder)}."));
        if (AudioCondition != AudioCondition.Positive)
        {
            WriteVerbose($"Audio condition {AudioCondition}" + (AudioCondition is AudioCondition.Noise or AudioCondition.OffScreen
                ? $", seed {Seed}{(Repeat > 1 ? $" to {unchecked(Seed + Repeat - 1)} ({Repeat} repeats)" : "")}"
                : Repeat > 1 ? $", {Repeat} repeats" : ""));
        }
        if (double.IsNaN(AudioWindow) && _session.Description.ImageBenchmarkWindowSeconds is double imageWindow)
        {
            WriteVerbose($"On VGG-SS and Flickr-SoundNet frames: {imageWindow:0.###} s of audio centred on the middle of each sample's audio.");
        }
    }

    protected override void ProcessRecord()
    {
        if (SkipWrongInput(Frame))
        {
            return;
        }
        if (Frame!.AudioId is not null && AudioCondition != AudioCondition.Positive)
        {
            // A non-sounding pair is a negative already; another negative condition would replace the audio it is defined by.
            _pairsLeftOut++;
            return;
        }
        try
        {
            _runner!.Submit(Frame!);
            _submitted++;
            if (Repeat > 1)
            {
                _repeatFrames.Add(Frame!);
            }
            Write(_runner.TakeReady());
            _progress!.Report(_done, _expected.See(Frame!), Frame!.ToString());
        }
        catch (OperationCanceledException)
        {
            // Stopped by the user.
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            var total = _submitted * Repeat;
            foreach (var outcome in _runner!.Complete())
            {
                Write(new[] { outcome });
                _progress!.Report(_done, total, outcome.Frame.ToString());
            }
            // Later repeats run one after the other on the same frames, each with its own runner (its caches hold its own draws).
            for (var repeat = 1; repeat < Repeat && _repeatFrames.Count > 0; repeat++)
            {
                WriteVerbose($"Repeat {repeat} of {AudioCondition}");
                var name = _runner.ModelName;
                _runner.Dispose();
                _runner = new LocalizationRunner(_session!, name, _options! with { Repeat = repeat }, Cancellation);
                foreach (var frame in _repeatFrames)
                {
                    _runner.Submit(frame);
                    Write(_runner.TakeReady());
                }
                foreach (var outcome in _runner.Complete())
                {
                    Write(new[] { outcome });
                    _progress!.Report(_done, total, outcome.Frame.ToString());
                }
            }
            WriteWarnings();
            if (_pairsLeftOut > 0)
            {
                WriteWarning($"{_pairsLeftOut} frames of non-sounding pairs (test-list rows that pair an image with another sample's audio) were left out: they are negatives with their listed audio; -AudioCondition {AudioCondition} applies to the frames heard with their own audio.");
            }
            // A missing tool or provider is one error record; the frames it cost after that are counted in the summary.
            foreach (var (errorId, count) in _unavailable.Skipped.Where(skipped => skipped.Value > 0))
            {
                CountSkipped(errorId, count);
            }
            WriteVerbose($"{_done} frames; {_runner.InferenceSeconds:F2} s in ONNX Runtime");
            CountProcessed(_done);
            WriteSkipSummary();
        }
        catch (OperationCanceledException)
        {
            // Stopped by the user.
        }
        finally
        {
            _progress?.Complete();
        }
    }

    protected override string ProcessedItems => "frames";

    protected override string SkippedOutcome => "were not localized";

    private void Write(IEnumerable<LocalizationOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _done++;
            if (outcome.Localization is { } localization)
            {
                WriteObject(localization);
            }
            else if (outcome.Error is { } error && _unavailable.ShouldReport(error))
            {
                WriteAvatarError(error, outcome.Frame);
            }
        }
        WriteWarnings();
    }

    private void WriteWarnings()
    {
        foreach (var warning in _runner!.TakeWarnings())
        {
            WriteWarning(warning);
        }
    }

    protected override void DisposeResources()
    {
        _runner?.Dispose();
        _session?.Dispose();
    }
}
