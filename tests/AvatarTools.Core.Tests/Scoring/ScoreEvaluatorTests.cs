using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// A hand-made run on a 4 × 4 grid (frames 4 × 4, maps 4 × 4, so both the mask and the upsampling are identities):
/// A (Single-Sound, clip a): G = square x 0..1 × y 0..1 (4 px); map 10 on G, 0 elsewhere.
/// B (Mixed-Sound + Multi-Entity, clip b, frame 5, "dog"): G = squares x 2..3 × y 0..1 and x 0..1 × y 2..3 (8 px);
///   map 9 on the first square and on (2,3), (3,3); 0 elsewhere → |P| = 6, |P∩G| = 4 at τ ≤ 9.
/// C (Off-Screen, clip c): map 8 at (0,0), (1,0); 0 elsewhere.
/// D (Off-Screen, clip b, frame 9, "cat"): map −1 everywhere. Clip b is cross-event ("cat" is new).
/// Pool of 64: 16 × −1, 36 × 0, 2 × 8, 6 × 9, 4 × 10. p = 0.18: index ⌊0.82·64⌋ = ⌊52.48⌋ = 52 → τ = 8.
/// At τ = 8: cIoU A = 4/4 = 1, B = 4/(8 + 2) = 0.4; C has |P| = 2 (FP), D |P| = 0 (TN).
/// </summary>
public class ScoreEvaluatorTests
{
    internal static double[] Square(int x, int y) => new double[] { x, y, x + 1, y, x + 1, y + 1, x, y + 1 };

    internal static AvatarInstance OnScreen(AvatarScenario scenario, string category, double[] polygon) =>
        new(category, scenario, null, new[] { polygon });

    internal static AvatarInstance OffScreen(string category) => new(category, AvatarScenario.OffScreen, null, Array.Empty<double[]>());

    internal static AvatarFrame Frame(string clip, int index, params AvatarInstance[] instances) =>
        new(clip, index, 4, 4, instances, "", "", "", 25);

    internal static Heatmap Map(float background, params (int X, int Y, float Value)[] pixels)
    {
        var values = Enumerable.Repeat(background, 16).ToArray();
        foreach (var (x, y, value) in pixels)
        {
            values[(y * 4) + x] = value;
        }
        return new Heatmap(4, 4, values);
    }

    internal static List<Localization> Run(string model = "m")
    {
        var a = Frame("a_00000", 3, OnScreen(AvatarScenario.SingleSound, "violin", Square(0, 0)));
        var b = Frame("b_00000", 5, OnScreen(AvatarScenario.MixedSound, "dog", Square(2, 0)), OnScreen(AvatarScenario.MultiEntity, "dog", Square(0, 2)));
        var c = Frame("c_00000", 7, OffScreen("car"));
        var d = Frame("b_00000", 9, OffScreen("cat"));
        return new List<Localization>
        {
            new(a, model, Map(0, (0, 0, 10), (1, 0, 10), (0, 1, 10), (1, 1, 10))),
            new(b, model, Map(0, (2, 0, 9), (3, 0, 9), (2, 1, 9), (3, 1, 9), (2, 3, 9), (3, 3, 9))),
            new(c, model, Map(0, (0, 0, 8), (1, 0, 8))),
            new(d, model, Map(-1)),
        };
    }

    private static ScoreOptions Options => new() { GridHeight = 4, GridWidth = 4, TopFractions = new[] { 0.18 }, CrossEvent = true };

    [Fact]
    public void ScoresEachFrame()
    {
        var frames = ScoreEvaluator.EvaluateFrames(Run(), Options);
        Assert.Equal(4, frames.Count);
        Assert.All(frames, frame => Assert.Equal(8.0, frame.Threshold));
        Assert.Equal((4, 4, 4, 1.0), (frames[0].TruthPixels, frames[0].PredictedPixels, frames[0].IntersectionPixels, frames[0].CIoU));
        Assert.Equal((8, 6, 4, 0.4), (frames[1].TruthPixels, frames[1].PredictedPixels, frames[1].IntersectionPixels, frames[1].CIoU));
        Assert.Null(frames[0].TrueNegative);
        Assert.False(frames[2].TrueNegative);
        Assert.True(frames[3].TrueNegative);
        Assert.Equal(0.18, frames[0].TopFraction);
        Assert.Equal(new[] { "dog" }, frames[1].Categories);
    }

