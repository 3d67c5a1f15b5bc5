using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

public class GlobalThresholdTests
{
    [Fact]
    public void SelectsFromTheSortedPoolByHand()
    {
        // Same-size upsampling is the identity. Pool {3, 1, 4, 2} sorted: 1 2 3 4 (M = 4).
        var maps = new[] { new Heatmap(1, 2, new[] { 3f, 1f }), new Heatmap(1, 2, new[] { 4f, 2f }) };
        // p = 0.25: index ⌊0.75·4⌋ = 3 → 4; p = 0.5: index 2 → 3; p = 0.1: ⌊3.6⌋ = 3 → 4; p = 0.9: ⌊0.4⌋ = 0 → 1.
        var taus = GlobalThreshold.Compute(maps, new[] { 0.25, 0.5, 0.1, 0.9 }, 1, 2);
        Assert.Equal(new[] { 4f, 3f, 4f, 1f }, taus);
    }

    [Fact]
    public void HandlesNegativesAndSignedZeros()
    {
        // Pool {−2, −0, 0, 5, −7, 1.5}: sorted −7 −2 0 0 1.5 5 (−0 equals 0).
        var maps = new[] { new Heatmap(1, 3, new[] { -2f, -0f, 0f }), new Heatmap(1, 3, new[] { 5f, -7f, 1.5f }) };
        // p = 0.5: index 3 → 0; p = 0.2: ⌊4.8⌋ = 4 → 1.5; p = 0.99: ⌊0.06⌋ = 0 → −7.
        var taus = GlobalThreshold.Compute(maps, new[] { 0.5, 0.2, 0.99 }, 1, 3);
        Assert.Equal(0f, taus[0]);
        Assert.Equal(1.5f, taus[1]);
        Assert.Equal(-7f, taus[2]);
    }

    private static void AssertMatchesFullSort(IReadOnlyList<Heatmap> maps, double[] fractions, int gridHeight, int gridWidth, UpsampleMode mode)
    {
        var pooled = maps.SelectMany(map => Upsampler.Upsample(map, gridHeight, gridWidth, mode)).ToArray();
        Array.Sort(pooled);
        var taus = GlobalThreshold.Compute(maps, fractions, gridHeight, gridWidth, mode);
        for (var f = 0; f < fractions.Length; f++)
        {
            var index = (long)Math.Floor((1 - fractions[f]) * pooled.Length);
            Assert.Equal(pooled[index], taus[f]);
        }
    }

    [Theory]
    [InlineData(UpsampleMode.Bilinear, 1)]
    [InlineData(UpsampleMode.Bicubic, 2)]
    [InlineData(UpsampleMode.BilinearAlignCorners, 3)]
    public void MatchesAFullSortOfRandomMaps(UpsampleMode mode, int seed)
    {
        var random = new Random(seed);
        var maps = Enumerable.Range(0, 60).Select(_ => new Heatmap(7, 7,
            Enumerable.Range(0, 49).Select(_ => (float)(random.NextDouble() * 40) - 20).ToArray())).ToList();
        AssertMatchesFullSort(maps, new[] { 0.10, 0.15, 0.20, 0.5, 0.999 }, 36, 64, mode);
    }

    [Fact]
    public void MatchesAFullSortWithManyTies()
    {
        var random = new Random(5);
        var maps = Enumerable.Range(0, 40).Select(_ => new Heatmap(4, 4,
            Enumerable.Range(0, 16).Select(_ => (float)random.Next(3)).ToArray())).ToList();
        // Same size as the grid: the pooled values are the raw values, three levels only.
        AssertMatchesFullSort(maps, new[] { 0.10, 0.15, 0.20, 0.7 }, 4, 4, UpsampleMode.Bilinear);
    }

    [Fact]
    public void StaysExactWhenTheSampleMisses()
    {
        // Maps of grid size (identity upsampling) whose large values sit only in even rows, which the sample of rows
        // 1, 3, 5, … never sees: the sampled bracket is wrong and the search must fall back to the full key range.
        var random = new Random(9);
        var maps = Enumerable.Range(0, 30).Select(_ =>
        {
            var values = new float[48 * 80];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (i / 80) % 2 == 0 ? 1000 + (float)random.NextDouble() : (float)random.NextDouble();
            }
            return new Heatmap(48, 80, values);
        }).ToList();
        AssertMatchesFullSort(maps, new[] { 0.10, 0.15, 0.20, 0.6 }, 48, 80, UpsampleMode.Bilinear);
    }
}
