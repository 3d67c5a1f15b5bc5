using System.Management.Automation;
using AvatarTools.Core;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.IO;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Reads a model's heatmaps (NumPy .npy files) for the frames in the pipeline.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "AvatarHeatmap")]
[OutputType(typeof(Localization))]
public sealed class ImportAvatarHeatmapCommand : AvatarCmdlet
{
    private HeatmapStore? _store;
    private OrderedReadAhead<AvatarFrame, Heatmap, AvatarDataException>? _reads;
    private string _model = "";
    private AudioConditionFile? _condition;
    private long _read;

    /// <summary>The folder of .npy heatmaps.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The frames whose heatmaps to read.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    [PipelineInput(typeof(AvatarFrame), "AvatarFrame objects (from Get-AvatarFrame or Select-CrossEvent)")]
    public AvatarFrame? Frame { get; set; }

    /// <summary>The model name; defaults to the folder name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    /// <summary>Samples per second of per-clip [T, h, w] arrays.</summary>
    [Parameter]
    [ValidateRange(1e-6, 1e6)]
    public double FrameRate { get; set; } = double.NaN;

    protected override void BeginProcessing()
    {
        var folder = ResolveOutputPath(Path);
        var kind = FileKinds.Of(folder);
        if (kind != FileKind.Directory)
        {
            ThrowAvatarError(new AvatarDataException("HeatmapFolderNotFound", AvatarErrorKind.NotFound, folder,
                (kind == FileKind.Missing ? "does not exist" : $"is {FileKinds.Describe(kind)}") +
                "; expected a folder of .npy heatmaps (<clip_id>/<frame>.npy, <clip_id>_<frame>.npy or <clip_id>.npy)"));
        }
        _store = new HeatmapStore(folder, double.IsNaN(FrameRate) ? null : FrameRate);
        try
        {
            _condition = AudioConditionFile.Read(folder);
        }
        catch (AvatarDataException ex)
        {
            ThrowAvatarError(ex, folder);
        }
        _model = Model ?? _condition?.Model ?? System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(folder));
        WriteVerbose($"Reading the heatmaps of model '{_model}' from {folder} (<clip_id>/<frame>.npy, else <clip_id>_<frame>.npy, else a per-clip <clip_id>.npy{(double.IsNaN(FrameRate) ? " at the clip's frame rate" : FormattableString.Invariant($" at {FrameRate:G6} samples/s"))}).");
        if (_condition is not null)
        {
            WriteVerbose($"{folder} holds {_condition.Condition} maps of {_condition.Model} (repeat {_condition.Repeat}{(_condition.Seed is int seed ? $", seed {seed}" : "")})");
        }
        // Files are read a few frames ahead on worker threads; localizations come out in input order.
        _reads = new OrderedReadAhead<AvatarFrame, Heatmap, AvatarDataException>((frame, _) => _store.Read(frame), cancellation: Cancellation);
    }

    private int _passedBy;

    protected override string ProcessedItems => "frames";

    protected override string SkippedOutcome => "got no heatmap";

    protected override void ProcessRecord()
    {
        if (SkipWrongInput(Frame))
        {
            return;
        }
        // SLAVC's non-sounding pairs (frames with an AudioId) have their maps in a NonSounding folder, the frames heard with
        // their own audio in the others: a frame of the other kind passes by (the same image is in both).
        if ((Frame!.AudioId is not null) != (_condition?.Condition == AudioCondition.NonSounding))
        {
            _passedBy++;
            return;
        }
        CountProcessed();
        Write(_reads!.Submit(Frame!));
    }

    protected override void EndProcessing()
    {
        Write(_reads!.Complete());
        WriteVerbose($"{_read} heatmaps read for model '{_model}'; {SkippedCount} frames got none." +
            (_passedBy == 0 ? "" : _condition?.Condition == AudioCondition.NonSounding
                ? $" {_passedBy} frames heard with their own audio passed by (this folder holds non-sounding pairs)."
                : $" {_passedBy} frames of non-sounding pairs passed by (their maps are in a NonSounding folder)."));
        WriteSkipSummary();
    }

    protected override void DisposeResources() => _reads?.Dispose();

    private void Write(IEnumerable<OrderedReadAhead<AvatarFrame, Heatmap, AvatarDataException>.Outcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.Error is { } error)
            {
                WriteAvatarError(error, outcome.Input);
            }
            else
            {
                _read++;
                var localization = new Localization(outcome.Input, _model, outcome.Result!);
                WriteObject(_condition is null ? localization : _condition.Apply(localization));
            }
        }
    }
}
