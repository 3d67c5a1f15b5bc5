using System.Management.Automation;
using AvatarTools.Core;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Scores localizations with the AVATAR protocol (CIoU, AUC, Success@0.5 per group, Off-Screen TN%), or VGG-SS and Flickr-SoundNet samples with a baseline's protocol.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "AvatarScore")]
[OutputType(typeof(AvatarScore), typeof(FrameScore), typeof(DetectionScore), typeof(NegativeScore), typeof(NegativeFrameScore))]
public sealed class MeasureAvatarScoreCommand : AvatarCmdlet
{
    private readonly List<Localization> _localizations = new();

    /// <summary>The localizations to score (from Invoke-AvatarLocalization or Import-AvatarHeatmap).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    [PipelineInput(typeof(Localization), "Localization objects (from Invoke-AvatarLocalization or Import-AvatarHeatmap)")]
    public Localization? Localization { get; set; }

    /// <summary>The baseline protocol preset; by default Avatar for AVATAR frames and EzVsl for VGG-SS and Flickr-SoundNet frames.</summary>
    [Parameter]
    public ScoreProtocol? Protocol { get; set; }

    /// <summary>How the threshold is chosen.</summary>
    [Parameter]
    public ThresholdPolicy Threshold { get; set; } = ThresholdPolicy.Global;

    /// <summary>The top fractions of the Global policy; one set of rows per fraction.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1e-9, 0.999999999)]
    public double[] TopFraction { get; set; } = { 0.1 };

    /// <summary>The absolute threshold of the Fixed policy.</summary>
    [Parameter]
    public double Value { get; set; } = double.NaN;

    /// <summary>The scoring grid, height then width.</summary>
    [Parameter]
    [ValidateCount(2, 2)]
    [ValidateRange(1, 16384)]
    public int[] GridSize { get; set; } = { 360, 640 };

    /// <summary>How heatmaps are brought to the grid.</summary>
    [Parameter]
    public UpsampleMode Interpolation { get; set; } = UpsampleMode.Bilinear;

    /// <summary>When an Off-Screen frame counts as a true negative.</summary>
    [Parameter]
    public OffScreenRule OffScreenRule { get; set; } = OffScreenRule.AnyPixel;

    /// <summary>The area fraction of the AreaFraction rule.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double OffScreenArea { get; set; } = 0.01;

    /// <summary>Also score the cross-event clips among the input frames and report the drop.</summary>
    [Parameter]
    public SwitchParameter CrossEvent { get; set; }

    /// <summary>Extra rows per category or per clip.</summary>
    [Parameter]
    [ValidateSet("Category", "Video")]
    public string? GroupBy { get; set; }

    /// <summary>Emit one FrameScore per frame instead of the summary rows.</summary>
    [Parameter]
    public SwitchParameter PerFrame { get; set; }

    /// <summary>Thresholds calibrated beforehand (Measure-AvatarThreshold objects or a calibration file).</summary>
    [Parameter]
    [CalibrationTransformation]
    [ValidateNotNullOrEmpty]
    public AvatarCalibration[]? Calibration { get; set; }

    /// <summary>Whether a pixel exactly at the threshold is predicted.</summary>
    [Parameter]
    public TieRule TieRule { get; set; } = TieRule.AtLeast;

    /// <summary>Add a clip-bootstrap interval at this level to every row.</summary>
    [Parameter]
    [ValidateRange(1e-6, 0.999999)]
    public double ConfidenceLevel { get; set; } = double.NaN;

    /// <summary>The bootstrap replicates.</summary>
    [Parameter]
    [ValidateRange(100, 1_000_000)]
    public int Resamples { get; set; } = ScoreOptions.DefaultResamples;

    /// <summary>The seed of the bootstrap draws.</summary>
    [Parameter]
    public int? Seed { get; set; }

    /// <summary>SLAVC's detection view (AP and max-F1) instead of the table.</summary>
    [Parameter]
    public SwitchParameter Detection { get; set; }

    /// <summary>The type name the rows with intervals carry, for their format view.</summary>
    internal const string IntervalTypeName = "AvatarTools.Core.Scoring.AvatarScore#Interval";

