using System.Management.Automation;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Writes heatmaps as NumPy .npy files (float32) and passes the localizations on.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "AvatarHeatmap", SupportsShouldProcess = true)]
[OutputType(typeof(Localization))]
public sealed class ExportAvatarHeatmapCommand : AvatarCmdlet
{
    private string _folder = "";

    /// <summary>The folder to write to; files go to &lt;clip_id&gt;/&lt;frame&gt;.npy.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The localizations to write.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Localization? Localization { get; set; }

    protected override void BeginProcessing() => _folder = ResolveOutputPath(Path);

    protected override void ProcessRecord()
    {
        var localization = Localization!;
        var target = HeatmapStore.GetFramePath(_folder, localization.Frame);
        if (ShouldProcess(target, "Write heatmap"))
        {
            try
            {
                HeatmapStore.Export(_folder, localization.Frame, localization.Heatmap);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteAvatarError(new AvatarDataException("HeatmapNotWritten", AvatarErrorKind.NotAvailable, target, $"cannot be written ({ex.Message})", ex), localization);
            }
        }
        WriteObject(localization);
    }
}
