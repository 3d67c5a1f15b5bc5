using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The counting of the per-frame step against the definition: upsample the whole grid, then count v ≥ τ (or v &gt; τ)
/// over the grid and over G, pixel by pixel, at thresholds that tie with grid values and beyond both ends.
/// </summary>
public sealed class FrameCountingTests
{
    public static TheoryData<UpsampleMode, TieRule, int> Cases()
    {
        var data = new TheoryData<UpsampleMode, TieRule, int>();
        foreach (var mode in Enum.GetValues<UpsampleMode>())
        {
            foreach (var rule in Enum.GetValues<TieRule>())
            {
                data.Add(mode, rule, 7);
                data.Add(mode, rule, 14);
                data.Add(mode, rule, 3);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CountsExactlyWhatTheFullGridHolds(UpsampleMode mode, TieRule rule, int size)
    {
        var random = new Random(size * 31 + (int)mode * 7 + (int)rule);
        const int Height = 90;
        const int Width = 161; // a last block narrower than 16 columns, and rows that are not whole vectors
        for (var trial = 0; trial < 40; trial++)
        {
            var map = RandomMap(random, size, size + (trial % 3));
            var grid = Upsampler.Upsample(map, Height, Width, mode);
            var polygon = new double[] { random.Next(Width), random.Next(Height), random.Next(Width), random.Next(Height), random.Next(Width), random.Next(Height) };
            var frame = new AvatarFrame("c_00000", trial, Width, Height,
                new[] { new AvatarInstance("x", AvatarScenario.SingleSound, null, new[] { polygon }) }, "", "", "", 25);
            var truth = GroundTruthMask.Create(frame, Height, Width).ToArray();
            // Thresholds on grid values themselves (ties), between them, and beyond both ends.
            var thresholds = new[]
            {
                grid[random.Next(grid.Length)], grid[random.Next(grid.Length)], (float)(random.NextDouble() * 4 - 2),
                grid.Min() - 1, grid.Max() + 1, grid.Max(), grid.Min(),
            };
            var scores = ScoreEvaluator.EvaluateFrames(new[] { new Localization(frame, "m", map) },
                new ScoreOptions { Policy = ThresholdPolicy.Fixed, GridHeight = Height, GridWidth = Width, Upsample = mode, TieRule = rule, Value = 0 });
            foreach (var tau in thresholds)
            {
                var expectedP = 0;
                var expectedI = 0;
                for (var y = 0; y < Height; y++)
                {
                    for (var x = 0; x < Width; x++)
                    {
                        var v = grid[(y * Width) + x];
                        var predicted = rule == TieRule.Above ? v > tau : v >= tau;
                        if (predicted)
                        {
                            expectedP++;
                            if (truth[y, x])
                            {
                                expectedI++;
                            }
                        }
                    }
                }
                var run = ScoreEvaluator.EvaluateFrames(new[] { new Localization(frame, "m", map) },
                    new ScoreOptions { Policy = ThresholdPolicy.Fixed, GridHeight = Height, GridWidth = Width, Upsample = mode, TieRule = rule, Value = tau })[0];
                Assert.True((expectedP, expectedI) == (run.PredictedPixels, run.IntersectionPixels),
                    $"{mode} {rule} {size}: trial {trial} tau {tau:R}: expected |P| {expectedP}, |P∩G| {expectedI}; got {run.PredictedPixels}, {run.IntersectionPixels}");
            }
            Assert.Single(scores);
        }
    }

    [Fact]
    public void TheBlockBoundsHoldEveryComputedValueAndRangesEqualWholeRows()
    {
        var random = new Random(5);
        foreach (var mode in Enum.GetValues<UpsampleMode>())
        {
            for (var trial = 0; trial < 30; trial++)
            {
                var map = RandomMap(random, 1 + random.Next(15), 1 + random.Next(15));
                var height = 20 + random.Next(200);
                var width = 20 + random.Next(300);
                var grid = Upsampler.Upsample(map, height, width, mode);
                var engine = new UpsampleEngine();
                engine.Prepare(map, height, width, mode);
                engine.PrepareBlocks(map.Height);
                var lower = new float[engine.Blocks];
                var upper = new float[engine.Blocks];
                var range = new float[width];
                for (var y = 0; y < height; y++)
                {
                    engine.RowBounds(y, lower, upper);
                    for (var x = 0; x < width; x++)
                    {
                        var b = x / UpsampleEngine.BlockWidth;
                        var v = grid[(y * width) + x];
                        Assert.True(lower[b] <= v && v <= upper[b], $"{mode} ({y}, {x}): {v:R} outside [{lower[b]:R}, {upper[b]:R}]");
                    }
                    var start = random.Next(width);
                    var end = start + random.Next(width - start + 1);
                    engine.ComputeRange(y, start, end, range);
                    for (var x = start; x < end; x++)
                    {
                        Assert.Equal(BitConverter.SingleToInt32Bits(grid[(y * width) + x]), BitConverter.SingleToInt32Bits(range[x]));
                    }
                }
            }
        }
    }

    /// <summary>Random values with plateaus (exact zeros, repeated values) and large magnitudes, as real maps have.</summary>
    private static Heatmap RandomMap(Random random, int height, int width)
    {
        var values = new float[height * width];
        var scale = random.Next(3) switch { 0 => 1f, 1 => 33.3f, _ => 1e6f };
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(4) == 0 ? 0f : (float)((random.NextDouble() * 2) - 1) * scale;
        }
        return new Heatmap(height, width, values);
    }
}
