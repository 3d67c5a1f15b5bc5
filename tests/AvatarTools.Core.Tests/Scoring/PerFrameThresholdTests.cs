using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The PerFrame policy against EZ-VSL's rule written out here: upsample, v ← v − min, v ← v / max (when max ≠ 0) in float32,
/// sort ascending, τ = value at index ⌊N/2⌋, P = {v ≥ τ} (or {v &gt; τ}).
/// </summary>
public sealed class PerFrameThresholdTests
{
    [Theory]
    [InlineData(TieRule.AtLeast)]
    [InlineData(TieRule.Above)]
    public void EqualsNormalisingAndSortingTheWholeGrid(TieRule rule)
    {
        var random = new Random(rule == TieRule.Above ? 11 : 12);
        const int Height = 360;
        const int Width = 640;
        for (var trial = 0; trial < 24; trial++)
        {
            var map = trial switch
            {
                0 => new Heatmap(7, 7, new float[49]),                                         // all zeros
                1 => new Heatmap(7, 7, Enumerable.Repeat(3.5f, 49).ToArray()),                // constant
                2 => new Heatmap(1, 1, new[] { -2f }),                                        // one value
                _ => RandomMap(random, 7 + (trial % 8), 7 + (trial % 5)),
            };
            var frame = new AvatarFrame("c_00000", trial, Width, Height,
                new[] { new AvatarInstance("x", AvatarScenario.SingleSound, null, new[] { new double[] { 100, 50, 500, 80, 300, 300 } }) }, "", "", "", 25);
            var grid = Upsampler.Upsample(map, Height, Width);
            var minimum = grid.Min();
            for (var i = 0; i < grid.Length; i++)
            {
                grid[i] -= minimum;
            }
            var maximum = grid.Max();
            if (maximum != 0)
            {
                for (var i = 0; i < grid.Length; i++)
                {
                    grid[i] /= maximum;
                }
            }
            var sorted = (float[])grid.Clone();
            Array.Sort(sorted);
            var tau = sorted[sorted.Length / 2];
            var truth = GroundTruthMask.Create(frame, Height, Width).ToArray();
            var expectedP = 0;
            var expectedI = 0;
            for (var i = 0; i < grid.Length; i++)
            {
                if (rule == TieRule.Above ? grid[i] > tau : grid[i] >= tau)
                {
                    expectedP++;
                    expectedI += truth[i / Width, i % Width] ? 1 : 0;
                }
            }
            var score = ScoreEvaluator.EvaluateFrames(new[] { new Localization(frame, "m", map) },
                new ScoreOptions { Policy = ThresholdPolicy.PerFrame, TieRule = rule })[0];
            Assert.Equal(tau, (float)score.Threshold);
            Assert.True((expectedP, expectedI) == (score.PredictedPixels, score.IntersectionPixels),
                $"trial {trial}: expected |P| {expectedP}, |P∩G| {expectedI}; got {score.PredictedPixels}, {score.IntersectionPixels}");
        }
    }

    [Fact]
    public void QuickSelectFindsEveryOrderStatistic()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 50; trial++)
        {
            var values = Enumerable.Range(0, 1 + random.Next(300)).Select(_ => (float)random.Next(-20, 20)).ToArray();
            var sorted = values.Order().ToArray();
            var k = random.Next(values.Length);
            Assert.Equal(sorted[k], PerFrameThreshold.QuickSelect(values.ToArray(), k));
        }
    }

    private static Heatmap RandomMap(Random random, int height, int width)
    {
        var values = new float[height * width];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(3) == 0 ? 0f : (float)(random.NextDouble() * 66.6 - 33.3);
        }
        return new Heatmap(height, width, values);
    }
}
