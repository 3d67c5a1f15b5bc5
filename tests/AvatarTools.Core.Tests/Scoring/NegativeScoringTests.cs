using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using Xunit;
using static AvatarTools.Core.Tests.Scoring.ScoreEvaluatorTests;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The negatives of BENCHMARKS.md ("Negative audio") against their statement, worked out by hand: pIA = #{predicted} / N,
/// its mean × 100; AUC_N = trapezoid of #{pIA_k ≤ t}/K over t = 0.05·i; the positive–negative IoU (1 when both empty, 0 when
/// one is); all at the positives' τ, never one calibrated on the negatives.
/// </summary>
public class NegativeScoringTests
{
    [Fact]
    public void PiaAndAucNAreTheStatementWorkedOutByHand()
    {
        // pIA = 0, 0.03, 0.1, 0.5: mean 0.1575 → 15.75.
        // q(t) = #{pIA ≤ t}/4: t = 0 → 1/4; 0.05 → 2/4; 0.10 … 0.45 → 3/4 (8 points); 0.50 … 1 → 1 (11 points).
        // Trapezoid, steps of 0.05: [0, .05] (1/4 + 2/4)/2 = 3/8; [.05, .1] (2/4 + 3/4)/2 = 5/8; 7 steps at 3/4;
        // [.45, .5] (3/4 + 1)/2 = 7/8; 10 steps at 1. AUC_N = 0.05 · (3/8 + 5/8 + 21/4 + 7/8 + 10) = 0.05 · 17.125 = 0.85625.
        var pia = new[] { 0.0, 0.03, 0.1, 0.5 };
        Assert.Equal(15.75, NegativeMetrics.PiaPercent(pia), 10);
        Assert.Equal(85.625, NegativeMetrics.AucNPercent(pia), 9);
        var curve = NegativeMetrics.QuietCurve(pia);
        Assert.Equal(new[] { 0.25, 0.5, 0.75 }, curve.Take(3));
        Assert.Equal(0.75, curve[9]);
        Assert.Equal(1.0, curve[10]);
        // A model that never fires: every pIA 0, q(t) = 1 everywhere: AUC_N = 100; one that fires everywhere: q = 0 below 1, 1 at
        // t = 1: AUC_N = 0.05 · (0 + 1)/2 = 2.5.
        Assert.Equal(100, NegativeMetrics.AucNPercent(new[] { 0.0, 0.0 }), 10);
        Assert.Equal(2.5, NegativeMetrics.AucNPercent(new[] { 1.0 }), 10);
        Assert.True(double.IsNaN(NegativeMetrics.AucNPercent(Array.Empty<double>())));
        Assert.Equal(0.25, NegativeMetrics.Pia(4, 16));
    }

    [Fact]
    public void BinaryIoUIsOneWhenBothAreEmptyAndZeroWhenOneIs()
    {
        Assert.Equal(1, NegativeMetrics.BinaryIoU(0, 0, 0));
        Assert.Equal(0, NegativeMetrics.BinaryIoU(5, 0, 0));
        Assert.Equal(0, NegativeMetrics.BinaryIoU(0, 5, 0));
        Assert.Equal(2.0 / 8, NegativeMetrics.BinaryIoU(4, 6, 2)); // union 4 + 6 − 2
        Assert.Equal(1, NegativeMetrics.BinaryIoU(3, 3, 3));
    }

    // The 4 × 4 run of ScoreEvaluatorTests (identity grid). Fixed τ = 8, AtLeast. Negative maps:
    //   A: 8 at (0,0), (1,0), (2,0) → |N| = 3, pIA 3/16; positive A predicts its 2 × 2 square (10s): |P| = 4, |P∩N| = 2
    //      → IoU 2/5.
    //   B: 7.9 everywhere → |N| = 0, pIA 0; positive B predicts 6 → IoU 0 (exactly one empty).
    //   C (Off-Screen): 0 everywhere → |N| = 0; positive C predicts 2 (8s) → IoU 0; TN.
    //   D (Off-Screen): −1 → empty; positive D empty → IoU 1; TN.
    private static List<Localization> Negatives(IReadOnlyList<Localization> positives) => new()
    {
        new Localization(positives[0].Frame, "m", Map(0, (0, 0, 8), (1, 0, 8), (2, 0, 8))) { Condition = AudioCondition.Silence },
        new Localization(positives[1].Frame, "m", Map(7.9f)) { Condition = AudioCondition.Silence },
        new Localization(positives[2].Frame, "m", Map(0)) { Condition = AudioCondition.Silence },
        new Localization(positives[3].Frame, "m", Map(-1)) { Condition = AudioCondition.Silence },
    };

