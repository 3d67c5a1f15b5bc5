using System.Diagnostics;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Bench;

/// <summary>
/// The clip bootstrap and the paired comparison at full AVATAR scale: the frames of the scoring benchmark (24,266 frames in
/// about 5,000 clips, 670 Off-Screen, the spec's scenario mix, 9 % cross-event clips) with per-frame scores made up (a clip
/// level plus frame noise), so that only the resampling is timed; no map is scored. Target: 2,000 resamples under 2 s.
/// Arguments: [frames] [resamples].
/// </summary>
internal static class BootstrapBenchmark
{
    public static int Run(string[] args)
    {
        var frameCount = BenchArguments.IntAt(args, 0, 24_266);
        var resamples = BenchArguments.IntAt(args, 1, 2000);
        var frames = ScoringBenchmark.Build(frameCount, new Random(12345)).Select(localization => localization.Frame).ToList();
        var crossEvent = CrossEventSelector.CrossEventClips(frames);
        var clips = frames.Select(frame => frame.VideoId).Distinct(StringComparer.Ordinal).Count();
        Console.WriteLine($"bootstrap: {frames.Count} frames in {clips} clips, {frames.Count(f => f.IsOffScreen)} Off-Screen, {resamples} resamples, one thread");

        var model = Scores(frames, "model", 0.00, new[] { 0.10 }, 1);
        var reference = Scores(frames, "reference", 0.01, new[] { 0.10 }, 2);
        var threeFractions = Scores(frames, "model", 0.00, new[] { 0.10, 0.15, 0.20 }, 1);
        var options = new ScoreOptions { CrossEvent = true, ConfidenceLevel = 0.95, Resamples = resamples, BootstrapSeed = 1 };

        Time("summary rows without intervals (1 fraction)", () => ScoreEvaluator.Summarize(model, options with { ConfidenceLevel = null }, crossEvent).Count);
        var seconds = Time("summary rows with 95 % intervals (1 fraction, 6 rows)", () => ScoreEvaluator.Summarize(model, options, crossEvent).Count);
        Time("summary rows with 95 % intervals (3 fractions, 18 rows)", () => ScoreEvaluator.Summarize(threeFractions, options, crossEvent).Count);
        Time("summary rows with 95 % intervals and -GroupBy Category", () => ScoreEvaluator.Summarize(model, options with { GroupBy = ScoreGrouping.Category }, crossEvent).Count);
        Time("paired comparison of two models (1 fraction)", () => PairedComparison.Compare(model.Concat(reference).ToList(), "reference",
            new ComparisonOptions { Resamples = resamples, Seed = 1 }).Comparisons.Count);
        var total = ScoreEvaluator.Summarize(model, options, crossEvent).Single(row => row.Group == "Total");
        Console.WriteLine(FormattableString.Invariant(
            $"  Total CIoU {total.CIoU:F2} [{total.CIoULower:F2}, {total.CIoUUpper:F2}], AUC {total.AUC:F2} [{total.AUCLower:F2}, {total.AUCUpper:F2}]"));
        Console.WriteLine(seconds < 2 ? "bootstrap: within the 2 s target" : "bootstrap: OVER the 2 s target");
        return 0;
    }

    private static double Time(string what, Func<int> run)
    {
        run();
        var watch = Stopwatch.StartNew();
        var rows = run();
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"  {what,-58} {seconds,6:F3} s ({rows} results)"));
        return seconds;
    }

    /// <summary>Per-frame scores: a clip level in [0, 0.4] plus N(0, 0.1²) per frame, shifted by <paramref name="shift"/>; Off-Screen frames TN with probability 0.9.</summary>
    private static List<FrameScore> Scores(IReadOnlyList<AvatarFrame> frames, string model, double shift, double[] fractions, int seed)
    {
        var random = new Random(seed);
        var levels = new Dictionary<string, double>(StringComparer.Ordinal);
        var scores = new List<FrameScore>(frames.Count * fractions.Length);
        foreach (var fraction in fractions)
        {
            foreach (var frame in frames)
            {
                if (!levels.TryGetValue(frame.VideoId, out var level))
                {
                    level = levels[frame.VideoId] = 0.4 * random.NextDouble();
                }
                var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                var ciou = frame.IsOffScreen ? 0 : Math.Clamp(level + shift + (0.1 * noise), 0, 1);
                var categories = frame.Instances.Where(i => i.IsOnScreen).Select(i => i.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                scores.Add(new FrameScore(frame.VideoId, frame.FrameIndex, frame.Scenarios, model, 0.5, ciou, 1000, 1000, (int)(ciou * 1000),
                    frame.IsOffScreen ? random.NextDouble() < 0.9 : null, fraction, categories));
            }
        }
        return scores;
    }
}
