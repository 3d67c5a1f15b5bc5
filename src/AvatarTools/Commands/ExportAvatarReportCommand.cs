using System.Management.Automation;
using AvatarTools.Core;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Reports;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Writes a self-contained HTML report (table, success curves, categories, strips) with scores.csv and frames.csv.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "AvatarReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportAvatarReportCommand : AvatarCmdlet
{
    private readonly List<Localization> _localizations = new();
    private readonly List<AvatarScore> _scores = new();
    private readonly List<FrameScore> _frameScores = new();
    private readonly List<ScoreComparison> _comparisons = new();
    private readonly List<NegativeScore> _negatives = new();
    private int _unsupported;

    /// <summary>The folder to write the report to.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Localizations (scored here), and/or AvatarScore and FrameScore rows from Measure-AvatarScore.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <summary>The title of the page.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = "AVATAR evaluation";

    /// <summary>The top fractions of the Global threshold when the report scores localizations itself.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1e-9, 0.999999999)]
    public double[] TopFraction { get; set; } = { 0.1 };

    /// <summary>Embed the pictures in index.html instead of writing them to images/.</summary>
    [Parameter]
    public SwitchParameter EmbedImages { get; set; }

    /// <summary>How many clips get a strip (those where the models differ most); 0 for none.</summary>
    [Parameter]
    [ValidateRange(0, 100_000)]
    public int StripCount { get; set; } = 3;

    /// <summary>Add a comparison table: every other model against this one (Compare-AvatarScore's rows, from the frame scores).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Reference { get; set; }

    /// <summary>Draw clip-bootstrap intervals at this level as error bars (default: the level of the rows given, else none).</summary>
    [Parameter]
    [ValidateRange(1e-6, 0.999999)]
    public double ConfidenceLevel { get; set; } = double.NaN;

    /// <summary>The seed of the bootstrap draws (default: the rows' seed, else a random one, written on the page).</summary>
    [Parameter]
    public int? Seed { get; set; }

    /// <summary>Refuse to write over a folder that holds a report already (OutputExists); by default it is replaced.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    protected override string ProcessedItems => "input objects and frames";

    protected override string SkippedOutcome => "were not used in full";

    protected override void ProcessRecord()
    {
        CountProcessed();
        if (!Add(InputObject!.BaseObject))
        {
            AddRow(InputObject);
        }
    }

    /// <summary>Keeps an object of a type the report takes; false for any other.</summary>
    private bool Add(object? item)
    {
        switch (item)
        {
            case Localization localization:
                _localizations.Add(localization);
                return true;
            case AvatarScore score:
                _scores.Add(score);
                return true;
            case FrameScore frameScore:
                _frameScores.Add(frameScore);
                return true;
            case ScoreComparison comparison:
                _comparisons.Add(comparison);
                return true;
            case NegativeScore negative:
                _negatives.Add(negative);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A row read back with Import-Csv (the report's scores.csv or frames.csv, or Export-Csv of AvatarScore or FrameScore
    /// objects) becomes the score it holds; anything else is one UnsupportedReportInput error per command.
    /// </summary>
    private void AddRow(PSObject input)
    {
        object? row;
        try
        {
            row = ReportRowReader.Read(input.Properties
                .Where(property => property.IsGettable)
                .Select(property => new KeyValuePair<string, string?>(property.Name, Convert.ToString(property.Value, System.Globalization.CultureInfo.InvariantCulture))));
        }
        catch (AvatarDataException error)
        {
            WriteAvatarError(error, input);
            return;
        }
        if (row is (AvatarScore or FrameScore) && Add(row))
        {
            return;
        }
        CountSkipped("UnsupportedReportInput");
        if (_unsupported++ == 0)
        {
            var type = input.TypeNames.FirstOrDefault() ?? input.BaseObject.GetType().FullName;
            var message = $"Export-AvatarReport takes Localization, AvatarScore, FrameScore, ScoreComparison and NegativeScore objects, and rows of their CSV files read back with Import-Csv (scores.csv, frames.csv, Export-Csv of the scores); got {type}. Input it cannot use is reported once; the closing warning counts it.";
            WriteError(new ErrorRecord(new ArgumentException(message), "UnsupportedReportInput", ErrorCategory.InvalidType, input)
            {
                ErrorDetails = new ErrorDetails(message),
            });
        }
    }

    protected override void EndProcessing()
    {
        if (_localizations.Count == 0 && _scores.Count == 0 && _frameScores.Count == 0 && SkippedCount > 0)
        {
            // Nothing usable came: the errors above say why; no report is written.
            WriteSkipSummary();
            return;
        }
        var folder = ResolveOutputPath(Path);
        if (NoClobber && ReportWriter.ExistingReportFile(folder) is { } existing)
        {
            ThrowAvatarError(new AvatarDataException("OutputExists", AvatarErrorKind.Conflict, existing,
                "exists already and -NoClobber was given, so no report was written; leave out -NoClobber to replace the earlier report, or write to another folder"), folder);
        }
        if (!ShouldProcess(folder, "Write the AVATAR report"))
        {
            return;
        }
        WriteVerbose($"Writing the report to {folder} from {_localizations.Count} localizations, {_scores.Count} score rows and {_frameScores.Count} frame scores" +
            (_localizations.Count > 0 && _frameScores.Count == 0 ? FormattableString.Invariant($" (the localizations are scored here at top fraction {string.Join(", ", TopFraction)})") : "") + ".");
        var reporter = new ProgressReporter(this, 6, "Writing the AVATAR report", "items");
        var latest = new LatestReportProgress();
        try
        {
            var options = new ReportOptions
            {
                Title = Title,
                EmbedImages = EmbedImages.IsPresent,
                StripClips = StripCount,
                Reference = Reference,
                ConfidenceLevel = double.IsNaN(ConfidenceLevel) ? null : ConfidenceLevel,
                BootstrapSeed = Seed,
                Comparisons = _comparisons,
                Negatives = _negatives,
            };
            var files = reporter.Run(
                () => EvaluationReport.Write(folder, _localizations, _scores, _frameScores, TopFraction, options, Cancellation, latest),
                latest.Poll);
            foreach (var missing in files.ImageErrors)
            {
                WriteAvatarError(missing.Error, missing.Frame);
            }
            CountProcessed(files.ImageErrors.Count);
            foreach (var error in files.LeftOut)
            {
                WriteAvatarError(error);
            }
            WriteVerbose($"Wrote {files.IndexPath}, scores.csv and frames.csv in {folder}.");
            WriteObject(new FileInfo(files.IndexPath));
            WriteSkipSummary();
        }
        catch (AvatarDataException ex)
        {
            ThrowAvatarError(ex, folder);
        }
        catch (OperationCanceledException)
        {
            // Stopped by the user: the report's folder is left as it was.
        }
        finally
        {
            reporter.Complete();
        }
    }

    /// <summary>The last progress the report told, read by the pipeline thread.</summary>
    private sealed class LatestReportProgress : IProgress<ReportProgress>
    {
        private volatile ReportProgress? _latest;

        public void Report(ReportProgress value) => _latest = value;

        public (long Done, long Total, string? Current) Poll() =>
            _latest is { } value ? (value.Done, value.Total, value.Stage) : (0, 0, null);
    }
}
