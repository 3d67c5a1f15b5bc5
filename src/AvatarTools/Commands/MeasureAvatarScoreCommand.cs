using System.Management.Automation;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Scores localizations with the AVATAR protocol: CIoU, AUC, Success@0.5 per group, Off-Screen TN%.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "AvatarScore")]
[OutputType(typeof(AvatarScore), typeof(FrameScore))]
public sealed class MeasureAvatarScoreCommand : AvatarCmdlet
{
    private readonly List<Localization> _localizations = new();

    /// <summary>The localizations to score (from Invoke-AvatarLocalization or Import-AvatarHeatmap).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Localization? Localization { get; set; }

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

    protected override void BeginProcessing()
    {
        if (Threshold == ThresholdPolicy.Fixed && double.IsNaN(Value))
        {
            ThrowAvatarError(new AvatarDataException("FixedThresholdNeedsValue", AvatarErrorKind.InvalidArgument, null,
                "-Threshold Fixed needs -Value <number>, the absolute heatmap value at or above which a pixel is predicted."));
        }
    }

    protected override void ProcessRecord() => _localizations.Add(Localization!);

    protected override void EndProcessing()
    {
        if (_localizations.Count == 0)
        {
            return;
        }
        var options = new ScoreOptions
        {
            Policy = Threshold,
            TopFractions = TopFraction,
            Value = double.IsNaN(Value) ? 0 : Value,
            GridHeight = GridSize[0],
            GridWidth = GridSize[1],
            Upsample = Interpolation,
            OffScreenRule = OffScreenRule,
            OffScreenArea = OffScreenArea,
            CrossEvent = CrossEvent.IsPresent,
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

        var latest = new ScoreProgress("Starting", 0, _localizations.Count);
        var progress = new CallbackProgress<ScoreProgress>(p => latest = p);
        var reporter = new ProgressReporter(this, 3, "Scoring localizations");
        try
        {
            IEnumerable<object> rows = reporter.Run<IEnumerable<object>>(
                () => PerFrame
                    ? ScoreEvaluator.EvaluateFrames(_localizations, options, progress, Cancellation)
                    : ScoreEvaluator.Evaluate(_localizations, options, progress, Cancellation),
                () => (latest.FramesDone, latest.FramesTotal, latest.Stage));
            foreach (var row in rows)
            {
                WriteObject(row);
            }
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
}
