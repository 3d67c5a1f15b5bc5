using System.Management.Automation;
using AvatarTools.Completion;
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

    protected override void BeginProcessing()
    {
        var model = BuiltInModels.Names.Contains(Model, StringComparer.OrdinalIgnoreCase) && !File.Exists(Model) ? Model : ResolveOutputPath(Model);
        try
        {
            _session = ModelLoader.Open(model, Preset, new InferenceOptions(ExecutionProvider, ThreadCount));
            var options = new LocalizationRunOptions
            {
                BatchSize = BatchSize,
                AudioWindowSeconds = double.IsNaN(AudioWindow) ? null : AudioWindow,
                CacheFolder = CacheFolder is null ? null : ResolveOutputPath(CacheFolder),
            };
            _runner = new LocalizationRunner(_session, ModelName ?? _session.Description.Name, options, Cancellation);
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
    }

    protected override void ProcessRecord()
    {
        if (SkipWrongInput(Frame))
        {
            return;
        }
        try
        {
            _runner!.Submit(Frame!);
            _submitted++;
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
            foreach (var outcome in _runner!.Complete())
            {
                Write(new[] { outcome });
                _progress!.Report(_done, _submitted, outcome.Frame.ToString());
            }
            WriteWarnings();
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
