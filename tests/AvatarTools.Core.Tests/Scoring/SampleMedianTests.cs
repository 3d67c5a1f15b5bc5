using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The image protocols' per-sample threshold (selection) against normalising and sorting written out: τ = np.sort(n)[N // 2]
/// with n = (v − min) / (max − min) in float32, and the pixels n ≥ τ (n &gt; τ) are exactly those with v ≥ T.
/// </summary>
public class SampleMedianTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var size in new[] { 50_176, 12_544, 1_000, 7 })
        {
            foreach (var kind in new[] { "uniform", "ties", "two values", "constant", "peaked", "negative" })
            {
                yield return new object[] { size, kind };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SelectsWhatSortingGives(int size, string kind)
    {
        var random = new Random(size + kind.Length);
        var grid = Enumerable.Range(0, size).Select(i => kind switch
        {
            "ties" => MathF.Round((float)random.NextDouble() * 20) / 20,
            "two values" => i % 3 == 0 ? 1f : 0f,
            "constant" => 0.25f,
            "peaked" => MathF.Pow((float)random.NextDouble(), 12) * 1e3f,
            "negative" => -5f - (float)random.NextDouble(),
            _ => (float)random.NextDouble(),
        }).ToArray();
        var min = grid.Min();
        var range = grid.Max() - min;
        var normalised = grid.Select(v => range != 0 ? (v - min) / range : v - min).ToArray();
        var sorted = (float[])normalised.Clone();
        Array.Sort(sorted);
        var tau = sorted[size / 2];
        var median = new SampleMedian();
        foreach (var rule in new[] { TieRule.AtLeast, TieRule.Above })
        {
            var (selected, raw) = median.Select(grid, rule);
            Assert.Equal(tau, selected);
            var expected = normalised.Count(v => rule == TieRule.Above ? v > tau : v >= tau);
            Assert.Equal(expected, grid.Count(v => v >= raw));
        }
    }

    [Fact]
    public void AGridWithNaNOrInfinityIsLeftToTheReference()
    {
        var median = new SampleMedian();
        Assert.True(float.IsNaN(median.Select(new[] { 1f, float.NaN, 0f }, TieRule.AtLeast).Normalised));
        Assert.True(float.IsNaN(median.Select(new[] { 1f, float.NegativeInfinity, 0f }, TieRule.AtLeast).RawAtLeast));
    }
}