    protected override void BeginProcessing()
    {
        var intervals = !double.IsNaN(ConfidenceLevel);
        if (!intervals && (ScoringParameters.IsBound(this, nameof(Resamples)) || ScoringParameters.IsBound(this, nameof(Seed))))
        {
            ThrowAvatarError(new AvatarDataException("BootstrapNeedsConfidenceLevel", AvatarErrorKind.InvalidArgument, null,
                "-Resamples and -Seed set up the bootstrap intervals of -ConfidenceLevel; give -ConfidenceLevel too (e.g. -ConfidenceLevel 0.95)."));
        }
        if (intervals && (PerFrame || Detection))
        {
            ThrowAvatarError(new AvatarDataException("IntervalsNeedSummaryRows", AvatarErrorKind.InvalidArgument, null,
                $"-ConfidenceLevel adds intervals to the AvatarScore rows; it cannot be used with -{(PerFrame ? "PerFrame" : "Detection")}, which returns other objects."));
        }
        if (Threshold == ThresholdPolicy.Fixed && double.IsNaN(Value) && Protocol != ScoreProtocol.SlavcAbsolute)
        {
            ThrowAvatarError(new AvatarDataException("FixedThresholdNeedsValue", AvatarErrorKind.InvalidArgument, null,
                "-Threshold Fixed needs -Value <number>, the absolute heatmap value at or above which a pixel is predicted."));
        }
        if (Calibration is not null && Protocol is ScoreProtocol protocol && protocol != ScoreProtocol.Avatar && !ScoringParameters.IsBound(this, nameof(Threshold)))
        {
            ThrowAvatarError(new AvatarDataException("CalibrationNeedsGlobal", AvatarErrorKind.InvalidArgument, null,
                $"-Calibration gives Global thresholds; the {protocol} protocol thresholds each sample. Leave out -Calibration, or use -Protocol Avatar."));
        }
        if (Calibration is not null && Threshold != ThresholdPolicy.Global)
        {
            ThrowAvatarError(new AvatarDataException("CalibrationNeedsGlobal", AvatarErrorKind.InvalidArgument, null,
                $"-Calibration gives Global thresholds; it cannot be used with -Threshold {Threshold}."));
        }
    }

    protected override void ProcessRecord()
    {
        if (!SkipWrongInput(Localization))
        {
            _localizations.Add(Localization!);
        }
    }

    protected override void EndProcessing()
    {
        if (_localizations.Count == 0)
        {
            WriteSkipSummary();
            return;
        }
        var options = Options();
        var latest = new ScoreProgress("Starting", 0, _localizations.Count);
        var progress = new CallbackProgress<ScoreProgress>(p => latest = p);
        var reporter = new ProgressReporter(this, 3, "Scoring localizations");
        try
        {
            var run = reporter.Run(
                () => ScoreEvaluator.Run(_localizations, options, progress, Cancellation, summarize: !PerFrame),
                () => (latest.FramesDone, latest.FramesTotal, latest.Stage));
            foreach (var error in run.Errors)
            {
                WriteAvatarError(error);
            }
            WriteNotes(run, options);
            if (PerFrame)
            {
                WriteRows(run.FrameScores);
                WriteRows(run.NegativeFrames);
            }
            else if (Detection)
            {
                WriteRows(run.Detections);
            }
            else
            {
                WriteRows(run.Scores.Select(row => Decorate(row)));
                WriteRows(run.Negatives.Select(row => Decorate(row)));
            }
            CountProcessed(_localizations.Count);
            WriteSkipSummary();
        }
        catch (OperationCanceledException)
        {
            // Stopped by the user.
        }
        finally
        {
            reporter.Complete();
        }
    }

