using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// SLAVC's detection view against BENCHMARKS.md, on cases worked out by hand below, and its confidence (the mean of the top
/// quarter of the map on the scoring grid).
/// </summary>
public class DetectionMetricsTests
{
    // Seven samples (positive?, cIoU, confidence); 5 positives: s1, s2, s4, s5, s7.
    //   s1 P 0.90 @0.9   s2 P 0.70 @0.8   s3 N @0.7   s4 P 0.20 @0.6   s5 P 0.60 @0.5   s6 N @0.4   s7 P 0.55 @0.3
    // AP thresholds: ascending .3 .4 .5 .6 .7 .8 .9, the largest dropped, reversed, every s = max(1, ⌊7/200⌋) = 1st:
    //   θ = .8 .7 .6 .5 .4 .3.
    // IoU 0.5 (TP needs cIoU ≥ .5; s4 detected is a FP):
    //   θ .8: TP s1 s2, FN s4 s5 s7        P 1    R 2/5
    //   θ .7: + s3 FP                       P 2/3  R 2/5
    //   θ .6: + s4 FP (FN 2)                P 1/2  R 1/2   (recall rises: s4 moved from FN to FP)
    //   θ .5: + s5 TP                       P 3/5  R 3/4
    //   θ .4: + s6 FP                       P 1/2  R 3/4
    //   θ .3: + s7 TP                       P 4/7  R 1
    //   P̂ = max of P from j on: 1, 2/3, 3/5, 3/5, 4/7, 4/7.
    //   AP = 1·0 + 2/3·(1/10) + 3/5·(1/4) + 3/5·0 + 4/7·(1/4) = 1/15 + 3/20 + 1/7 = 151/420.
    // IoU 0.75 (only s1 is a TP when detected):
    //   P: 1/2, 1/3, 1/4, 1/5, 1/6, 1/7;  R: 1/4, 1/4, 1/3, 1/2, 1/2, 1.  P̂ = P (decreasing).
    //   AP = 1/2·0 + 1/3·(1/12) + 1/4·(1/6) + 1/5·0 + 1/6·(1/2) = 1/36 + 1/24 + 1/12 = 11/72.
    // max-F1 thresholds: every s' = max(1, ⌊7/10⌋) = 1st of the ascending confidences, .3 … .9.
    //   IoU 0.5: F1 at .3 = 2·(4/7)·1/(4/7 + 1) = 8/11; at .4 3/5; .5 2/3; .6 1/2; .7 1/2; .8 4/7; at .9 (P 1, R 1/5) 1/3. Max 8/11 at .3.
    //   IoU 0.75: 1/4, 1/4, 2/7, 2/7, 2/7, 1/3 (at .8), 1/3 (at .9): max 1/3.
    private static readonly DetectionSample[] Samples =
    {
        new(true, 0.90, 0.9), new(true, 0.70, 0.8), new(false, 0, 0.7), new(true, 0.20, 0.6),
        new(true, 0.60, 0.5), new(false, 0, 0.4), new(true, 0.55, 0.3),
    };

    [Fact]
    public void AveragePrecisionIsTheStatementWorkedOutByHand()
    {
        Assert.Equal(new[] { 0.8, 0.7, 0.6, 0.5, 0.4, 0.3 }, DetectionMetrics.AveragePrecisionThresholds(Samples));
        Assert.Equal((2.0 / 3, 2.0 / 5), DetectionMetrics.PrecisionRecall(Samples, 0.7, 0.5));
        Assert.Equal((0.5, 0.5), DetectionMetrics.PrecisionRecall(Samples, 0.6, 0.5));
        Assert.Equal(151.0 / 420, DetectionMetrics.AveragePrecision(Samples, 0.5), 12);
        Assert.Equal(11.0 / 72, DetectionMetrics.AveragePrecision(Samples, 0.75), 12);
    }

