using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Reports;

/// <summary>
/// A report from whatever the user has: localizations (scored here with the default protocol,
/// Cross-event included, at the given top fractions), and/or score rows and per-frame scores
/// already computed by Measure-AvatarScore. Written whole or not at all (see <see cref="ReportWriter.Write"/>).
/// </summary>
public static class EvaluationReport
{
    public static ReportFiles Write(string folder, IReadOnlyList<Localization> localizations, IReadOnlyList<AvatarScore> scores,
        IReadOnlyList<FrameScore> frameScores, IReadOnlyList<double> topFractions, ReportOptions? options = null,
        CancellationToken cancellation = default, IProgress<ReportProgress>? progress = null)
    {
        if (localizations.Count == 0 && scores.Count == 0 && frameScores.Count == 0)
        {
            throw new AvatarDataException("EmptyReport", AvatarErrorKind.InvalidArgument, folder,
                "nothing to report: give localizations (Invoke-AvatarLocalization, Import-AvatarHeatmap) or the rows of Measure-AvatarScore");
        }
        var crossEvent = localizations.Count > 0
            ? CrossEventSelector.CrossEventClips(localizations.Select(l => l.Frame).DistinctBy(f => (f.DatasetPath, f.VideoId, f.FrameIndex)))
            : null;
        options ??= new ReportOptions();
        // Intervals: the level asked for, else the one the given rows were computed at (with their seed).
        var level = options.ConfidenceLevel ?? scores.FirstOrDefault(score => score.ConfidenceLevel is not null)?.ConfidenceLevel;
        var seed = options.BootstrapSeed ?? scores.FirstOrDefault(score => score.BootstrapSeed is not null)?.BootstrapSeed
            ?? (options.Comparisons.Count > 0 ? options.Comparisons[0].Seed : (int?)null) ?? Random.Shared.Next();
        var scoring = new ScoreOptions
        {
            TopFractions = topFractions,
            CrossEvent = crossEvent is not null,
            ConfidenceLevel = level,
            Resamples = options.Resamples,
            BootstrapSeed = seed,
        };
        var negatives = options.Negatives;
        var leftOut = new List<AvatarDataException>();
        if (frameScores.Count == 0 && localizations.Count > 0)
        {
            var scoringProgress = progress is null ? null : new ScoringProgress(progress);
            var run = ScoreEvaluator.Run(localizations, scoring, scoringProgress, cancellation, summarize: false);
            if (run.Errors.FirstOrDefault(error => !error.ErrorId.StartsWith("Negatives", StringComparison.Ordinal)) is { } error)
            {
                throw error;
            }
            leftOut.AddRange(run.Errors);
            frameScores = run.FrameScores;
            // Negative-audio localizations: their rows, at the positives' τ.
            negatives = negatives.Concat(NegativeScoring.Summarize(run.NegativeFrames, scoring)).ToList();
        }
        if (scores.Count == 0)
        {
            scores = ScoreEvaluator.Summarize(frameScores, scoring, crossEvent);
        }
        var comparisons = options.Comparisons;
        if (options.Reference is { } reference)
        {
            var run = PairedComparison.Compare(frameScores, reference,
                new ComparisonOptions { ConfidenceLevel = level ?? 0.95, Resamples = options.Resamples, Seed = seed }, cancellation);
            comparisons = comparisons.Concat(run.Comparisons).ToList();
            leftOut.AddRange(run.Errors);
        }
        var reportOptions = options with { Negatives = negatives, CrossEventClips = crossEvent?.ToList(), ConfidenceLevel = level, BootstrapSeed = seed, Comparisons = comparisons };
        return ReportWriter.Write(folder, scores, frameScores, localizations.Count > 0 ? localizations : null, reportOptions, cancellation, progress)
            with { LeftOut = leftOut };
    }

    /// <summary>Passes the scoring's progress on as the report's.</summary>
    private sealed class ScoringProgress(IProgress<ReportProgress> report) : IProgress<ScoreProgress>
    {
        public void Report(ScoreProgress value) => report.Report(new ReportProgress("Scoring: " + value.Stage, value.FramesDone, value.FramesTotal));
    }
}
