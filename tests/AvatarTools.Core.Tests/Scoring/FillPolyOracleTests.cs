using System.Globalization;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Scoring;
using OpenCvSharp;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The ground truth against OpenCV itself: for every frame, <c>cv2.fillPoly(mask, [np.int32(polygon)], 1)</c> once per
/// polygon of every on-screen instance at the frame's original size, then the spec's nearest sampling of pixel centres
/// (src = ⌊(dst + ½)·source / grid⌋, written out in <see cref="OpenCvOracle.CentreIndices"/>) to the 360 × 640 grid,
/// compared pixel for pixel with <see cref="GroundTruthMask.Create"/>.
/// </summary>
public class FillPolyOracleTests
{
    private const int GridHeight = 360;
    private const int GridWidth = 640;

    // 6 sizes × 8 kinds × 450 = 21,600 polygons.
    private const int PolygonsPerCase = 450;

    public enum PolygonKind
    {
        Convex,
        Concave,
        SelfIntersecting,
        Sliver,
        PartlyOutside,
        WhollyOutside,
        Huge,
        Contour,
    }

    public static TheoryData<int, int, PolygonKind> Cases
    {
        get
        {
            var data = new TheoryData<int, int, PolygonKind>();
            foreach (var (width, height) in new[] { (640, 360), (1280, 720), (1920, 1080), (480, 270), (854, 480), (360, 640) })
            {
                foreach (var kind in Enum.GetValues<PolygonKind>())
                {
                    data.Add(width, height, kind);
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GroundTruthEqualsFillPoly(int width, int height, PolygonKind kind)
    {
        var random = new Random((width * 7919) + (height * 31) + (int)kind);
        var oracle = new GridOracle(width, height);
        var polygons = 0;
        while (polygons < PolygonsPerCase)
        {
            var frame = RandomFrame(random, kind, width, height);
            var onScreen = frame.Instances.Where(instance => instance.IsOnScreen).SelectMany(instance => instance.Polygons).ToList();
            polygons += onScreen.Count;
            oracle.AssertEqual(GroundTruthMask.Create(frame, GridHeight, GridWidth), onScreen);
        }
    }

    [Fact]
    public void IssueExamplesEqualFillPoly()
    {
        // Counts from cv2.fillPoly (OpenCV 4.6 in Python; OpenCV 4.13 here): the old port gave 7441 and 2589.
        var triangle = new[] { 100.0, 200, 160, 320, 40, 320 };
        var quad = new[] { 600.7, 300.2, 700, 310, 690.4, 400.9, 590.1, 380.5 };
        var oracle = new GridOracle(640, 360);
        var triangleMask = GroundTruthMask.FromPolygons(new[] { triangle }, 640, 360, GridHeight, GridWidth);
        var quadMask = GroundTruthMask.FromPolygons(new[] { quad }, 640, 360, GridHeight, GridWidth);
        oracle.AssertEqual(triangleMask, new[] { triangle });
        oracle.AssertEqual(quadMask, new[] { quad });
        Assert.Equal(7381, triangleMask.PixelCount);
        Assert.Equal(2560, quadMask.PixelCount);
    }

    [Theory]
    [InlineData(1e308)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(3e9)]
    [InlineData(2147483648.0)]
    public void ASquareBeyondInt32CoversTheWholeImage(double extent)
    {
        // Saturated to int32, the square is (−2³¹, −2³¹) … (2³¹ − 1, 2³¹ − 1), and OpenCV 4.13's fillPoly of that square
        // fills all 640 × 360 pixels (checked once by hand with OpenCvSharp; it is not run here because OpenCV walks
        // the 2³¹ rows above the image one by one, about 23 s). The old port overflowed and gave 360 pixels.
        var square = new[] { -extent, -extent, extent, -extent, extent, extent, -extent, extent };
        Assert.Equal(640 * 360, GroundTruthMask.FromPolygons(new[] { square }, 640, 360, GridHeight, GridWidth).PixelCount);
        Assert.Equal(1280 * 720, GroundTruthMask.FromPolygons(new[] { square }, 1280, 720, 720, 1280).PixelCount);
    }

    [Fact]
    public void SaturatedVerticesEqualFillPolyOfTheSaturatedPoints()
    {
        // The same saturation against OpenCV where it is quick: x at ±1e308 (±2³¹), y beyond int32 below the image
        // only (rows above the image cost OpenCV one step each).
        var oracle = new GridOracle(640, 360);
        var cases = new[]
        {
            new[] { -1e308, -5000.5, 1e308, -5000.5, 1e308, 1e308, -1e308, 1e308 },
            new[] { -1e308, 100.5, 2147483647.9, 50, 300, 1e12 },
            new[] { 320.0, -40000, 1e308, 200, 320, double.PositiveInfinity, double.NegativeInfinity, 180 },
            new[] { -2147483648.9, 10, 2147483647.0, 11, 2147483647.0, 300, -2147483649.0, 301 },
            new[] { 10.0, -60000, 11, 3e9, 12, -60000 },
        };
        foreach (var polygon in cases)
        {
            oracle.AssertEqual(GroundTruthMask.FromPolygons(new[] { polygon }, 640, 360, GridHeight, GridWidth), new[] { polygon });
        }
        Assert.Equal(640 * 360, GroundTruthMask.FromPolygons(new[] { cases[0] }, 640, 360, GridHeight, GridWidth).PixelCount);
    }

    [Fact]
    public void FollowsOpenCvWhereItsOwnArithmeticWraps()
    {
        // (−2³¹, −2³¹), (2³¹ − 1, 2³¹ − 1), (−2³¹, 2³¹ − 1) spans 2³² − 1 rows: OpenCV's 32-bit row count wraps, its
        // bounding test then sees the polygon left of the image and it draws only the edges (the diagonal, 360 pixels).
        // The port does OpenCV's arithmetic, wrap included.
        var triangle = new[] { -1e308, -1e308, 1e308, 1e308, -1e308, 1e308 };
        var mask = GroundTruthMask.FromPolygons(new[] { triangle }, 640, 360, GridHeight, GridWidth);
        new GridOracle(640, 360).AssertEqual(mask, new[] { triangle });
        Assert.Equal(360, mask.PixelCount);
    }

    [Fact]
    public void NaNCoordinatesAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            GroundTruthMask.FromPolygons(new[] { new[] { 1.0, 1, double.NaN, 5, 5, 5 } }, 640, 360, GridHeight, GridWidth));
        Assert.Contains("NaN", error.Message);
    }

    private static AvatarFrame RandomFrame(Random random, PolygonKind kind, int width, int height)
    {
        var instances = new List<AvatarInstance>();
        var count = random.Next(1, 4);
        var scenarios = new[] { AvatarScenario.SingleSound, AvatarScenario.MixedSound, AvatarScenario.MultiEntity };
        for (var i = 0; i < count; i++)
        {
            var polygons = kind == PolygonKind.Contour
                ? BlobContours(random, width, height)
                : Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomPolygon(random, kind, width, height)).ToList();
            instances.Add(new AvatarInstance("thing", scenarios[random.Next(scenarios.Length)], null, polygons));
        }
        if (random.Next(8) == 0)
        {
            // An Off-Screen instance's polygons are never ground truth.
            instances.Add(new AvatarInstance("voice", AvatarScenario.OffScreen, null, new[] { RandomPolygon(random, PolygonKind.Convex, width, height) }));
        }
        return new AvatarFrame("clip_00000", 0, width, height, instances, "", "", "", null);
    }

    private static double Uniform(Random random, double low, double high) => low + (random.NextDouble() * (high - low));

    /// <summary>Vertices at angles around a centre with radii drawn by <paramref name="radius"/> (sorted angles: simple).</summary>
    private static double[] Radial(Random random, int vertices, double centreX, double centreY, Func<double> radius, double aspect, bool sortAngles)
    {
        var angles = Enumerable.Range(0, vertices).Select(_ => Uniform(random, 0, 2 * Math.PI)).ToArray();
        if (sortAngles)
        {
            Array.Sort(angles);
        }
        var polygon = new double[vertices * 2];
        for (var i = 0; i < vertices; i++)
        {
            var r = radius();
            polygon[2 * i] = centreX + (r * Math.Cos(angles[i]));
            polygon[(2 * i) + 1] = centreY + (r * aspect * Math.Sin(angles[i]));
        }
        return polygon;
    }

    private static double[] RandomPolygon(Random random, PolygonKind kind, int width, int height)
    {
        var size = Math.Min(width, height);
        switch (kind)
        {
            case PolygonKind.Convex:
            {
                var r = Uniform(random, 0.5, size / 3.0);
                return Radial(random, random.Next(3, 13), Uniform(random, 0, width), Uniform(random, 0, height), () => r, Uniform(random, 0.3, 1.5), true);
            }
            case PolygonKind.Concave:
            {
                var r = Uniform(random, 2, size / 2.5);
                return Radial(random, random.Next(5, 41), Uniform(random, 0, width), Uniform(random, 0, height), () => r * Uniform(random, 0.15, 1), Uniform(random, 0.5, 1.5), true);
            }
            case PolygonKind.SelfIntersecting:
            {
                if (random.Next(3) == 0)
                {
                    // A bow-tie: (a, b), (c, d), (c, b), (a, d).
                    double a = Uniform(random, 0, width), b = Uniform(random, 0, height), c = Uniform(random, 0, width), d = Uniform(random, 0, height);
                    return new[] { a, b, c, d, c, b, a, d };
                }
                var r = Uniform(random, 3, size / 2.0);
                return Radial(random, random.Next(4, 13), Uniform(random, 0, width), Uniform(random, 0, height), () => r * Uniform(random, 0.1, 1), 1, false);
            }
            case PolygonKind.Sliver:
                return Sliver(random, width, height);
            case PolygonKind.PartlyOutside:
            {
                var onEdge = random.Next(2) == 0;
                var x = onEdge ? (random.Next(2) == 0 ? 0 : width) + Uniform(random, -20, 20) : Uniform(random, -0.2 * width, 1.2 * width);
                var y = onEdge ? Uniform(random, 0, height) : (random.Next(2) == 0 ? 0 : height) + Uniform(random, -20, 20);
                var r = Uniform(random, 5, size * 1.2);
                return Radial(random, random.Next(3, 25), x, y, () => r * Uniform(random, 0.3, 1), Uniform(random, 0.5, 2), random.Next(4) != 0);
            }
            case PolygonKind.WhollyOutside:
            {
                var r = Uniform(random, 1, size / 2.0);
                if (random.Next(5) == 0)
                {
                    // Around the whole image.
                    var margin = Uniform(random, 0, 50);
                    return new[] { -margin, -margin, width + margin, -margin - 3, width + margin, height + margin, -margin + 0.5, height + margin };
                }
                // Beyond one side or corner, at any distance.
                var side = random.Next(8);
                var distance = r + Uniform(random, 0, random.Next(2) == 0 ? 30 : 5000);
                var x = side is 0 or 4 or 5 ? -distance : side is 1 or 6 or 7 ? width + distance : Uniform(random, 0, width);
                var y = side is 2 or 4 or 6 ? -distance : side is 3 or 5 or 7 ? height + distance : Uniform(random, 0, height);
                return Radial(random, random.Next(3, 16), x, y, () => r * Uniform(random, 0.2, 1), 1, random.Next(3) != 0);
            }
            case PolygonKind.Huge:
                return Huge(random, width, height);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static double[] Sliver(Random random, int width, int height)
    {
        double x0 = Uniform(random, -10, width + 10), y0 = Uniform(random, -10, height + 10);
        switch (random.Next(5))
        {
            case 0:
            {
                // Nearly collinear points: a sliver thinner than a pixel, at any angle.
                double x1 = Uniform(random, -10, width + 10), y1 = Uniform(random, -10, height + 10);
                var vertices = random.Next(3, 7);
                var polygon = new double[vertices * 2];
                for (var i = 0; i < vertices; i++)
                {
                    var t = i == 0 ? 0 : i == 1 ? 1 : random.NextDouble();
                    polygon[2 * i] = x0 + (t * (x1 - x0)) + Uniform(random, -0.8, 0.8);
                    polygon[(2 * i) + 1] = y0 + (t * (y1 - y0)) + Uniform(random, -0.8, 0.8);
                }
                return polygon;
            }
            case 1:
                // Horizontal or vertical lines, as polygons of two to four points.
                return random.Next(2) == 0
                    ? new[] { x0, y0, x0 + Uniform(random, -300, 300), y0 + Uniform(random, -0.9, 0.9) }
                    : new[] { x0, y0, x0 + Uniform(random, -0.9, 0.9), y0 + Uniform(random, -300, 300), x0, y0 + 1.5 };
            case 2:
                // One point, or the same point repeated.
                return Enumerable.Repeat(new[] { x0, y0 }, random.Next(1, 4)).SelectMany(point => point).ToArray();
            case 3:
            {
                // A thin wedge: two long edges one pixel apart at the far end.
                double length = Uniform(random, 5, 400), angle = Uniform(random, 0, 2 * Math.PI);
                double x1 = x0 + (length * Math.Cos(angle)), y1 = y0 + (length * Math.Sin(angle));
                return new[] { x0, y0, x1, y1, x1 + Uniform(random, -1, 1), y1 + Uniform(random, -1, 1) };
            }
            default:
            {
                // A one-pixel-high strip.
                var w = Uniform(random, 1, 200);
                return new[] { x0, y0, x0 + w, y0, x0 + w, y0 + Uniform(random, 0, 1.5), x0, y0 + Uniform(random, 0, 1.5) };
            }
        }
    }

    private static double[] Huge(Random random, int width, int height)
    {
        // Some vertices at very large or int32-boundary magnitudes (saturated), the others in or near the image. Only y
        // beyond the bottom is unbounded: OpenCV walks the rows above the image one by one, so y stays ≥ −65,536.
        var magnitudes = new[] { 1e5, 1e7, 2147483647.0, 2147483647.9, 2147483648.0, 1e10, 1e20, 1e308, double.PositiveInfinity };
        var vertices = random.Next(3, 9);
        var polygon = new double[vertices * 2];
        for (var i = 0; i < vertices; i++)
        {
            var x = Uniform(random, -0.5 * width, 1.5 * width);
            var y = Uniform(random, -0.5 * height, 1.5 * height);
            if (random.Next(2) == 0)
            {
                var magnitude = magnitudes[random.Next(magnitudes.Length)];
                switch (random.Next(3))
                {
                    case 0:
                        x = random.Next(2) == 0 ? magnitude : -magnitude;
                        break;
                    case 1:
                        y = random.Next(2) == 0 ? magnitude : -Math.Min(magnitude, Uniform(random, 100, 65536));
                        break;
                    default:
                        x = random.Next(2) == 0 ? magnitude : -magnitude;
                        y = magnitude;
                        break;
                }
            }
            polygon[2 * i] = x;
            polygon[(2 * i) + 1] = y;
        }
        return polygon;
    }

    /// <summary>
    /// Polygons as SAM-made annotations look: the contours (<c>Cv2.FindContours</c>) of a random blob of ellipses,
    /// thinned to 40–400 vertices, with sub-pixel offsets.
    /// </summary>
    private static List<double[]> BlobContours(Random random, int width, int height)
    {
        var size = Math.Min(width, height);
        using var blob = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        double centreX = Uniform(random, 0.1 * width, 0.9 * width), centreY = Uniform(random, 0.1 * height, 0.9 * height);
        var spread = size * Uniform(random, 0.05, 0.3);
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var centre = new Point((int)(centreX + Uniform(random, -spread, spread)), (int)(centreY + Uniform(random, -spread, spread)));
            var axes = new Size((int)Uniform(random, size * 0.03, spread + 10), (int)Uniform(random, size * 0.03, spread + 10));
            Cv2.Ellipse(blob, centre, axes, random.Next(180), 0, 360, Scalar.All(255), -1);
        }
        if (random.Next(3) == 0)
        {
            // A hole, so that some instances have an inner contour too.
            Cv2.Circle(blob, new Point((int)centreX, (int)centreY), (int)Uniform(random, 2, spread / 3 + 3), Scalar.All(0), -1);
        }
        Cv2.FindContours(blob, out Point[][] contours, out _, RetrievalModes.List, ContourApproximationModes.ApproxNone);
        var polygons = new List<double[]>();
        foreach (var contour in contours)
        {
            var target = random.Next(40, 401);
            var step = Math.Max(1, contour.Length / target);
            var points = contour.Where((_, index) => index % step == 0).ToArray();
            var polygon = new double[points.Length * 2];
            for (var i = 0; i < points.Length; i++)
            {
                polygon[2 * i] = points[i].X + random.NextDouble();
                polygon[(2 * i) + 1] = points[i].Y + random.NextDouble();
            }
            polygons.Add(polygon);
        }
        return polygons;
    }

    /// <summary>OpenCV's mask of the polygons, sampled to the grid, against a <see cref="GroundTruthMask"/>, row by row.</summary>
    private sealed class GridOracle
    {
        private readonly int _width;
        private readonly int _height;
        private readonly int[] _rows;
        private readonly int[] _columns;
        private readonly byte[] _expected = new byte[GridWidth];
        private readonly byte[] _actual = new byte[GridWidth];
        private byte[] _source = Array.Empty<byte>();

        public GridOracle(int width, int height)
        {
            _width = width;
            _height = height;
            _rows = OpenCvOracle.CentreIndices(height, GridHeight);
            _columns = OpenCvOracle.CentreIndices(width, GridWidth);
        }

        public void AssertEqual(GroundTruthMask mask, IReadOnlyCollection<double[]> polygons)
        {
            OpenCvOracle.FillPolygons(polygons, _width, _height, ref _source);
            long expectedCount = 0;
            for (var y = 0; y < GridHeight; y++)
            {
                var sourceRow = _source.AsSpan(_rows[y] * _width, _width);
                Array.Clear(_expected);
                if (sourceRow.IndexOfAnyExcept((byte)0) >= 0)
                {
                    for (var x = 0; x < GridWidth; x++)
                    {
                        _expected[x] = sourceRow[_columns[x]];
                    }
                }
                Array.Clear(_actual);
                foreach (var (start, end) in mask.GetRowSpans(y))
                {
                    _actual.AsSpan(start, end - start).Fill(1);
                }
                if (!_expected.AsSpan().SequenceEqual(_actual))
                {
                    var x = _expected.AsSpan().CommonPrefixLength(_actual);
                    Assert.Fail($"{_width} × {_height}: grid pixel (y {y}, x {x}) is {_actual[x]}, OpenCV gives {_expected[x]}; polygons:\n" + Describe(polygons));
                }
                expectedCount += _expected.AsSpan().Count((byte)1);
            }
            Assert.Equal(expectedCount, mask.PixelCount);
        }

        private static string Describe(IEnumerable<double[]> polygons) =>
            string.Join("\n", polygons.Select(polygon => "[" + string.Join(", ", polygon.Select(value => value.ToString("R", CultureInfo.InvariantCulture))) + "]"));
    }
}