    [Fact]
    public void MaxF1IsTheStatementWorkedOutByHand()
    {
        Assert.Equal(new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 }, DetectionMetrics.F1Thresholds(Samples));
        var (f1, confidence) = DetectionMetrics.MaxF1(Samples, 0.5);
        Assert.Equal(8.0 / 11, f1, 12);
        Assert.Equal(0.3, confidence);
        Assert.Equal(1.0 / 3, DetectionMetrics.MaxF1(Samples, 0.75).F1, 12);
    }

    [Fact]
    public void ThresholdsAreSampledEverySthConfidence()
    {
        // K = 450 distinct confidences 0 … 449 (shuffled): AP takes s = ⌊450/200⌋ = 2, so 448, 446, …, 0 (225 thresholds);
        // max-F1 takes s' = ⌊450/10⌋ = 45 from the smallest: 0, 45, …, 405.
        var random = new Random(3);
        var samples = Enumerable.Range(0, 450).OrderBy(_ => random.Next()).Select(i => new DetectionSample(i % 3 != 0, 0.6, i)).ToArray();
        Assert.Equal(Enumerable.Range(0, 225).Select(j => 448.0 - (2 * j)), DetectionMetrics.AveragePrecisionThresholds(samples));
        Assert.Equal(Enumerable.Range(0, 10).Select(j => 45.0 * j), DetectionMetrics.F1Thresholds(samples));
    }

    [Fact]
    public void EdgeCasesFollowTheStatement()
    {
        // Two samples: one threshold, an empty sum: AP 0.
        Assert.Equal(0, DetectionMetrics.AveragePrecision(new DetectionSample[] { new(true, 0.9, 1), new(false, 0, 0) }, 0.5));
        // No positives: R = 1 whatever θ (TP + FN = 0), so every recall gain is 0 and AP = 0; P = 0 once a negative is detected.
        var negatives = Enumerable.Range(0, 5).Select(i => new DetectionSample(false, 0, i)).ToArray();
        Assert.Equal(0, DetectionMetrics.AveragePrecision(negatives, 0.5));
        Assert.Equal((0.0, 1.0), DetectionMetrics.PrecisionRecall(negatives, 0, 0.5));
        // Nothing detected: P = 1 (TP + FP = 0).
        Assert.Equal((1.0, 0.0), DetectionMetrics.PrecisionRecall(new DetectionSample[] { new(true, 0.9, 1) }, 2, 0.5));
        // A NaN confidence is never detected.
        Assert.Equal((1.0, 0.0), DetectionMetrics.PrecisionRecall(new DetectionSample[] { new(true, 0.9, double.NaN) }, double.MinValue, 0.5));
    }

    [Fact]
    public void ConfidenceIsTheMeanOfTheTopQuarterOfTheGrid()
    {
        var confidence = new MapConfidence();
        // 16 values 0 … 15: the top ⌊16/4⌋ = 4 are 15, 14, 13, 12: mean 13.5.
        Assert.Equal(13.5, confidence.TopQuarterMean(Enumerable.Range(0, 16).Select(i => (float)i).Reverse().ToArray()));
        // Ties at the cut: 8 values, top 2 of {5, 5, 5, 5, 1, 1, 1, 1} = 5; of {7, 5, 5, 1, 1, 1, 1, 1} = (7 + 5) / 2.
        Assert.Equal(5, confidence.TopQuarterMean(new float[] { 1, 5, 1, 5, 1, 5, 1, 5 }));
        Assert.Equal(6, confidence.TopQuarterMean(new float[] { 1, 5, 1, 7, 1, 5, 1, 1 }));
        // Negative values and fewer than four: the top one. A constant map: the constant.
        Assert.Equal(-1, confidence.TopQuarterMean(new float[] { -3, -1, -2 }));
        Assert.Equal(0.3f, confidence.TopQuarterMean(Enumerable.Repeat(0.3f, 100).ToArray()));
        Assert.True(double.IsNaN(confidence.TopQuarterMean(new float[] { 1, float.NaN, 2, 3 })));
        Assert.True(double.IsNaN(confidence.TopQuarterMean(Enumerable.Range(0, 99).Select(i => i == 77 ? float.NaN : i).ToArray())));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ConfidenceAgreesWithSortingTheGrid(int kind)
    {
        // 360 × 640 grids: random values; mostly exact zeros (ReLU-like maps, the cut inside the zeros); a few distinct levels
        // (large ties); values spanning many orders of magnitude; a smooth map; and one whose every 112th value (where a
        // strided sample of 2,048 would look) is −5, so that a sample misses the cut. Expected: sort descending, sum the
        // first ⌊N/4⌋ in double, divide.
        var random = new Random(kind);
        var grid = new float[360 * 640];
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] = kind switch
            {
                0 => (float)((random.NextDouble() * 2) - 1),
                1 => random.NextDouble() < 0.8 ? 0f : (float)random.NextDouble(),
                2 => random.Next(5) * 0.25f,
                3 => (float)Math.Pow(10, (random.NextDouble() * 30) - 15) * (random.Next(2) == 0 ? -1 : 1),
                4 => (float)(Math.Sin((i % 640) * 0.01) * Math.Cos((i / 640) * 0.02)),
                _ => i % 112 == 56 ? -5f : (float)random.NextDouble(),
            };
        }
        var top = grid.OrderByDescending(v => v).Take(grid.Length / 4).Sum(v => (double)v) / (grid.Length / 4);
        var actual = new MapConfidence().TopQuarterMean(grid);
        Assert.Equal(top, actual, Math.Max(Math.Abs(top), 1e-300) * 1e-12);
    }

    [Fact]
    public void TheScoringRunTakesTheConfidenceOnTheGridAndKeepsItsCounts()
    {
        // The hand-made 4 × 4 run of ScoreEvaluatorTests (grid = frame = map): 16 grid values, the top 4 averaged.
        // A: 10 on 4 px → 10. B: 9 on 6 px → 9. C (Off-Screen): 8 on 2 px, 0 elsewhere → (8 + 8 + 0 + 0) / 4 = 4. D (Off-Screen): −1 everywhere → −1.
        var options = new ScoreOptions { GridHeight = 4, GridWidth = 4, TopFractions = new[] { 0.18 }, Detection = true };
        var run = ScoreEvaluator.Run(ScoreEvaluatorTests.Run(), options);
        Assert.Equal(new double?[] { 10, 9, 4, -1 }, run.FrameScores.Select(s => s.Confidence));
        var plain = ScoreEvaluator.EvaluateFrames(ScoreEvaluatorTests.Run(), options with { Detection = false });
        Assert.Equal(plain.Select(s => (s.CIoU, s.PredictedPixels, s.IntersectionPixels)), run.FrameScores.Select(s => (s.CIoU, s.PredictedPixels, s.IntersectionPixels)));
        Assert.All(plain, s => Assert.Null(s.Confidence));
        // The rows: positives A (cIoU 1 @10) and B (0.4 @9), negatives C (@4) and D (@−1).
        // AP thresholds: ascending −1, 4, 9, 10 → drop 10 → 9, 4, −1. IoU .5: θ 9: A TP, B FP → P 1/2, R 1; θ 4: + C FP → 1/3, 1;
        // θ −1: + D → 1/4, 1. Recall never rises: AP = 0. max-F1 over −1, 4, 9, 10: at 10 P 1, R 1/2 (B undetected) → 2/3;
        // at 9: 1/2, 1 → 2/3; at 4: 1/3, 1 → 1/2; at −1: 1/4, 1 → 2/5. Max 2/3, first at 9 (thresholds ascending: −1, 4, 9, 10).
        var rows = run.Detections;
        Assert.Equal(new[] { 0.5, 0.75 }, rows.Select(r => r.IoUThreshold));
        var half = rows[0];
        Assert.Equal((2, 2), (half.Positives, half.Negatives));
        Assert.Equal(0, half.AP, 12);
        Assert.Equal(100 * 2.0 / 3, half.MaxF1, 10);
        Assert.Equal(9, half.MaxF1Confidence);
        Assert.Equal(0.18, half.TopFraction);
        Assert.Equal(4, half.GridHeight);
    }
}
