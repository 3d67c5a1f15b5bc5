using AvatarTools.Core.Heatmaps;
using Xunit;

namespace AvatarTools.Core.Tests.Heatmaps;

/// <summary>Interpolation in time between heatmaps, against values worked by hand.</summary>
public sealed class HeatmapInterpolationTests
{
    // 2 × 2 maps: a = [0 1; 2 3], b = [4 5; 6 7].
    private static readonly Heatmap A = new(2, 2, [0f, 1f, 2f, 3f]);
    private static readonly Heatmap B = new(2, 2, [4f, 5f, 6f, 7f]);

    [Fact]
    public void AQuarterOfTheWayIsThreeQuartersOfOnePlusAQuarterOfTheOther()
    {
        // 0.75·0 + 0.25·4 = 1, 0.75·1 + 0.25·5 = 2, 0.75·2 + 0.25·6 = 3, 0.75·3 + 0.25·7 = 4 (exact in binary).
        var map = Heatmap.Interpolate(A, B, 0.25);
        Assert.Equal(2, map.Height);
        Assert.Equal(2, map.Width);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, map.Values.ToArray());
    }

    [Fact]
    public void TheEndsAreTheMapsThemselves()
    {
        Assert.Equal(A.Values.ToArray(), Heatmap.Interpolate(A, B, 0).Values.ToArray());
        Assert.Equal(B.Values.ToArray(), Heatmap.Interpolate(A, B, 1).Values.ToArray());
    }

    [Fact]
    public void RoundsOnceToFloat()
    {
        // One third of the way from 0 to 1: the double 1/3 rounded once to float32.
        var map = Heatmap.Interpolate(new Heatmap(1, 1, [0f]), new Heatmap(1, 1, [1f]), 1.0 / 3);
        Assert.Equal((float)(1.0 / 3), map[0, 0]);
    }

    [Fact]
    public void RefusesMapsOfDifferentSizesAndWeightsOutsideZeroToOne()
    {
        var wide = new Heatmap(1, 4, [0f, 1f, 2f, 3f]);
        Assert.Throws<ArgumentException>(() => Heatmap.Interpolate(A, wide, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Heatmap.Interpolate(A, B, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Heatmap.Interpolate(A, B, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Heatmap.Interpolate(A, B, double.NaN));
    }

    [Fact]
    public void ASequenceIsInterpolatedBetweenTheTwoNearestSamples()
    {
        // Samples 0, 10, 20 (1 × 1 maps). Position 1.5 → 0.5·10 + 0.5·20 = 15; 0.25 → 0.75·0 + 0.25·10 = 2.5.
        var samples = new[] { new Heatmap(1, 1, [0f]), new Heatmap(1, 1, [10f]), new Heatmap(1, 1, [20f]) };
        Assert.Equal(15f, Heatmap.Interpolate(samples, 1.5)[0, 0]);
        Assert.Equal(2.5f, Heatmap.Interpolate(samples, 0.25)[0, 0]);
        // A whole position is that sample; outside the samples, the nearest end.
        Assert.Same(samples[1], Heatmap.Interpolate(samples, 1.0));
        Assert.Same(samples[0], Heatmap.Interpolate(samples, -3));
        Assert.Same(samples[0], Heatmap.Interpolate(samples, double.NaN));
        Assert.Same(samples[2], Heatmap.Interpolate(samples, 2));
        Assert.Same(samples[2], Heatmap.Interpolate(samples, 7.5));
        Assert.Throws<ArgumentException>(() => Heatmap.Interpolate(Array.Empty<Heatmap>(), 0));
    }
}
