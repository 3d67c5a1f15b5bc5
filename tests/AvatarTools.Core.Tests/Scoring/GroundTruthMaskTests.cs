using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

public class GroundTruthMaskTests
{
    private static HashSet<(int X, int Y)> Pixels(GroundTruthMask mask)
    {
        var set = new HashSet<(int, int)>();
        var array = mask.ToArray();
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                if (array[y, x])
                {
                    set.Add((x, y));
                }
            }
        }
        return set;
    }

    private static GroundTruthMask Fill(int width, int height, params double[][] polygons) =>
        GroundTruthMask.FromPolygons(polygons, width, height, height, width);

    [Fact]
    public void FillsARightTriangleWithItsBoundary()
    {
        // (1,1), (8,1), (1,8): fillPoly fills rows 1..7 from ⌈x_left⌉ = 1 to ⌊x_right⌋ = 8 − (y − 1) = 9 − y, and the
        // hypotenuse line adds (1, 8): every (x, y) with 1 ≤ y ≤ 8 and 1 ≤ x ≤ 9 − y; 8 + 7 + … + 1 = 36 pixels.
        // (Agrees with cv2.fillPoly. An earlier derivation here read the span end as ⌊x_right + ½⌋, OpenCV before its
        // 4.x fill; the count is the same only because every edge crosses these rows at whole x.)
        var mask = Fill(10, 10, new double[] { 1, 1, 8, 1, 1, 8 });
        var expected = new HashSet<(int, int)>();
        for (var y = 1; y <= 8; y++)
        {
            for (var x = 1; x <= 9 - y; x++)
            {
                expected.Add((x, y));
            }
        }
        Assert.Equal(36, mask.PixelCount);
        Assert.Equal(expected, Pixels(mask));
    }

    [Fact]
    public void AddsTheBresenhamPixelsOfShallowEdges()
    {
        // (0,0), (6,0), (0,3). Scanline fill from ⌈x_left⌉ to ⌊x_right⌋: y = 0 → x 0..6, y = 1 → ⌊6 − 2⌋ = 4,
        // y = 2 → 2; y = 3 is the bottom row (edges are half-open). Agrees with cv2.fillPoly (the earlier ⌊x + ½⌋
        // reading gave the same numbers here, the crossings being whole). The 8-connected line from (0,3) to (6,0) (err = dx − 2dy = 0, steps ±) visits
        // (0,3) (1,3) (2,2) (3,2) (4,1) (5,1) (6,0), which widens rows 1, 2 by one pixel and fills row 3's x 0..1.
        var mask = Fill(10, 10, new double[] { 0, 0, 6, 0, 0, 3 });
        var expected = new HashSet<(int, int)>();
        foreach (var (y, last) in new[] { (0, 6), (1, 5), (2, 3), (3, 1) })
        {
            for (var x = 0; x <= last; x++)
            {
                expected.Add((x, y));
            }
        }
        Assert.Equal(expected, Pixels(mask));
        Assert.Equal(19, mask.PixelCount);
    }

    [Fact]
    public void EndsSpansAtTheFloorOfTheRightEdge()
    {
        // The triangle (100,200) (160,320) (40,320) scaled by 1/30: (2,0) (4,4) (0,4) in 6 × 6. Edges run
        // x = 2 ± y/2; rows 0..3 are filled from ⌈2 − y/2⌉ to ⌊2 + y/2⌋: {2}, {2}, {1..3}, {1..3}. The 8-connected
        // lines add (1,1) and (0,3) on the left (Bresenham from (0,4) up to (2,0)) and draw the base y = 4, x 0..4:
        // 1 + 2 + 3 + 4 + 5 = 15 pixels, as cv2.fillPoly gives. Rounding the right end half up instead (⌊x + ½⌋, the
        // old port) adds (3,1) and (4,3): 17, the same error as its 7441 against OpenCV's 7381 at full size.
        var mask = Fill(6, 6, new double[] { 2, 0, 4, 4, 0, 4 });
        var expected = new HashSet<(int, int)>();
        foreach (var (y, first, last) in new[] { (0, 2, 2), (1, 1, 2), (2, 1, 3), (3, 0, 3), (4, 0, 4) })
        {
            for (var x = first; x <= last; x++)
            {
                expected.Add((x, y));
            }
        }
        Assert.Equal(expected, Pixels(mask));
        Assert.Equal(15, mask.PixelCount);
    }

    [Fact]
    public void TruncatesVerticesAndIncludesTheBoundaryOfRectangles()
    {
        // Truncated to (2,2), (5,2), (5,4), (2,4): x 2..5 × y 2..4 = 12 pixels.
        var mask = Fill(8, 8, new[] { 2.9, 2.2, 5.99, 2.0, 5.5, 4.7, 2.0, 4.1 });
        Assert.Equal(12, mask.PixelCount);
        Assert.True(mask[2, 2]);
        Assert.True(mask[4, 5]);
        Assert.False(mask[5, 5]);
        Assert.False(mask[4, 6]);
    }

    [Fact]
    public void OrsSeveralPolygons()
    {
        // Squares x 0..3 × y 0..3 (16) and x 2..5 × y 2..5 (16) overlap in x 2..3 × y 2..3 (4): 28 pixels.
        var mask = Fill(8, 8, new double[] { 0, 0, 3, 0, 3, 3, 0, 3 }, new double[] { 2, 2, 5, 2, 5, 5, 2, 5 });
        Assert.Equal(28, mask.PixelCount);
    }

    [Fact]
    public void ClipsPolygonsThatLeaveTheImage()
    {
        var mask = Fill(10, 6, new double[] { -5, -5, 20, -5, 20, 20, -5, 20 });
        Assert.Equal(60, mask.PixelCount);
        var edge = Fill(10, 6, new double[] { 5, 0, 10, 0, 10, 6, 5, 6 });
        Assert.Equal(30, edge.PixelCount);
    }

    [Fact]
    public void DegeneratePolygonsDrawTheirPoints()
    {
        Assert.Equal(1, Fill(5, 5, new double[] { 2, 3 }).PixelCount);
        Assert.Equal(4, Fill(5, 5, new double[] { 0, 1, 3, 1 }).PixelCount);
        Assert.Equal(0, Fill(5, 5).PixelCount);
    }

    [Theory]
    [InlineData(20, 10, 10, 5)]
    [InlineData(4, 3, 7, 9)]
    [InlineData(13, 11, 6, 17)]
    public void ResamplesByNearestPixelCentre(int width, int height, int gridHeight, int gridWidth)
    {
        var polygon = new double[] { 1, 1, width - 2, 2, width / 2.0, height - 1 };
        var original = GroundTruthMask.FromPolygons(new[] { polygon }, width, height, height, width).ToArray();
        var resized = GroundTruthMask.FromPolygons(new[] { polygon }, width, height, gridHeight, gridWidth);
        var count = 0;
        for (var y = 0; y < gridHeight; y++)
        {
            for (var x = 0; x < gridWidth; x++)
            {
                var sourceY = (int)Math.Floor((y + 0.5) * height / gridHeight);
                var sourceX = (int)Math.Floor((x + 0.5) * width / gridWidth);
                Assert.Equal(original[sourceY, sourceX], resized[y, x]);
                count += original[sourceY, sourceX] ? 1 : 0;
            }
        }
        Assert.Equal(count, resized.PixelCount);
    }

    /// <summary>
    /// One builder reused across originals of alternating sizes (its raster buffer kept, not reallocated) gives each frame the
    /// mask a fresh builder gives: nothing of a larger frame's raster leaks into a smaller one's, nor the other way round.
    /// </summary>
    [Fact]
    public void AReusedBuilderAcrossOriginalSizesEqualsAFreshOne()
    {
        var random = new Random(3);
        var reused = new MaskBuilder();
        var sizes = new[] { (640, 360), (320, 180), (1280, 720), (480, 360), (320, 180), (640, 360), (7, 5) };
        foreach (var (width, height) in sizes.Concat(sizes.Reverse()))
        {
            var polygons = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Enumerable.Range(0, 2 * (3 + random.Next(6)))
                .Select(i => (random.NextDouble() * 1.4 - 0.2) * (i % 2 == 0 ? width : height)).ToArray()).ToArray();
            reused.Build(polygons, width, height, 360, 640);
            var expected = GroundTruthMask.FromPolygons(polygons, width, height, 360, 640);
            var actual = reused.ToMask();
            Assert.True(expected.PixelCount > 0, $"{width} x {height}: an empty mask tests nothing");
            Assert.Equal(expected.PixelCount, actual.PixelCount);
            Assert.Equal(Pixels(expected), Pixels(actual));
        }
    }
}
