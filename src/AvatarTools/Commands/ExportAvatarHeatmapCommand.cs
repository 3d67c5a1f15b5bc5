using System.Management.Automation;
using AvatarTools.Core;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Writes heatmaps as NumPy .npy files (float32); with -PassThru passes the localizations on.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "AvatarHeatmap", SupportsShouldProcess = true)]
[OutputType(typeof(Localization))]
public sealed class ExportAvatarHeatmapCommand : AvatarCmdlet
{
    private HeatmapWriter? _writer;
    private ProgressReporter? _progress;
    private readonly DatasetFrameTotal _expected = new();
    private long _written;

    /// <summary>The folder to write to; files go to &lt;clip_id&gt;/&lt;frame&gt;.npy (with -PerModel &lt;model&gt;/&lt;clip_id&gt;/&lt;frame&gt;.npy).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The localizations to write.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    [PipelineInput(typeof(Localization), "Localization objects (from Invoke-AvatarLocalization or Import-AvatarHeatmap)")]
    public Localization? Localization { get; set; }

    /// <summary>Write each model into its own subfolder, &lt;Path&gt;/&lt;model&gt;/.</summary>
    [Parameter]
    public SwitchParameter PerModel { get; set; }

    /// <summary>Refuse to replace a file that exists already (OutputExists); by default it is overwritten.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Pass each localization on down the pipeline; by default nothing is written to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        _writer = new HeatmapWriter(ResolveOutputPath(Path), PerModel, NoClobber);
        _progress = new ProgressReporter(this, 7, $"Writing heatmaps to {_writer.Folder}", "heatmaps");
        WriteVerbose($"Writing heatmaps to {_writer.Folder} ({(PerModel ? "<model>/<clip_id>/<frame>.npy" : "<clip_id>/<frame>.npy")}{(NoClobber ? ", refusing to replace files" : ", replacing files that exist")}).");
    }

    protected override void EndProcessing()
    {
        _progress?.Complete();
        WriteVerbose($"{_written} heatmaps written to {_writer!.Folder}.");
        try
        {
            foreach (var sidecar in _writer!.Complete())
            {
                WriteVerbose($"Wrote {sidecar}");
            }
        }
        catch (AvatarDataException ex)
        {
            WriteAvatarError(ex);
        }
        WriteSkipSummary();
    }

    protected override string ProcessedItems => "heatmaps";

    protected override string SkippedOutcome => "were not written";

    protected override void ProcessRecord()
    {
        if (SkipWrongInput(Localization))
        {
            return;
        }
        CountProcessed();
        var localization = Localization!;
        try
        {
            if (ShouldWrite(_writer!.Folder, _writer.PathFor(localization), "Write heatmaps"))
            {
                WriteVerbose($"Wrote {_writer.Write(localization)}");
                _written++;
            }
        }
        catch (AvatarDataException ex)
        {
            WriteAvatarError(ex, localization);
        }
        var total = _expected.See(localization.Frame);
        _progress!.Report(_written + SkippedCount, total, localization.ToString());
        if (PassThru)
        {
            WriteObject(localization);
        }
    }
}