    [Fact]
    public void SummarizesTheTable()
    {
        var rows = ScoreEvaluator.Evaluate(Run(), Options);
        Assert.Equal(new[] { "Total", "Single-Sound", "Mixed-Sound", "Multi-Entity", "Off-Screen", "Cross-event" }, rows.Select(row => row.Group));
        var total = rows[0];
        Assert.Equal(2, total.Frames);
        Assert.Equal(70.0, total.CIoU!.Value, 1e-12);
        Assert.Equal(50.0, total.Success50!.Value, 1e-12);
        // cIoU {1, 0.4}: s = 1 for t0..t8 (t8 = 0.05·8 = 0.4 exactly), 1/2 for t9..t20:
        // 8 · 0.05 + 0.05 · (1 + 1/2)/2 + 11 · 0.05 · 1/2 = 0.4 + 0.0375 + 0.275 = 0.7125.
        Assert.Equal(71.25, total.AUC!.Value, 1e-9);
        Assert.Equal(8.0, total.Threshold);
        Assert.Equal(0.18, total.TopFraction);
        Assert.Null(total.TNRate);
        Assert.Equal((1, (double?)100.0), (rows[1].Frames, rows[1].CIoU));
        // B sits in both Mixed-Sound and Multi-Entity.
        Assert.Equal((1, (double?)40.0), (rows[2].Frames, rows[2].CIoU));
        Assert.Equal((1, (double?)40.0), (rows[3].Frames, rows[3].CIoU));
        Assert.Equal(2, rows[4].Frames);
        Assert.Equal(50.0, rows[4].TNRate);
        Assert.Equal((1, (double?)40.0), (rows[5].Frames, rows[5].CIoU));
        // The Off-Screen row has no CIoU, AUC or Success@0.5 (null, which ConvertTo-Json writes as null, not "NaN").
        Assert.Equal((null, null, null), (rows[4].CIoU, rows[4].AUC, rows[4].Success50));
        Assert.Equal(-30.0, rows[5].Delta!.Value, 1e-12);
    }

    [Fact]
    public void OffersTheAreaRule()
    {
        // |P| of C is 2 < 0.25 · 16 = 4: a true negative under the area rule.
        var rows = ScoreEvaluator.Evaluate(Run(), Options with { OffScreenRule = OffScreenRule.AreaFraction, OffScreenArea = 0.25 });
        Assert.Equal(100.0, rows.Single(row => row.Group == "Off-Screen").TNRate);
        var strict = ScoreEvaluator.Evaluate(Run(), Options with { OffScreenRule = OffScreenRule.AreaFraction, OffScreenArea = 0.125 });
        Assert.Equal(50.0, strict.Single(row => row.Group == "Off-Screen").TNRate);
    }

    [Fact]
    public void UsesAFixedThreshold()
    {
        // τ = 9: A |P| = 4 (cIoU 1), B |P| = 6 (0.4), C |P| = 0 → both Off-Screen frames are TN.
        var frames = ScoreEvaluator.EvaluateFrames(Run(), Options with { Policy = ThresholdPolicy.Fixed, Value = 9 });
        Assert.Equal(new[] { 4, 6, 0, 0 }, frames.Select(frame => frame.PredictedPixels));
        Assert.All(frames, frame => Assert.Null(frame.TopFraction));
        // τ = 9.5: B predicts nothing and has |G| = 8: cIoU 0.
        var higher = ScoreEvaluator.EvaluateFrames(Run(), Options with { Policy = ThresholdPolicy.Fixed, Value = 9.5 });
        Assert.Equal(0.0, higher[1].CIoU);
    }

    [Fact]
    public void ScoresBothEmptyAsZero()
    {
        var frame = Frame("e_00000", 1, new AvatarInstance("x", AvatarScenario.SingleSound, null, Array.Empty<double[]>()));
        var frames = ScoreEvaluator.EvaluateFrames(new[] { new Localization(frame, "m", Map(0)) },
            Options with { Policy = ThresholdPolicy.Fixed, Value = 1 });
        Assert.Equal((0, 0, 0.0), (frames[0].TruthPixels, frames[0].PredictedPixels, frames[0].CIoU));
    }

