using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

public class ScoreMetricsTests
{
    [Fact]
    public void ComputesCIoU()
    {
        Assert.Equal(0.5, ScoreMetrics.CIoU(10, 5, 5));
        Assert.Equal(2.0 / 6, ScoreMetrics.CIoU(4, 4, 2));
        Assert.Equal(0.0, ScoreMetrics.CIoU(4, 3, 0));
        // Both empty: NaN in the reference code, 0 by the spec's decision.
        Assert.Equal(0.0, ScoreMetrics.CIoU(0, 0, 0));
        Assert.Equal(0.0, ScoreMetrics.CIoU(0, 7, 0));
    }

    [Fact]
    public void AucOfZeroHalfOne()
    {
        // s = 1 at t0; 2/3 for t1..t10 (t10 = 0.05·10 = 0.5 exactly); 1/3 for t11..t20 (t20 = 1.0 exactly).
        // Trapezoids of width 0.05: (1 + 2/3)/2 + 9·(2/3) + (2/3 + 1/3)/2 + 9·(1/3), times 0.05.
        var expected = 100 * 0.05 * (((1 + (2.0 / 3)) / 2) + (9 * 2.0 / 3) + 0.5 + (9 * 1.0 / 3));
        Assert.Equal(51.666666666666664, expected, 1e-12);
        Assert.Equal(expected, ScoreMetrics.AucPercent(new[] { 0.0, 0.5, 1.0 }), 1e-12);
        Assert.Equal(50.0, ScoreMetrics.MeanPercent(new[] { 0.0, 0.5, 1.0 }), 1e-12);
        Assert.Equal(100 * (2.0 / 3), ScoreMetrics.SuccessPercent(new[] { 0.0, 0.5, 1.0 }), 1e-12);
    }

    [Fact]
    public void ThresholdsAreTheDoubleProducts()
    {
        // 0.05 · 3 is one ulp above 0.15, so a cIoU of exactly 0.15 (= 3/20) is not ≥ t3.
        Assert.Equal(0.15000000000000002, 0.05 * 3);
        Assert.True(3.0 / 20 < ScoreMetrics.AucThresholds[3]);
        Assert.Equal(1.0, ScoreMetrics.AucThresholds[20]);
        // s = 1 at t0, t1, t2 and 0 from t3 on: 0.05 + 0.05 + 0.05/2 = 0.125 (it would be 0.175 if 0.15 ≥ t3).
        Assert.Equal(12.5, ScoreMetrics.AucPercent(new[] { 3.0 / 20 }), 1e-12);
        Assert.Equal(100.0, ScoreMetrics.AucPercent(new[] { 1.0 }), 1e-12);
        // A cIoU of 0 still counts at t0 = 0: one half trapezoid, 0.05/2.
        Assert.Equal(2.5, ScoreMetrics.AucPercent(new[] { 0.0 }), 1e-12);
    }

    [Fact]
    public void SuccessCountsAtOrAboveOneHalf()
    {
        Assert.Equal(100 * (2.0 / 3), ScoreMetrics.SuccessPercent(new[] { 0.49, 0.5, 0.7 }), 1e-12);
        Assert.True(double.IsNaN(ScoreMetrics.SuccessPercent(Array.Empty<double>())));
        Assert.True(double.IsNaN(ScoreMetrics.AucPercent(Array.Empty<double>())));
    }

    [Fact]
    public void SumsPairwiseLikeNumpy()
    {
        // 16 values: r_j = a_j + a_(8+j), then ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)).
        var values = new[] { 1e16, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1e16, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 };
        // r0 = 0 exactly and r1..r7 = 2: the pairwise result is 14, where a left-to-right sum gives 7 (1e16 + 1 = 1e16 seven times).
        Assert.Equal(14.0, ScoreMetrics.PairwiseSum(values, 0, values.Length));
        var naive = 0.0;
        foreach (var value in values)
        {
            naive += value;
        }
        Assert.Equal(7.0, naive);
        var many = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();
        Assert.Equal(500500.0, ScoreMetrics.PairwiseSum(many, 0, many.Length));
    }
}
