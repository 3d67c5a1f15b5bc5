using System.Management.Automation;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Reports;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Draws heatmaps over their frames (PNG), with the ground truth and the predicted region outlined.</para>
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

    /// <summary>The folder to write to.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The localizations to draw.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
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

    protected override void BeginProcessing() => _folder = ResolveOutputPath(Path);

    protected override void ProcessRecord()
    {
        var localization = Localization!;
        if (Strip || ParameterSetName == GlobalSet)
        {
            _held.Add(localization);
        }
        else
        {
            WriteFrame(localization, Options(null));
        }
        WriteObject(localization);
    }

    protected override void EndProcessing()
    {
        if (_held.Count == 0)
        {
            return;
        }
        var thresholds = ParameterSetName == GlobalSet ? OverlayWriter.GlobalThresholds(_held, TopFraction, cancellation: Cancellation) : null;
        var options = Options(thresholds);
        if (Strip)
        {
            if (ShouldProcess(_folder, $"Write {_held.Select(l => l.VideoId).Distinct().Count()} strips"))
            {
                foreach (var file in OverlayWriter.WriteStrips(_folder, _held, options, Cancellation))
                {
                    WriteVerbose($"Wrote {file}");
                }
            }
            return;
        }
        var progress = new ProgressReporter(this, 5, "Drawing overlays");
        try
        {
            for (var i = 0; i < _held.Count; i++)
            {
                Cancellation.ThrowIfCancellationRequested();
                WriteFrame(_held[i], options);
                progress.Report(i + 1, _held.Count);
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
    }

    private OverlayOptions Options(IReadOnlyDictionary<string, double>? thresholds) => new()
    {
        Threshold = ParameterSetName == FixedSet ? Threshold : null,
        ModelThresholds = thresholds,
    };

    private void WriteFrame(Localization localization, OverlayOptions options)
    {
        var target = OverlayWriter.FramePath(_folder, localization);
        if (!ShouldProcess(target, "Write overlay"))
        {
            return;
        }
        try
        {
            WriteVerbose($"Wrote {OverlayWriter.WriteFrame(_folder, localization, options)}");
        }
        catch (AvatarDataException ex)
        {
            WriteAvatarError(ex, localization);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteAvatarError(new AvatarDataException("OverlayNotWritten", AvatarErrorKind.NotAvailable, target, $"cannot be written ({ex.Message})", ex), localization);
        }
    }
}
