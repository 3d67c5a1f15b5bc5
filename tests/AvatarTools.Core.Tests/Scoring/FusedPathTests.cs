using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The fast paths (the Global calibration fused with the counting, and PerFrame in one sweep without the grid) against the
/// definitions written out here: upsample every grid in full, pool and sort for τ_p = sorted[⌊(1 − p)·M⌋], normalise and
/// sort each grid for the PerFrame τ, and count pixel by pixel; and against the straightforward paths
/// (<c>ReferencePaths</c>). Random maps, maps with many exact ties at τ (mostly zeros, as AVSync's), signed zeros, and
/// constant maps.
/// </summary>
public sealed class FusedPathTests
{
    private const int Height = 90;
    private const int Width = 200; // 18,000 pixels: above PerFrameSweep's smallest grid; a last block narrower than 64 columns

    public enum MapKind
    {
        Random,
        MostlyZeros,
        SignedZeros,
        FewLevels,
        Constant,
    }

    public static TheoryData<UpsampleMode, TieRule, MapKind> Cases()
    {
        var data = new TheoryData<UpsampleMode, TieRule, MapKind>();
        foreach (var mode in new[] { UpsampleMode.Bilinear, UpsampleMode.Bicubic })
        {
            foreach (var rule in Enum.GetValues<TieRule>())
            {
                foreach (var kind in Enum.GetValues<MapKind>())
                {
                    data.Add(mode, rule, kind);
                }
            }
        }
        data.Add(UpsampleMode.BilinearAlignCorners, TieRule.AtLeast, MapKind.Random);
        data.Add(UpsampleMode.BilinearAlignCorners, TieRule.Above, MapKind.FewLevels);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GlobalFusedEqualsPoolingAndSorting(UpsampleMode mode, TieRule rule, MapKind kind)
    {
        var random = new Random(1000 + ((int)mode * 97) + ((int)rule * 13) + (int)kind);
        var localizations = Build(random, kind, 36);
        var fractions = new[] { 0.1, 0.15, 0.2, 0.5 };
        var options = new ScoreOptions { Policy = ThresholdPolicy.Global, TopFractions = fractions, GridHeight = Height, GridWidth = Width, Upsample = mode, TieRule = rule };
        var diagnostics = new ScoreDiagnostics();
        var fused = ScoreEvaluator.Run(localizations, options, null, CancellationToken.None, diagnostics, summarize: false);
        var reference = ScoreEvaluator.Run(localizations, options with { ReferencePaths = true }, null, CancellationToken.None, null, summarize: false);
        Assert.Equal(1, diagnostics.FusedPasses);

        var grids = localizations.Select(l => Upsampler.Upsample(l.Heatmap, Height, Width, mode)).ToArray();
        var truths = localizations.Select(l => GroundTruthMask.Create(l.Frame, Height, Width).ToArray()).ToArray();
        var pooled = grids.SelectMany(grid => grid).ToArray();
        Array.Sort(pooled);
        for (var f = 0; f < fractions.Length; f++)
        {
            var index = (long)Math.Floor((1.0 - fractions[f]) * pooled.Length);
            var tau = pooled[Math.Clamp(index, 0, pooled.Length - 1)];
            var predictedPooled = pooled.LongCount(v => rule == TieRule.Above ? v > tau : v >= tau);
            foreach (var run in new[] { fused, reference })
            {
                var calibration = run.Calibrations[f];
                Assert.True(calibration.ThresholdSingle == tau, $"{kind} p={fractions[f]}: τ {calibration.Threshold:R}, expected {tau:R}");
                Assert.Equal(predictedPooled, calibration.PredictedPixels);
            }
            for (var j = 0; j < localizations.Count; j++)
            {
                var (p, i) = Count(grids[j], truths[j], v => rule == TieRule.Above ? v > tau : v >= tau);
                foreach (var run in new[] { fused, reference })
                {
                    var score = run.FrameScores[(f * localizations.Count) + j];
                    Assert.True((p, i) == (score.PredictedPixels, score.IntersectionPixels),
                        $"{kind} p={fractions[f]} frame {j}: expected |P| {p}, |P∩G| {i}; got {score.PredictedPixels}, {score.IntersectionPixels}");
                    Assert.Equal(Count(truths[j]), score.TruthPixels);
                }
            }
        }
    }

    [Theory]
    [InlineData(UpsampleMode.Bilinear, MapKind.Random, 1500)]
    [InlineData(UpsampleMode.Bilinear, MapKind.FewLevels, 1500)]
    [InlineData(UpsampleMode.Bicubic, MapKind.Random, 1500)]
    [InlineData(UpsampleMode.Bilinear, MapKind.Random, 1024)]
    public void GlobalFusedOnWideGridsEqualsTheReferencePath(UpsampleMode mode, MapKind kind, int width)
    {
        // More than 64 blocks of 16 columns a row: runs of blocks that cross a 64-block word, and a narrower last block.
        var random = new Random(3000 + width + (int)kind);
        const int WideHeight = 24;
        var localizations = Build(random, kind, 30);
        var options = new ScoreOptions { Policy = ThresholdPolicy.Global, TopFractions = new[] { 0.1, 0.3, 0.5 }, GridHeight = WideHeight, GridWidth = width, Upsample = mode };
        var diagnostics = new ScoreDiagnostics();
        var fused = ScoreEvaluator.Run(localizations, options, null, CancellationToken.None, diagnostics, summarize: false);
        var reference = ScoreEvaluator.Run(localizations, options with { ReferencePaths = true }, null, CancellationToken.None, null, summarize: false);
        Assert.Equal(1, diagnostics.FusedPasses);
        Assert.Equal(reference.Calibrations.Select(c => (c.Threshold, c.PredictedPixels)), fused.Calibrations.Select(c => (c.Threshold, c.PredictedPixels)));
        Assert.Equal(reference.FrameScores.Select(s => (s.PredictedPixels, s.IntersectionPixels, s.TruthPixels)),
            fused.FrameScores.Select(s => (s.PredictedPixels, s.IntersectionPixels, s.TruthPixels)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PerFrameSweepEqualsNormalisingAndSorting(UpsampleMode mode, TieRule rule, MapKind kind)
    {
        var random = new Random(2000 + ((int)mode * 97) + ((int)rule * 13) + (int)kind);
        var localizations = Build(random, kind, 24);
        var options = new ScoreOptions { Policy = ThresholdPolicy.PerFrame, GridHeight = Height, GridWidth = Width, Upsample = mode, TieRule = rule };
        var fast = ScoreEvaluator.EvaluateFrames(localizations, options);
        var reference = ScoreEvaluator.EvaluateFrames(localizations, options with { ReferencePaths = true });
        for (var j = 0; j < localizations.Count; j++)
        {
            var grid = Upsampler.Upsample(localizations[j].Heatmap, Height, Width, mode);
            var truth = GroundTruthMask.Create(localizations[j].Frame, Height, Width).ToArray();
            // EZ-VSL's rule written out: v − min, then / max when max ≠ 0, in float32; τ = sorted[⌊N/2⌋].
            var minimum = grid.Min();
            var normalised = grid.Select(v => v - minimum).ToArray();
            var maximum = normalised.Max();
            if (maximum != 0)
            {
                normalised = normalised.Select(v => v / maximum).ToArray();
            }
            var sorted = normalised.ToArray();
            Array.Sort(sorted);
            var tau = sorted[sorted.Length / 2];
            var (p, i) = Count(normalised, truth, v => rule == TieRule.Above ? v > tau : v >= tau);
            foreach (var score in new[] { fast[j], reference[j] })
            {
                Assert.True((float)score.Threshold == tau, $"{kind} frame {j}: τ {score.Threshold:R}, expected {tau:R}");
                Assert.True((p, i) == (score.PredictedPixels, score.IntersectionPixels),
                    $"{kind} frame {j}: expected |P| {p}, |P∩G| {i}; got {score.PredictedPixels}, {score.IntersectionPixels}");
            }
        }
    }

    [Fact]
    public void PerFrameSweepTakesRandomMapsAndGivesTheFullGridsCounts()
    {
        var random = new Random(77);
        var sweep = new PerFrameSweep();
        var selector = new PerFrameThreshold();
        var engine = new UpsampleEngine();
        var mask = new MaskBuilder();
        foreach (var localization in Build(random, MapKind.Random, 30))
        {
            mask.Build(localization.Frame, Height, Width);
            engine.Prepare(localization.Heatmap, Height, Width, UpsampleMode.Bilinear);
            Assert.True(sweep.TryScore(engine, localization.Heatmap, Height, Width, TieRule.AtLeast, mask.RowStarts, mask.Spans, out var tau, out var predicted, out var intersection));
            var grid = Upsampler.Upsample(localization.Heatmap, Height, Width);
            var (expectedTau, threshold) = selector.Select(grid, TieRule.AtLeast);
            Assert.Equal(expectedTau, tau);
            var truth = GroundTruthMask.Create(localization.Frame, Height, Width).ToArray();
            Assert.Equal(Count(grid, truth, v => v >= threshold), (predicted, intersection));
        }
    }

    [Fact]
    public void FusedPassDeclinesOverItsBudgetAndTheRunIsTheSame()
    {
        var random = new Random(5);
        var localizations = Build(random, MapKind.MostlyZeros, 20);
        var options = new ScoreOptions { Policy = ThresholdPolicy.Global, TopFractions = new[] { 0.2 }, GridHeight = Height, GridWidth = Width };
        var indices = Enumerable.Range(0, localizations.Count).ToList();
        Assert.Null(FusedGlobalPass.TryRun(localizations, indices, options.FractionsToCalibrate, options, null, CancellationToken.None, null, entryBudget: 100));
        Assert.NotNull(FusedGlobalPass.TryRun(localizations, indices, options.FractionsToCalibrate, options, null, CancellationToken.None, null));
    }

    private static List<Localization> Build(Random random, MapKind kind, int count)
    {
        var result = new List<Localization>();
        for (var j = 0; j < count; j++)
        {
            var (h, w) = (random.Next(1, 9), random.Next(1, 9));
            if (j % 5 == 0)
            {
                (h, w) = (7, 7);
            }
            var values = new float[h * w];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = kind switch
                {
                    MapKind.Random => (float)((random.NextDouble() * 2) - 1) / 0.03f,
                    MapKind.MostlyZeros => random.NextDouble() < 0.8 ? 0f : (float)random.NextDouble(),
                    MapKind.SignedZeros => random.Next(3) switch { 0 => -0f, 1 => 0f, _ => 1f },
                    MapKind.FewLevels => random.Next(3) - 1,
                    _ => 2.5f,
                };
            }
            var instances = new List<AvatarInstance>();
            if (j % 7 == 3)
            {
                instances.Add(new AvatarInstance("x", AvatarScenario.OffScreen, null, Array.Empty<double[]>()));
            }
            else
            {
                for (var k = 0; k < 1 + random.Next(2); k++)
                {
                    var polygon = new double[8];
                    for (var v = 0; v < 4; v++)
                    {
                        polygon[v * 2] = (random.NextDouble() * 700) - 30;
                        polygon[(v * 2) + 1] = (random.NextDouble() * 400) - 20;
                    }
                    instances.Add(new AvatarInstance("x", AvatarScenario.SingleSound, null, new[] { polygon }));
                }
            }
            var frame = new AvatarFrame($"c{j:D7}_00000", j, 640, 360, instances, "", "", "", 25);
            result.Add(new Localization(frame, "m", new Heatmap(h, w, values)));
        }
        return result;
    }

    private static (int Predicted, int Intersection) Count(float[] grid, bool[,] truth, Func<float, bool> predicted)
    {
        var p = 0;
        var i = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                if (predicted(grid[(y * Width) + x]))
                {
                    p++;
                    i += truth[y, x] ? 1 : 0;
                }
            }
        }
        return (p, i);
    }

    private static int Count(bool[,] truth)
    {
        var count = 0;
        foreach (var inside in truth)
        {
            count += inside ? 1 : 0;
        }
        return count;
    }
}
