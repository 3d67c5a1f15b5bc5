using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using MathNet.Numerics.Statistics;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The negatives beyond AVATAR's Off-Screen frames: negative-condition maps in SLAVC's detection view (pooled with the
/// positives per condition), the clip-bootstrap intervals of the negatives rows, and SLAVC's non-sounding rows of a
/// <c>*_plus_silent.csv</c> list. Expected values are worked out by hand or from the statement written out here.
/// </summary>
public class NegativeDetectionTests
{
    // DetectionMetricsTests' seven samples, split: the five positives s1 s2 s4 s5 s7 are frame scores; s3 (@0.7) and s6
    // (@0.4) are Silence maps. The Silence row pools them all: AP at IoU 0.5 is that case's 151/420, at 0.75 11/72.
    // The Positive row (no Off-Screen frame, no negative) has the positives alone, confidences .3 .5 .6 .8 .9:
    //   AP thresholds .8 .6 .5 .3; IoU 0.5: θ .8 P 1 R 2/5; θ .6 (+ s4 FP) P 2/3 R 1/2; θ .5 (+ s5 TP) P 3/4 R 3/4;
    //   θ .3 (+ s7 TP) P 4/5 R 1. P̂ = 1, 4/5, 4/5, 4/5. AP = 1·(1/10) + 4/5·(1/4) + 4/5·(1/4) = 1/2.
    private static IReadOnlyList<FrameScore> Positives() => new[]
    {
        Positive("s1", 0.90, 0.9), Positive("s2", 0.70, 0.8), Positive("s4", 0.20, 0.6), Positive("s5", 0.60, 0.5), Positive("s7", 0.55, 0.3),
    };

    private static FrameScore Positive(string clip, double ciou, double confidence) =>
        FrameScoreFactory.OnScreen(clip + "_00000", 0, ciou) with { Confidence = confidence };

    private static NegativeFrameScore Negative(string clip, AudioCondition condition, double confidence, int predicted = 0, int grid = 100,
        int? positive = null, int? intersection = null, bool offScreen = false, string model = "m") =>
        new(clip + "_00000", 0, model, condition, 0, null, offScreen, 0.5, 0.1, predicted, grid, positive, intersection)
        {
            Confidence = confidence,
            Provenance = new ScoreProvenance(ThresholdSource.Calibrated, 0.5, 0.1, TieRule.AtLeast, 10, 10, UpsampleMode.Bilinear, null),
            Scenarios = offScreen ? new[] { AvatarScenario.OffScreen } : Array.Empty<AvatarScenario>(),
        };

    [Fact]
    public void ANegativeConditionIsPooledWithThePositivesInARowOfItsOwn()
    {
        var negatives = new[] { Negative("s3", AudioCondition.Silence, 0.7), Negative("s6", AudioCondition.Silence, 0.4) };
        var rows = DetectionMetrics.Summarize(Positives(), null, negatives);
        Assert.Equal(4, rows.Count);
        var positive = rows.Where(row => row.Condition == AudioCondition.Positive).ToList();
        var silence = rows.Where(row => row.Condition == AudioCondition.Silence).ToList();
        Assert.Equal(new[] { 0.5, 0.75 }, positive.Select(row => row.IoUThreshold));
        Assert.Equal(100 * 0.5, positive[0].AP, 10);
        Assert.All(positive, row => Assert.Equal((5, 0), (row.Positives, row.Negatives)));
        Assert.All(silence, row => Assert.Equal((5, 2), (row.Positives, row.Negatives)));
        Assert.Equal(100 * 151.0 / 420, silence[0].AP, 10);
        Assert.Equal(100 * 11.0 / 72, silence[1].AP, 10);
        // max-F1 of the pooled set: 8/11 at .3 (DetectionMetricsTests' worked case).
        Assert.Equal(100 * 8.0 / 11, silence[0].MaxF1, 10);
        Assert.Equal(0.3, silence[0].MaxF1Confidence);
    }

    [Fact]
    public void EachConditionIsPooledApartAndOtherModelsAndThresholdsAreNot()
    {
        var negatives = new[]
        {
            Negative("s3", AudioCondition.Noise, 0.7), Negative("s6", AudioCondition.Silence, 0.4),
            Negative("s3", AudioCondition.Silence, 0.95, model: "other"),
            Negative("s3", AudioCondition.Silence, 0.95) with { TopFraction = 0.2 },
        };
        var rows = DetectionMetrics.Summarize(Positives(), null, negatives);
        Assert.Equal(new[] { AudioCondition.Positive, AudioCondition.Noise, AudioCondition.Silence }, rows.Select(row => row.Condition).Distinct());
        Assert.All(rows.Where(row => row.Condition != AudioCondition.Positive), row => Assert.Equal(1, row.Negatives));
        // Noise: s3 alone pooled: thresholds .8 .7 .6 .5 .3; at IoU 0.5 P = 1, 2/3, 1/2, 3/5, 2/3; R = 2/5, 2/5, 1/2, 3/4, 1.
        // P̂ = 1, 2/3, 2/3, 2/3, 2/3: AP = 1·0 + 2/3·(1/10) + 2/3·(1/4) + 2/3·(1/4) = 2/3 · 6/10 = 2/5.
        Assert.Equal(100 * 0.4, rows.Single(row => row.Condition == AudioCondition.Noise && row.IoUThreshold == 0.5).AP, 10);
    }

    [Fact]
    public void NegativeMapsWithoutAConfidenceAreRefused()
    {
        var negatives = new[] { Negative("s3", AudioCondition.Silence, 0.7) with { Confidence = null } };
        Assert.Throws<ArgumentException>(() => DetectionMetrics.Summarize(Positives(), null, negatives));
    }

    [Fact]
    public void ThePerMapValuesAverageToPiaAucNAndTNRate()
    {
        // pIA 0, .03, .07, .5 (of 100 pixels): AUC_N's curve q(t_i) = #{pIA ≤ 0.05 i}/4 over i = 0 … 20:
        //   q = 1/4 at i = 0; 2/4 at i = 1; 3/4 for i = 2 … 9; 1 for i ≥ 10. Trapezoid (Δt = .05):
        //   .05 · [(1/4 + 2/4)/2 + (2/4 + 3/4)/2 + 7 · 3/4 + (3/4 + 1)/2 + 10 · 1] = .05 · [3/8 + 5/8 + 21/4 + 7/8 + 10] = .05 · 17.125.
        var scores = new[] { 0, 3, 7, 50 }.Select(p => Negative("a", AudioCondition.Silence, 0, predicted: p)).ToArray();
        var options = new ScoreOptions();
        var values = scores.Select(score => NegativeIntervals.PerMap(score, options)).ToArray();
        Assert.Equal(0.05 * 17.125, values.Average(v => v[1]), 12);
        Assert.Equal(100 * 0.05 * 17.125, NegativeMetrics.AucNPercent(scores.Select(s => s.Pia).ToArray()), 10);
        Assert.Equal((0 + 0.03 + 0.07 + 0.5) / 4, values.Average(v => v[0]), 12);
        Assert.Equal(new[] { 1.0, 0, 0, 0 }, values.Select(v => v[2]));
    }

    [Fact]
    public void IntervalsAreTheClipBootstrapOfTheMapsWorkedOutDirectly()
    {
        // Three clips, pIA per map: a: .1 .3, b: .2, c: .6 (grid 10); the positives (for the clip numbering) on a, b, c.
        var maps = new[]
        {
            Negative("a", AudioCondition.Silence, 0, predicted: 1, grid: 10, positive: 1, intersection: 1),
            Negative("a", AudioCondition.Silence, 0, predicted: 3, grid: 10, positive: 3, intersection: 0),
            Negative("b", AudioCondition.Silence, 0, predicted: 2, grid: 10, positive: 2, intersection: 2),
            Negative("c", AudioCondition.Silence, 0, predicted: 6, grid: 10, positive: 2, intersection: 2),
        };
        var positives = new[] { "a", "b", "c" }.Select(clip => FrameScoreFactory.OnScreen(clip + "_00000", 0, 0.5)).ToArray();
        var options = new ScoreOptions { ConfidenceLevel = 0.9, Resamples = 500 };
        var row = Assert.Single(NegativeScoring.Summarize(maps, options, seed: 11, positives));
        Assert.Equal((0.9, 11), (row.ConfidenceLevel!.Value, row.BootstrapSeed!.Value));

        // The replicates written out: C = 3 clips (a, b, c in ordinal order) drawn with replacement by the run's draws; the
        // replicate's pIA is 100 × Σ w·(sum of the clip's pIA) / Σ w·(the clip's maps); its IoU the same over the IoUs
        // (a: 1 and 0, b: 1, c: 2/6).
        var piaSums = new[] { 0.4, 0.2, 0.6 };
        var iouSums = new[] { 1.0, 1.0, 1.0 / 3 };
        var counts = new[] { 2.0, 1, 1 };
        var draws = new ClipDraws(11);
        var weights = new int[3];
        var pia = new List<double>();
        var iou = new List<double>();
        for (var b = 0; b < 500; b++)
        {
            draws.DrawClips(weights);
            var n = Enumerable.Range(0, 3).Sum(c => weights[c] * counts[c]);
            pia.Add(100 * Enumerable.Range(0, 3).Sum(c => weights[c] * piaSums[c]) / n);
            iou.Add(100 * Enumerable.Range(0, 3).Sum(c => weights[c] * iouSums[c]) / n);
        }
        // Percentile bounds: the type-7 quantile (ClipBootstrapTests.Quantile, written out there).
        static double Quantile(List<double> values, double q) => ClipBootstrapTests.Quantile(values, q);
        Assert.Equal(Quantile(pia, 0.05), row.PIALower!.Value, 9);
        Assert.Equal(Quantile(pia, 0.95), row.PIAUpper!.Value, 9);
        Assert.Equal(Quantile(iou, 0.05), row.IoULower!.Value, 9);
        Assert.Equal(Quantile(iou, 0.95), row.IoUUpper!.Value, 9);
        Assert.Equal(500, row.Resamples);
        Assert.InRange(row.PIA, row.PIALower!.Value, row.PIAUpper!.Value);
        Assert.InRange(row.AUCN, row.AUCNLower!.Value, row.AUCNUpper!.Value);
    }

    [Fact]
    public void IntervalsAreDeterministicPerSeedAndDegenerateCasesAreFlat()
    {
        var maps = Enumerable.Range(0, 12).Select(i => Negative($"c{i / 3}", AudioCondition.Noise, 0, predicted: (i * 7) % 10, grid: 10)).ToArray();
        var options = new ScoreOptions { ConfidenceLevel = 0.95, Resamples = 300 };
        var a = NegativeScoring.Summarize(maps, options, seed: 5).Single();
        var b = NegativeScoring.Summarize(maps, options, seed: 5).Single();
        var c = NegativeScoring.Summarize(maps, options, seed: 6).Single();
        Assert.Equal(a, b);
        Assert.NotEqual((a.PIALower, a.PIAUpper), (c.PIALower, c.PIAUpper));
        // One clip: no spread between clips, no interval. All maps empty: pIA [0, 0], AUC_N [100, 100].
        var one = NegativeScoring.Summarize(maps.Take(3).ToArray(), options, seed: 5).Single();
        Assert.Null(one.PIALower);
        Assert.Equal(0.95, one.ConfidenceLevel);
        var quiet = NegativeScoring.Summarize(maps.Select(m => m with { PredictedPixels = 0 }).ToArray(), options, seed: 5).Single();
        Assert.Equal((0.0, 0.0), (quiet.PIALower!.Value, quiet.PIAUpper!.Value));
        Assert.Equal((100.0, 100.0), (quiet.AUCNLower!.Value, quiet.AUCNUpper!.Value));
        // Without -ConfidenceLevel, no interval.
        Assert.Null(NegativeScoring.Summarize(maps, new ScoreOptions()).Single().PIALower);
    }

    [Fact]
    public void TheOffScreenRowGetsATNRateInterval()
    {
        // Two clips of Off-Screen maps: x both empty, y one empty of two. TN% = 2/3 · 100 for x + y; a replicate drawing
        // x twice is 100, y twice 50, so the bounds lie in [50, 100].
        var maps = new[]
        {
            Negative("x", AudioCondition.Silence, 0, predicted: 0, offScreen: true),
            Negative("y", AudioCondition.Silence, 0, predicted: 0, offScreen: true),
            Negative("y", AudioCondition.Silence, 0, predicted: 5, offScreen: true),
        };
        var row = NegativeScoring.Summarize(maps, new ScoreOptions { ConfidenceLevel = 0.95, Resamples = 400 }, seed: 2).Single();
        Assert.Equal("Off-Screen", row.Group);
        Assert.Equal(100 * 2.0 / 3, row.TNRate!.Value, 10);
        Assert.InRange(row.TNRateLower!.Value, 50, row.TNRate.Value);
        Assert.InRange(row.TNRateUpper!.Value, row.TNRate.Value, 100);
    }

    [Fact]
    public void APlusSilentListMarksTheNonSoundingRowsAsSlavcsLoaderDoes()
    {
        // SLAVC's loader: a row is a negative pair when its label is 'non-sounding'; other rows select the sample heard with its own audio.
        var list = TestList.Parse("vggss_test_plus_silent.csv", System.Text.Encoding.UTF8.GetBytes(
            "video,audio,label\na,a,sounding\nb,b,sounding\na,b,non-sounding\nc,a,Non-Sounding\nb,a,0\n"));
        Assert.Equal(new[] { "a", "b" }, list.PositiveIds);
        Assert.Equal(new[] { ("a", "b"), ("c", "a") }, list.NonSoundingPairs.Select(pair => (pair.Id, pair.AudioId!)));
        Assert.Equal(new[] { "a", "b", "c" }, list.Ids);
    }
}
