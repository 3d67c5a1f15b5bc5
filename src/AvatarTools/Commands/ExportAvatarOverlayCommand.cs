using System.Management.Automation;
using AvatarTools.Core;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Reports;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Draws heatmaps over their frames (PNG), with the ground truth and the predicted region outlined; with -PassThru passes the localizations on.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "AvatarOverlay", DefaultParameterSetName = GlobalSet, SupportsShouldProcess = true)]
[OutputType(typeof(Localization))]
public sealed class ExportAvatarOverlayCommand : AvatarCmdlet
{
    private const string GlobalSet = "Global";
    private const string FixedSet = "Fixed";
    private const string PerFrameSet = "PerFrame";
    private readonly List<Localization> _held = new();
    private string _folder = "";
    private OverlayWriter? _frameWriter;

    /// <summary>The folder to write to.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The localizations to draw.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    [PipelineInput(typeof(Localization), "Localization objects (from Invoke-AvatarLocalization or Import-AvatarHeatmap)")]
    public Localization? Localization { get; set; }

    /// <summary>Write one strip per clip (frames in time order, a row per model) instead of one picture per frame.</summary>
    [Parameter]
    public SwitchParameter Strip { get; set; }

    /// <summary>An absolute threshold for the predicted region.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FixedSet)]
    public double Threshold { get; set; }

    /// <summary>The top fraction of the Global threshold computed per model over the input.</summary>
    [Parameter(ParameterSetName = GlobalSet)]
    [ValidateRange(1e-9, 0.999999999)]
    public double TopFraction { get; set; } = 0.1;

    /// <summary>Use the per-frame top-half rule for the predicted region.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PerFrameSet)]
    public SwitchParameter PerFrameThreshold { get; set; }

    /// <summary>Refuse to replace a file that exists already (OutputExists); by default it is overwritten.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Pass each localization on down the pipeline; by default nothing is written to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (ParameterSetName == FixedSet && !double.IsFinite(Threshold))
        {
            ThrowAvatarError(new AvatarDataException("InvalidThreshold", AvatarErrorKind.InvalidArgument, null,
                $"-Threshold {Threshold} is not a finite number; give the heatmap value at or above which a pixel is predicted"));
        }
        _folder = ResolveOutputPath(Path);
    }

    protected override string ProcessedItems => "localizations";

    protected override string SkippedOutcome => "were not drawn in full";

    protected override void ProcessRecord()
    {
        if (SkipWrongInput(Localization))
        {
            return;
        }
        CountProcessed();
        var localization = Localization!;
        if (Strip || ParameterSetName == GlobalSet)
        {
            _held.Add(localization);
        }
        else
        {
            _frameWriter ??= new OverlayWriter(_folder, Options(null), NoClobber);
            WriteFrame(_frameWriter, localization);
        }
        if (PassThru)
        {
            WriteObject(localization);
        }
    }

    protected override void EndProcessing()
    {
        if (_held.Count == 0)
        {
            WriteSkipSummary();
            return;
        }
        var progress = new ProgressReporter(this, 5, "Drawing overlays", Strip ? "clips" : "frames");
        try
        {
            var thresholds = ParameterSetName == GlobalSet ? OverlayWriter.GlobalThresholds(_held, TopFraction, cancellation: Cancellation) : null;
            foreach (var (model, tau) in thresholds ?? new Dictionary<string, double>())
            {
                WriteVerbose(FormattableString.Invariant($"{model}: predicted region at tau = {tau:G9} (top fraction {TopFraction:G4} over its {_held.Count(l => l.Model == model)} heatmaps here)."));
            }
            WriteVerbose($"Writing {(Strip ? "strips" : "overlays")} of {_held.Count} localizations to {_folder}.");
            var writer = new OverlayWriter(_folder, Options(thresholds), NoClobber);
            if (Strip)
            {
                WriteStrips(writer, progress);
            }
            else
            {
                for (var i = 0; i < _held.Count; i++)
                {
                    Cancellation.ThrowIfCancellationRequested();
                    WriteFrame(writer, _held[i]);
                    progress.Report(i + 1, _held.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by the user.
        }
        finally
        {
            progress.Complete();
        }
        WriteSkipSummary();
    }

    private void WriteStrips(OverlayWriter writer, ProgressReporter progress)
    {
        var clips = _held.Select(l => l.VideoId).Distinct(StringComparer.Ordinal).Count();
        if (!ShouldProcess(writer.Folder, $"Write {clips} strips"))
        {
            return;
        }
        var done = 0;
        foreach (var strip in writer.WriteStrips(_held, Cancellation))
        {
            foreach (var missing in strip.ImageErrors)
            {
                WriteAvatarError(missing.Error, missing.Frame);
            }
            if (strip.Error is { } error)
            {
                WriteAvatarError(error, strip.ClipId);
            }
            else
            {
                WriteVerbose($"Wrote {strip.Path}");
            }
            progress.Report(++done, clips, strip.ClipId);
        }
    }

    private OverlayOptions Options(IReadOnlyDictionary<string, double>? thresholds) => new()
    {
        Threshold = ParameterSetName == FixedSet ? Threshold : null,
        ModelThresholds = thresholds,
    };

    private void WriteFrame(OverlayWriter writer, Localization localization)
    {
        try
        {
            if (ShouldWrite(writer.Folder, writer.FramePath(localization), "Write overlays"))
            {
                WriteVerbose($"Wrote {writer.WriteFrame(localization)}");
            }
        }
        catch (AvatarDataException ex)
        {
            WriteAvatarError(ex, localization);
        }
    }
}