    [Fact]
    public void UsesTheTopHalfPerFrame()
    {
        // Map 0..15 row-major: min-max normalised v/15, τ = value at index ⌊16/2⌋ = 8 → 8/15: P = the pixels 8..15 (rows 2, 3).
        // G of B is x 2..3 × y 0..1 and x 0..1 × y 2..3: P∩G = (0,2) (1,2) (0,3) (1,3) = 4; cIoU = 4 / (8 + 4) = 1/3.
        var frame = Run()[1].Frame;
        var map = new Heatmap(4, 4, Enumerable.Range(0, 16).Select(i => (float)i).ToArray());
        var frames = ScoreEvaluator.EvaluateFrames(new[] { new Localization(frame, "m", map) }, Options with { Policy = ThresholdPolicy.PerFrame });
        Assert.Equal((float)(8f / 15f), (float)frames[0].Threshold);
        Assert.Equal((8, 4), (frames[0].PredictedPixels, frames[0].IntersectionPixels));
        Assert.Equal(1.0 / 3, frames[0].CIoU, 1e-12);
        var rows = ScoreEvaluator.Evaluate(new[] { new Localization(frame, "m", map) }, Options with { Policy = ThresholdPolicy.PerFrame });
        Assert.Null(rows[0].Threshold);
    }

    [Fact]
    public void KeepsModelsInFirstSeenOrderAndFractionsApart()
    {
        var localizations = Run("second").Concat(Run("first")).ToList();
        var rows = ScoreEvaluator.Evaluate(localizations, Options with { TopFractions = new[] { 0.18, 0.5 }, CrossEvent = false });
        Assert.Equal(20, rows.Count);
        Assert.Equal(new[] { "second", "first" }, rows.Select(row => row.Model).Distinct());
        Assert.Equal(new double?[] { 0.18, 0.5 }, rows.Where(row => row.Model == "first").Select(row => row.TopFraction).Distinct());
        // p = 0.5: index 32 of the pool → 0, so every pixel ≥ 0 is predicted: A |P| = 16 → cIoU 4/16.
        var half = ScoreEvaluator.EvaluateFrames(Run(), Options with { TopFractions = new[] { 0.5 } });
        Assert.Equal((0.0, 16, 0.25), (half[0].Threshold, half[0].PredictedPixels, half[0].CIoU));
    }

    [Fact]
    public void GroupsByCategoryAndVideo()
    {
        var byCategory = ScoreEvaluator.Evaluate(Run(), Options with { GroupBy = ScoreGrouping.Category });
        Assert.Equal(new[] { "Category:dog", "Category:violin" }, byCategory.Where(row => row.Group.StartsWith("Category:", StringComparison.Ordinal)).Select(row => row.Group));
        var byVideo = ScoreEvaluator.Evaluate(Run(), Options with { GroupBy = ScoreGrouping.Video });
        Assert.Equal(40.0, byVideo.Single(row => row.Group == "Video:b_00000").CIoU!.Value, 1e-12);
    }

    [Fact]
    public void ReportsProgressAndHonoursCancellation()
    {
        var reports = new List<ScoreProgress>();
        var progress = new SynchronousProgress(reports);
        ScoreEvaluator.Evaluate(Run(), Options, progress);
        Assert.Contains(reports, report => report.Stage == "Score" && report.FramesDone == 4 && report.FramesTotal == 4);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ScoreEvaluator.Evaluate(Run(), Options, null, cancelled.Token));
    }

    [Fact]
    public void RejectsBadOptions()
    {
        Assert.Throws<ArgumentException>(() => ScoreEvaluator.Evaluate(Run(), Options with { TopFractions = new[] { 1.5 } }));
        Assert.Throws<ArgumentException>(() => ScoreEvaluator.Evaluate(Run(), Options with { GridHeight = 0 }));
    }

    private sealed class SynchronousProgress : IProgress<ScoreProgress>
    {
        private readonly List<ScoreProgress> _reports;

        public SynchronousProgress(List<ScoreProgress> reports) => _reports = reports;

        public void Report(ScoreProgress value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }
}
