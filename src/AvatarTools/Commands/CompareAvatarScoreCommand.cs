using System.Management.Automation;
using AvatarTools.Core;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Compares models scored on the same frames with a reference: differences, paired clip-bootstrap intervals, p-values.</para>
/// </summary>
[Cmdlet(VerbsData.Compare, "AvatarScore")]
[OutputType(typeof(ScoreComparison))]
public sealed class CompareAvatarScoreCommand : AvatarCmdlet
{
    private readonly List<FrameScore> _scores = new();

    /// <summary>Per-frame scores of two or more models (Measure-AvatarScore -PerFrame).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    [PipelineInput(typeof(FrameScore), "FrameScore objects (from Measure-AvatarScore -PerFrame)")]
    public FrameScore? FrameScore { get; set; }

    /// <summary>The model the others are compared with.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Reference { get; set; } = "";

    /// <summary>The confidence level of the intervals.</summary>
    [Parameter]
    [ValidateRange(1e-6, 0.999999)]
    public double ConfidenceLevel { get; set; } = 0.95;

    /// <summary>The bootstrap replicates and random sign flips.</summary>
    [Parameter]
    [ValidateRange(100, 1_000_000)]
    public int Resamples { get; set; } = ScoreOptions.DefaultResamples;

    /// <summary>The seed of the draws.</summary>
    [Parameter]
    public int? Seed { get; set; }

    /// <summary>Extra rows per category or per clip.</summary>
    [Parameter]
    [ValidateSet("Category", "Video")]
    public string? GroupBy { get; set; }

    private int _negativesLeftOut;

    protected override void ProcessRecord()
    {
        if (PipelineInputAttribute.Rejected(FrameScore) is { Value: var value } && (value is PSObject wrapped ? wrapped.BaseObject : value) is NegativeFrameScore)
        {
            // Measure-AvatarScore -PerFrame on an input with negative-audio maps emits them after the frame scores: not an error.
            _negativesLeftOut++;
            return;
        }
        if (!SkipWrongInput(FrameScore))
        {
            CountProcessed();
            _scores.Add(FrameScore!);
        }
    }

    protected override string ProcessedItems => WrongInputCount > 0 ? "input objects" : "frame scores";

    protected override string SkippedOutcome => "were not compared";

    protected override void EndProcessing()
    {
        if (_negativesLeftOut > 0)
        {
            WriteWarning($"{_negativesLeftOut} NegativeFrameScore objects (negative-audio maps) were left out: the paired comparison is of the positives' CIoU, AUC and cIoU@0.5. " +
                "Compare negatives on the NegativeScore rows of Measure-AvatarScore -ConfidenceLevel (pIA, AUC_N with intervals), or filter them out first: Where-Object { $_ -is [AvatarTools.Core.Scoring.FrameScore] }.");
        }
        if (_scores.Count == 0 && (SkippedCount > 0 || _negativesLeftOut > 0))
        {
            WriteSkipSummary();
            return;
        }
        var options = new ComparisonOptions
        {
            ConfidenceLevel = ConfidenceLevel,
            Resamples = Resamples,
            Seed = Seed,
            GroupBy = GroupBy switch
            {
                "Category" => ScoreGrouping.Category,
                "Video" => ScoreGrouping.Video,
                _ => ScoreGrouping.None,
            },
        };
        ComparisonRun run;
        try
        {
            run = PairedComparison.Compare(_scores, Reference, options, Cancellation);
        }
        catch (AvatarDataException error)
        {
            ThrowAvatarError(error, Reference);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        // Each error leaves out one model and top fraction (in the order they first came): the summary counts their frame scores.
        var compared = run.Comparisons.Select(row => (row.Model, row.TopFraction)).ToHashSet();
        var failed = _scores.Where(score => score.Model != Reference).GroupBy(score => (score.Model, score.TopFraction))
            .Where(series => !compared.Contains(series.Key)).Select(series => series.Count()).ToList();
        for (var i = 0; i < run.Errors.Count; i++)
        {
            CountSkipped(run.Errors[i].ErrorId, i < failed.Count ? failed[i] : 1);
            WriteError(ErrorRecords.From(run.Errors[i], null));
        }
        WriteVerbose(FormattableString.Invariant(
            $"Paired clip bootstrap at level {options.ConfidenceLevel:G4} and clip sign-flip test, {options.Resamples} resamples, seed {run.Seed} (give -Seed {run.Seed} to reproduce them)."));
        foreach (var comparison in run.Comparisons)
        {
            WriteObject(comparison);
        }
        WriteSkipSummary();
    }
}