    private void WriteRows<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            WriteObject(row);
        }
    }

    /// <summary>A row with intervals, or of an image benchmark, carries a second type name, so that its format view shows it.</summary>
    private static object Decorate(AvatarScore row) => WithTypeName(row, row.Benchmark != Benchmark.Avatar
        ? row.ConfidenceLevel is not null ? ImageIntervalTypeName : ImageTypeName
        : row.ConfidenceLevel is not null ? IntervalTypeName : null);

    /// <summary>A negatives row with intervals carries a second type name, for the view that shows them.</summary>
    private static object Decorate(NegativeScore row) => WithTypeName(row, row.ConfidenceLevel is not null ? NegativeIntervalTypeName : null);

    private static object WithTypeName(object row, string? typeName)
    {
        if (typeName is null)
        {
            return row;
        }
        var wrapped = PSObject.AsPSObject(row);
        wrapped.TypeNames.Insert(0, typeName);
        return wrapped;
    }

    /// <summary>The type name of VGG-SS and Flickr-SoundNet rows with intervals.</summary>
    internal const string ImageIntervalTypeName = "AvatarTools.Core.Scoring.AvatarScore#ImageInterval";

    /// <summary>The type name of NegativeScore rows with intervals.</summary>
    internal const string NegativeIntervalTypeName = "AvatarTools.Core.Scoring.NegativeScore#Interval";

    /// <summary>The type name the rows of VGG-SS and Flickr-SoundNet carry, for their format view (the papers' columns).</summary>
    internal const string ImageTypeName = "AvatarTools.Core.Scoring.AvatarScore#Image";

    private ScoreOptions Options()
    {
        var grid = (Height: GridSize[0], Width: GridSize[1]);
        var interpolation = Interpolation;
        var tieRule = TieRule;
        if (Calibration is not null)
        {
            // Settings the user left open are the calibrations' own.
            if (ScoringParameters.CommonSettings(Calibration) is { } common)
            {
                grid = ScoringParameters.IsBound(this, nameof(GridSize)) ? grid : (common.Height, common.Width);
                interpolation = ScoringParameters.IsBound(this, nameof(Interpolation)) ? interpolation : common.Interpolation;
                tieRule = ScoringParameters.IsBound(this, nameof(TieRule)) ? tieRule : common.TieRule;
            }
            else if (!ScoringParameters.IsBound(this, nameof(GridSize)) || !ScoringParameters.IsBound(this, nameof(Interpolation)) || !ScoringParameters.IsBound(this, nameof(TieRule)))
            {
                ThrowAvatarError(new AvatarDataException("CalibrationMismatch", AvatarErrorKind.InvalidArgument, null,
                    "the calibrations given were made with different grids, interpolations or tie rules; give -GridSize, -Interpolation and -TieRule to say which to score with."));
            }
        }
        var options = new ScoreOptions
        {
            Policy = Threshold,
            TopFractions = ScoringParameters.IsBound(this, nameof(TopFraction)) ? TopFraction : null,
            Calibrations = Calibration,
            TieRule = tieRule,
            Value = double.IsNaN(Value) ? 0 : Value,
            GridHeight = grid.Height,
            GridWidth = grid.Width,
            Upsample = interpolation,
            OffScreenRule = OffScreenRule,
            OffScreenArea = OffScreenArea,
            CrossEvent = CrossEvent.IsPresent,
            ConfidenceLevel = double.IsNaN(ConfidenceLevel) ? null : ConfidenceLevel,
            Resamples = Resamples,
            BootstrapSeed = Seed,
            Detection = Detection.IsPresent,
            Protocol = Protocol,
            ExplicitSettings = ExplicitSettings(),
            GroupBy = GroupBy switch
            {
                "Category" => ScoreGrouping.Category,
                "Video" => ScoreGrouping.Video,
                _ => ScoreGrouping.None,
            },
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            ThrowAvatarError(new AvatarDataException("InvalidScoreOptions", AvatarErrorKind.InvalidArgument, null, ex.Message, ex));
        }
        return options;
    }

    /// <summary>The settings the user gave (or the calibrations fixed), which a protocol preset leaves as they are.</summary>
    private ProtocolSettings ExplicitSettings()
    {
        var given = ProtocolSettings.None;
        void Mark(string name, ProtocolSettings setting)
        {
            if (ScoringParameters.IsBound(this, name))
            {
                given |= setting;
            }
        }
        Mark(nameof(Threshold), ProtocolSettings.Policy);
        Mark(nameof(Value), ProtocolSettings.Value);
        Mark(nameof(TieRule), ProtocolSettings.TieRule);
        Mark(nameof(Interpolation), ProtocolSettings.Upsample);
        Mark(nameof(GridSize), ProtocolSettings.Grid);
        if (Calibration is not null)
        {
            given |= ProtocolSettings.Policy | ProtocolSettings.TieRule | ProtocolSettings.Upsample | ProtocolSettings.Grid;
        }
        return given;
    }

    /// <summary>Under -Verbose: the settings each benchmark of the input is scored with.</summary>
    private void WriteProtocols(ScoreOptions options)
    {
        foreach (var benchmark in _localizations.Select(item => item.Frame.Benchmark).Distinct())
        {
            var resolved = ProtocolPresets.Resolve(options, benchmark);
            var threshold = resolved.Policy switch
            {
                ThresholdPolicy.PerFrame => "per-sample min-max, tau at ascending index N/2",
                ThresholdPolicy.Fixed => FormattableString.Invariant($"fixed tau = {resolved.Value:G9}"),
                _ => "Global top fraction",
            };
            WriteVerbose(FormattableString.Invariant(
                $"{benchmark}: protocol {ProtocolPresets.ProtocolOf(options, benchmark)}: {resolved.Upsample} to {resolved.GridHeight} x {resolved.GridWidth}, {threshold}, {(resolved.TieRule == TieRule.Above ? "> tau" : ">= tau")}."));
        }
    }

    /// <summary>Warnings about ties at τ and τ calibrated on a subset; what was decided, under -Verbose.</summary>
    private void WriteNotes(ScoreRun run, ScoreOptions options)
    {
        WriteProtocols(options);
        foreach (var set in run.NegativeFrames.GroupBy(score => (score.Model, score.Condition, score.Threshold)))
        {
            var paired = set.Count(score => score.IoU is not null);
            WriteVerbose(FormattableString.Invariant(
                $"{set.Key.Model} {set.Key.Condition}: {set.Count()} negative maps at the positives' tau = {set.Key.Threshold:G9}; {paired} with their frame's positive map for the IoU."));
        }
        foreach (var set in run.Detections.Where(row => row.Condition != Core.Heatmaps.AudioCondition.Positive && row.IoUThreshold == DetectionMetrics.IoUThresholds[0]))
        {
            WriteVerbose(FormattableString.Invariant(
                $"{set.Model} detection, {set.Condition}: {set.Positives} positives ranked with {set.Negatives} negatives (AVATAR's Off-Screen frames, if any, and every {set.Condition} map)."));
        }
        if (run.ImageNegativeMaps > 0 && !Detection)
        {
            WriteWarning(FormattableString.Invariant(
                $"{run.ImageNegativeMaps} negative maps of VGG-SS or Flickr-SoundNet samples (non-sounding pairs) were left out: these benchmarks threshold each sample on its own, so their negatives are scored in the detection view only; give -Detection."));
        }
        foreach (var calibration in run.Calibrations)
        {
            WriteVerbose(FormattableString.Invariant(
                $"{calibration.Model}: tau = {calibration.Threshold:G9} at top fraction {calibration.TopFraction:G4} ({(options.Calibrations is null ? "calibrated on this input" : "from the given calibration")}, {calibration.Frames} frames, {calibration.PredictedFraction:P3} of pooled pixels predicted, {calibration.TieRule}, {calibration.GridHeight} x {calibration.GridWidth}, {calibration.Interpolation})."));
            if (options.Calibrations is null && CalibrationNotes.TieWarning(calibration) is { } ties)
            {
                WriteWarning(ties);
            }
        }
        if (run.Scores.FirstOrDefault(row => row.BootstrapSeed is not null) is { } seeded)
        {
            WriteVerbose(FormattableString.Invariant(
                $"Intervals: percentile clip bootstrap at level {seeded.ConfidenceLevel:G4}, {options.Resamples} replicates, seed {seeded.BootstrapSeed} (give -Seed {seeded.BootstrapSeed} to reproduce them)."));
        }
        foreach (var coverage in run.Coverage)
        {
            WriteVerbose($"{coverage.Model}: scored on {coverage.Frames} frames" +
                (coverage.UnseenFrames is int unseen ? $"; {unseen} labelled frames of its dataset(s) were not in the input." : "; the dataset's frame count is unknown."));
        }
        if (options.Policy == ThresholdPolicy.Global && options.Calibrations is null)
        {
            foreach (var coverage in run.Coverage)
            {
                if (CalibrationNotes.SubsetWarning(coverage) is { } subset)
                {
                    WriteWarning(subset);
                }
            }
        }
    }
}
