using System.Management.Automation;
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

    protected override void BeginProcessing() => _writer = new HeatmapWriter(ResolveOutputPath(Path), PerModel, NoClobber);

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
            }
        }
        catch (AvatarDataException ex)
        {
            WriteAvatarError(ex, localization);
        }
        if (PassThru)
        {
            WriteObject(localization);
        }
    }
}
