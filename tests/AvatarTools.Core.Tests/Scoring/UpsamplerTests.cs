using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

public class UpsamplerTests
{
    private static Heatmap RandomMap(int height, int width, int seed)
    {
        var random = new Random(seed);
        return new Heatmap(height, width, Enumerable.Range(0, height * width).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray());
    }

    /// <summary>Bilinear at a source coordinate already clamped to [0, n − 1].</summary>
    private static (int Low, int High, double Weight) Linear(double source, int size)
    {
        source = Math.Clamp(source, 0, size - 1);
        var low = (int)Math.Floor(source);
        return (low, Math.Min(low + 1, size - 1), source - low);
    }

    private static double Bilinear(Heatmap map, (int Low, int High, double Weight) ys, (int Low, int High, double Weight) xs) =>
        ((1 - ys.Weight) * (((1 - xs.Weight) * map[ys.Low, xs.Low]) + (xs.Weight * map[ys.Low, xs.High])))
        + (ys.Weight * (((1 - xs.Weight) * map[ys.High, xs.Low]) + (xs.Weight * map[ys.High, xs.High])));

    public static TheoryData<int, int, int, int> Sizes => new()
    {
        { 7, 7, 5, 9 },
        { 7, 7, 360, 640 },
        { 14, 14, 16, 16 },
        { 14, 14, 360, 640 },
        { 3, 5, 11, 4 },
        { 3, 5, 360, 640 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BilinearUsesHalfPixelCentres(int h, int w, int gridHeight, int gridWidth)
    {
        var map = RandomMap(h, w, h * 31 + w);
        var grid = Upsampler.Upsample(map, gridHeight, gridWidth, UpsampleMode.Bilinear);
        for (var y = 0; y < gridHeight; y++)
        {
            var ys = Linear(((y + 0.5) * h / gridHeight) - 0.5, h);
            for (var x = 0; x < gridWidth; x++)
            {
                var xs = Linear(((x + 0.5) * w / gridWidth) - 0.5, w);
                Assert.Equal(Bilinear(map, ys, xs), grid[(y * gridWidth) + x], 2e-6);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BilinearAlignCornersMapsCornersToCorners(int h, int w, int gridHeight, int gridWidth)
    {
        var map = RandomMap(h, w, h * 17 + w);
        var grid = Upsampler.Upsample(map, gridHeight, gridWidth, UpsampleMode.BilinearAlignCorners);
        for (var y = 0; y < gridHeight; y++)
        {
            var ys = Linear(y * (double)(h - 1) / (gridHeight - 1), h);
            for (var x = 0; x < gridWidth; x++)
            {
                var xs = Linear(x * (double)(w - 1) / (gridWidth - 1), w);
                Assert.Equal(Bilinear(map, ys, xs), grid[(y * gridWidth) + x], 2e-6);
            }
        }
        Assert.Equal(map[h - 1, w - 1], grid[^1], 1e-6);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BicubicIsKeysKernelWithClampedTaps(int h, int w, int gridHeight, int gridWidth)
    {
        // Keys' kernel, A = −0.75, half-pixel centres, taps clamped to the border: the formula OpenCV's INTER_CUBIC
        // and torch's bicubic share (each rounds it in float its own way; ResizeOracleTests holds it to OpenCV).
        const double A = -0.75;
        static double Inner(double x) => ((((A + 2) * x) - (A + 3)) * x * x) + 1;
        static double Outer(double x) => ((((A * x) - (5 * A)) * x) + (8 * A)) * x - (4 * A);
        static double[] Coefficients(double t) => new[] { Outer(t + 1), Inner(t), Inner(1 - t), Outer(2 - t) };

        var map = RandomMap(h, w, h * 7 + w);
        var grid = Upsampler.Upsample(map, gridHeight, gridWidth, UpsampleMode.Bicubic);
        var stepY = Math.Max(1, gridHeight / 40);
        var stepX = Math.Max(1, gridWidth / 60);
        for (var y = 0; y < gridHeight; y += stepY)
        {
            var sy = ((y + 0.5) * h / gridHeight) - 0.5;
            var iy = (int)Math.Floor(sy);
            var cy = Coefficients(sy - iy);
            for (var x = 0; x < gridWidth; x += stepX)
            {
                var sx = ((x + 0.5) * w / gridWidth) - 0.5;
                var ix = (int)Math.Floor(sx);
                var cx = Coefficients(sx - ix);
                var expected = 0.0;
                for (var m = 0; m < 4; m++)
                {
                    for (var n = 0; n < 4; n++)
                    {
                        expected += cy[m] * cx[n] * map[Math.Clamp(iy - 1 + m, 0, h - 1), Math.Clamp(ix - 1 + n, 0, w - 1)];
                    }
                }
                Assert.Equal(expected, grid[(y * gridWidth) + x], 2e-6);
            }
        }
    }

    [Fact]
    public void HandExample()
    {
        // [0, 1] to width 4: src = (x + 0.5)/2 − 0.5 = −0.25, 0.25, 0.75, 1.25 → clamped 0, 0.25, 0.75, 1.
        var grid = Upsampler.Upsample(new Heatmap(1, 2, new[] { 0f, 1f }), 1, 4);
        Assert.Equal(new[] { 0f, 0.25f, 0.75f, 1f }, grid);
        // Same size is the identity in both bilinear modes.
        var map = RandomMap(3, 5, 1);
        Assert.Equal(map.Values.ToArray(), Upsampler.Upsample(map, 3, 5));
        Assert.Equal(map.Values.ToArray(), Upsampler.Upsample(map, 3, 5, UpsampleMode.BilinearAlignCorners));
    }
}