    private static ScoreOptions Fixed(double value, TieRule rule = TieRule.AtLeast) =>
        new() { GridHeight = 4, GridWidth = 4, Policy = ThresholdPolicy.Fixed, Value = value, TieRule = rule };

    [Fact]
    public void ScoresEachNegativeMapAndItsOverlapWithThePositive()
    {
        var positives = Run();
        var run = ScoreEvaluator.Run(positives.Concat(Negatives(positives)).ToList(), Fixed(8));
        Assert.Empty(run.Errors);
        Assert.Equal(4, run.FrameScores.Count); // the positives alone make the table
        var frames = run.NegativeFrames;
        Assert.Equal(new[] { 3, 0, 0, 0 }, frames.Select(f => f.PredictedPixels));
        Assert.Equal(new int?[] { 4, 6, 2, 0 }, frames.Select(f => f.PositivePixels));
        Assert.Equal(new int?[] { 2, 0, 0, 0 }, frames.Select(f => f.IntersectionPixels));
        Assert.Equal(new double?[] { 2.0 / 5, 0, 0, 1 }, frames.Select(f => f.IoU));
        Assert.Equal(3.0 / 16, frames[0].Pia);

        var rows = run.Negatives;
        Assert.Equal(new[] { "Total", "Single-Sound", "Mixed-Sound", "Multi-Entity", "Off-Screen" }, rows.Select(r => r.Group));
        Assert.All(rows, row => Assert.Equal(AudioCondition.Silence, row.Condition));
        var total = rows[0];
        // Total = on-screen A and B: pIA (3/16 + 0)/2 → 100 × 3/32; q(t): pIA 0 ≤ t always, 3/16 = 0.1875 ≤ t from t = 0.2:
        // q = 1/2 for t = 0 … 0.15 (4 points), 1 from 0.2 (17 points): AUC_N = 0.05 · (3 · 1/2 + (1/2 + 1)/2 + 16) = 0.05 · 18.25.
        Assert.Equal(2, total.Maps);
        Assert.Equal(100 * 3.0 / 32, total.PIA, 10);
        Assert.Equal(100 * 0.05 * 18.25, total.AUCN, 9);
        Assert.Equal(100 * ((2.0 / 5) + 0) / 2, total.IoU!.Value, 10);
        Assert.Null(total.TNRate);
        var offScreen = rows[4];
        Assert.Equal(ScoreGroupKind.OffScreen, offScreen.GroupKind);
        Assert.Equal(2, offScreen.Maps);
        Assert.Equal(0, offScreen.PIA);
        Assert.Equal(100, offScreen.TNRate);
        Assert.Equal(50, offScreen.IoU!.Value, 10); // (0 + 1)/2
        Assert.Equal(ThresholdSource.Fixed, offScreen.ThresholdSource);
    }

    [Fact]
    public void FollowsTheTieRuleOfTheRun()
    {
        // Negative A has three pixels exactly at τ = 8: AtLeast predicts them, Above does not.
        var positives = Run();
        var above = ScoreEvaluator.Run(positives.Concat(Negatives(positives)).ToList(), Fixed(8, TieRule.Above));
        Assert.Equal(0, above.NegativeFrames[0].PredictedPixels);
        Assert.Equal(TieRule.Above, above.Negatives[0].TieRule);
        // Positive A (10s) still predicts 4 pixels above 8; both maps of D stay empty.
        Assert.Equal(4, above.NegativeFrames[0].PositivePixels);
    }

