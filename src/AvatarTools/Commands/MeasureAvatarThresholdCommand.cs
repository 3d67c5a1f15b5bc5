using System.Management.Automation;
using AvatarTools.Core;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Calibrates the Global threshold of each model over all of its heatmaps, as the official evaluator does before scoring.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "AvatarThreshold", SupportsShouldProcess = true)]
[OutputType(typeof(AvatarCalibration))]
public sealed class MeasureAvatarThresholdCommand : AvatarCmdlet
{
    private readonly List<Localization> _localizations = new();

    /// <summary>The localizations to calibrate on (from Invoke-AvatarLocalization or Import-AvatarHeatmap).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    [PipelineInput(typeof(Localization), "Localization objects (from Invoke-AvatarLocalization or Import-AvatarHeatmap)")]
    public Localization? Localization { get; set; }

    /// <summary>The top fractions; one calibration per model and fraction.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1e-9, 0.999999999)]
    public double[] TopFraction { get; set; } = { ScoreOptions.DefaultTopFraction };

    /// <summary>The scoring grid, height then width.</summary>
    [Parameter]
    [ValidateCount(2, 2)]
    [ValidateRange(1, 16384)]
    public int[] GridSize { get; set; } = { 360, 640 };

    /// <summary>How heatmaps are brought to the grid.</summary>
    [Parameter]
    public UpsampleMode Interpolation { get; set; } = UpsampleMode.Bilinear;

    /// <summary>Whether a pixel exactly at the threshold is predicted.</summary>
    [Parameter]
    public TieRule TieRule { get; set; } = TieRule.AtLeast;

    /// <summary>Also write the calibrations to this JSON file (or to heatmap_threshold.json in this folder).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    private int _negatives;

    // τ is calibrated on positives only: a map made with negative audio never moves it (it is scored at the positives' τ).
    protected override void ProcessRecord()
    {
        if (SkipWrongInput(Localization))
        {
            return;
        }
        if (Localization!.IsNegative)
        {
            _negatives++;
            return;
        }
        _localizations.Add(Localization!);
    }

    protected override void EndProcessing()
    {
        if (_negatives > 0)
        {
            WriteVerbose($"{_negatives} localizations made with negative audio were left out: thresholds are calibrated on the positives only.");
        }
        if (_localizations.Count == 0)
        {
            WriteSkipSummary();
            return;
        }
        var options = new ScoreOptions
        {
            TopFractions = TopFraction,
            GridHeight = GridSize[0],
            GridWidth = GridSize[1],
            Upsample = Interpolation,
            TieRule = TieRule,
        };
        var latest = new ScoreProgress("Starting", 0, _localizations.Count);
        var progress = new CallbackProgress<ScoreProgress>(p => latest = p);
        var reporter = new ProgressReporter(this, 4, "Calibrating thresholds");
        IReadOnlyList<AvatarCalibration> calibrations;
        try
        {
            calibrations = reporter.Run(() => ThresholdCalibrator.Calibrate(_localizations, options, progress, Cancellation),
                () => (latest.FramesDone, latest.FramesTotal, latest.Stage));
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            reporter.Complete();
        }
        foreach (var calibration in calibrations)
        {
            WriteVerbose(FormattableString.Invariant(
                $"{calibration.Model}: tau = {calibration.Threshold:G9} at top fraction {calibration.TopFraction:G4} over {calibration.Frames} frames; {calibration.PredictedFraction:P3} of pooled pixels predicted ({calibration.TieRule})."));
            if (CalibrationNotes.TieWarning(calibration) is { } ties)
            {
                WriteWarning(ties);
            }
        }
        if (Path is not null)
        {
            var file = CalibrationFile.ResolvePath(ResolveOutputPath(Path));
            if (ShouldProcess(file, "Write the calibrations"))
            {
                try
                {
                    CalibrationFile.Write(file, calibrations);
                    WriteVerbose($"Wrote {calibrations.Count} calibration(s) to {file}.");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    WriteAvatarError(new AvatarDataException("CalibrationFileNotWritten", AvatarErrorKind.NotFound, file, $"cannot be written ({ex.Message})", ex));
                }
            }
        }
        foreach (var calibration in calibrations)
        {
            WriteObject(calibration);
        }
        CountProcessed(_localizations.Count);
        WriteSkipSummary();
    }

    protected override string ProcessedItems => "input objects";

    protected override string SkippedOutcome => "were not used";
}
