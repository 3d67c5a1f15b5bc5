using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// Scores the VGG-SS and Flickr-SoundNet localizations of a run with their protocol (<see cref="ProtocolPresets"/>): per
/// model and benchmark, the per-sample step (<see cref="ImageScoring"/>), then the rows Total, [per class with
/// <see cref="ScoreGrouping.Category"/>], per test list, [per sample with <see cref="ScoreGrouping.Video"/>], each with mean
/// cIoU, cIoU@0.5 and AUC (× 100) and the undefined samples, which count as failures at every threshold.
/// </summary>
internal static class ImageEvaluation
{
    public static (List<FrameScore> FrameScores, List<AvatarScore> Scores, List<AvatarDataException> Errors) Run(
        IReadOnlyList<Localization> localizations, ScoreOptions options, IProgress<ScoreProgress>? progress, CancellationToken cancellationToken,
        bool summarize)
    {
        var frameScores = new List<FrameScore>();
        var scores = new List<AvatarScore>();
        var errors = new List<AvatarDataException>();
        foreach (var (model, indices) in ModelGroups.Of(localizations))
        {
            foreach (var benchmark in indices.Select(index => localizations[index].Frame.Benchmark).Distinct())
            {
                var protocol = ProtocolPresets.ProtocolOf(options, benchmark);
                var resolved = ProtocolPresets.Resolve(options, benchmark);
                if (resolved.Policy == ThresholdPolicy.Global)
                {
                    errors.Add(new AvatarDataException("ProtocolNotForBenchmark", AvatarErrorKind.InvalidArgument, null,
                        $"{model}: {Name(benchmark)} samples are scored one by one, with a PerFrame or Fixed threshold; the {protocol} protocol's Global threshold is AVATAR's. Give -Protocol EzVsl, Lvs, SlavcRelative or SlavcAbsolute (or -Threshold PerFrame or Fixed)."));
                    continue;
                }
                var members = indices.Where(index => localizations[index].Frame.Benchmark == benchmark).ToList();
                var frames = ImageScoring.Score(localizations, members, resolved, protocol, progress, cancellationToken);
                frameScores.AddRange(frames);
                if (summarize)
                {
                    scores.AddRange(Summarize(frames, resolved, options.SeedOfCall()));
                }
            }
        }
        return (frameScores, scores, errors);
    }

    /// <summary>The display name of a benchmark, as the papers write it.</summary>
    public static string Name(Benchmark benchmark) => benchmark switch
    {
        Benchmark.VggSs => "VGG-SS",
        Benchmark.FlickrSoundNet => "Flickr-SoundNet",
        _ => "AVATAR",
    };

    /// <summary>
    /// The rows of the frame scores of image benchmarks, per model and benchmark (in first-seen order), with the settings
    /// their provenance holds (EzVsl's when the scores were made by hand).
    /// </summary>
    public static IEnumerable<AvatarScore> SummarizeAll(IReadOnlyList<FrameScore> frameScores, ScoreOptions options)
    {
        var seed = options.SeedOfCall();
        return frameScores.GroupBy(score => (score.Model, score.Benchmark)).SelectMany(set => Summarize(set.ToList(), options, seed));
    }

    /// <summary>
    /// The rows of one model's frame scores of one benchmark; with a confidence level, each row's intervals from a
    /// bootstrap of the samples (each sample its own clip: VGG-SS and Flickr-SoundNet label one frame per clip).
    /// </summary>
    public static List<AvatarScore> Summarize(IReadOnlyList<FrameScore> frames, ScoreOptions options, int seed)
    {
        var rows = new List<AvatarScore>();
        if (frames.Count == 0)
        {
            return rows;
        }
        var first = frames[0];
        var provenance = first.Provenance ?? new ScoreProvenance(ThresholdSource.PerFrame, null, null, TieRule.AtLeast,
            ProtocolPresets.ImageGridSize, ProtocolPresets.ImageGridSize, UpsampleMode.BilinearAlignCorners, null, ScoreProtocol.EzVsl);
        var template = ScoreSummary.TemplateOf(first.Model, provenance) with { Benchmark = first.Benchmark };
        var memberLists = new List<IReadOnlyList<FrameScore>>();
        foreach (var (group, members) in ScoreGroups.Of(frames, options.GroupBy, null))
        {
            rows.Add(ScoreSummary.Row(template, group, members, TableMetric.Image) with
            {
                UndefinedFrames = members.Count(score => double.IsNaN(score.CIoU)),
            });
            memberLists.Add(members);
        }
        if (options.ConfidenceLevel is not null)
        {
            ScoreIntervals.Apply(rows, 0, memberLists, frames, options, seed);
        }
        return rows;
    }
}