    [Fact]
    public void TakesTauFromThePositivesNeverFromTheNegatives()
    {
        // Positives calibrated at p = 0.18 give τ = 8 (ScoreEvaluatorTests). Negatives of 100 everywhere would move a pooled
        // calibration; at the positives' τ every one of their pixels is predicted: pIA = 1.
        var positives = Run();
        var loud = positives.Select(p => new Localization(p.Frame, "m", Map(100)) { Condition = AudioCondition.Noise, Seed = 3 }).ToList();
        var options = new ScoreOptions { GridHeight = 4, GridWidth = 4, TopFractions = new[] { 0.18 } };
        var run = ScoreEvaluator.Run(positives.Concat(loud).ToList(), options);
        Assert.Equal(8, run.Calibrations.Single().Threshold);
        Assert.Equal(4, run.Calibrations.Single().Frames);
        Assert.All(run.NegativeFrames, f => Assert.Equal(8, f.Threshold));
        Assert.All(run.NegativeFrames, f => Assert.Equal(1.0, f.Pia));
        Assert.Equal(ThresholdSource.Calibrated, run.Negatives[0].ThresholdSource);
        Assert.Equal(100, run.Negatives[0].PIA);
        Assert.Equal(2.5, run.Negatives[0].AUCN, 9);

        // Negatives alone: an error naming the model, unless a calibration of the positives is given.
        var alone = ScoreEvaluator.Run(loud, options);
        Assert.Equal("NegativesNeedCalibration", Assert.Single(alone.Errors).ErrorId);
        Assert.Empty(alone.Negatives);
        var given = ScoreEvaluator.Run(loud, options with { Calibrations = run.Calibrations });
        Assert.Empty(given.Errors);
        Assert.Equal(ThresholdSource.Calibration, given.Negatives[0].ThresholdSource);
        Assert.Equal(100, given.Negatives[0].PIA);
        Assert.All(given.Negatives, row => Assert.Null(row.IoU));

        // A per-frame τ says nothing about staying quiet.
        var perFrame = ScoreEvaluator.Run(positives.Concat(loud).ToList(), options with { Policy = ThresholdPolicy.PerFrame, TopFractions = null });
        Assert.Contains(perFrame.Errors, error => error.ErrorId == "NegativesNeedGlobalThreshold");
    }

    [Fact]
    public void PoolsRepeatsAndKeepsConditionsApart()
    {
        var positives = Run();
        var silence = Negatives(positives);
        var noise = positives.Select((p, i) => new Localization(p.Frame, "m", Map(i == 0 ? 9 : 0)) { Condition = AudioCondition.Noise, Seed = 0 })
            .Concat(positives.Select(p => new Localization(p.Frame, "m", Map(0)) { Condition = AudioCondition.Noise, Seed = 1, Repeat = 1 }))
            .ToList();
        var run = ScoreEvaluator.Run(positives.Concat(silence).Concat(noise).ToList(), Fixed(8));
        var noiseTotal = run.Negatives.Single(row => row.Condition == AudioCondition.Noise && row.Group == "Total");
        // K = 2 frames × 2 repeats; only repeat 0 of A fires, on all 16 pixels: mean pIA = 1/4.
        Assert.Equal(4, noiseTotal.Maps);
        Assert.Equal(2, noiseTotal.Frames);
        Assert.Equal(2, noiseTotal.Repeats);
        Assert.Equal(25, noiseTotal.PIA, 10);
        Assert.Equal(100 * 3.0 / 32, run.Negatives.Single(row => row.Condition == AudioCondition.Silence && row.Group == "Total").PIA, 10);
    }

    [Fact]
    public void TheSameMapAsThePositiveHasIoUOneAndPiaItsPredictedShare()
    {
        // A model that ignores audio gives the same map under every condition: its pIA is the share its positive map predicts.
        var positives = Run();
        var same = positives.Select(p => p with { Condition = AudioCondition.OffScreen, DonorClip = "x_00000", Seed = 0 }).ToList();
        var run = ScoreEvaluator.Run(positives.Concat(same).ToList(), new ScoreOptions { GridHeight = 4, GridWidth = 4, TopFractions = new[] { 0.18 } });
        var byFrame = run.FrameScores.ToDictionary(f => (f.VideoId, f.FrameIndex));
        foreach (var negative in run.NegativeFrames)
        {
            Assert.Equal(1.0, negative.IoU);
            Assert.Equal(byFrame[(negative.VideoId, negative.FrameIndex)].PredictedPixels, negative.PredictedPixels);
        }
        Assert.All(run.Negatives, row => Assert.Equal(100, row.IoU));
    }
}
