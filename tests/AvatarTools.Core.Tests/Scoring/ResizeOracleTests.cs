using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using OpenCvSharp;
using Xunit;
using Xunit.Abstractions;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// Resampling against OpenCV's <c>cv::resize</c>: the ground truth's nearest sampling, and the upsampling of maps.
/// </summary>
public class ResizeOracleTests
{
    private const double BilinearBound = 1e-6;
    private const double BicubicBound = 4e-6;

    /// <summary>cv::INTER_NEAREST_EXACT (6), which OpenCvSharp's enum does not name.</summary>
    private const InterpolationFlags NearestExact = (InterpolationFlags)6;

    private readonly ITestOutputHelper _output;

    public ResizeOracleTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<int, int> GroundTruthSizes => new()
    {
        { 640, 360 },
        { 1280, 720 },
        { 1920, 1080 },
        { 480, 270 },
        { 854, 480 },
        { 360, 640 },
    };

    [Theory]
    [MemberData(nameof(GroundTruthSizes))]
    public void GroundTruthSamplingIsThePixelCentreRuleAndOpenCvNearestExactAwayFromBoundaries(int width, int height)
    {
        // The spec's rule, src = ⌊(dst + ½)·source / grid⌋, is not OpenCV's INTER_NEAREST (src = ⌊dst·source / grid⌋:
        // 1280 → 640 takes the even columns, the rule the odd ones). INTER_NEAREST_EXACT computes the rule in 16.16 fixed
        // point: it agrees wherever the centre is not within its rounding of a source pixel boundary (all of 640 × 360,
        // 1280 × 720, 1920 × 1080 and 480 × 270), and takes the pixel before where the centre falls on a boundary
        // (360 × 640: rows 4, 13, …, (2y + 1)·640/720 an integer) or within about 0.01 of one (2 columns of 854 × 480).
        // So the masks are compared with INTER_NEAREST_EXACT on every grid row and column where its index equals the
        // rule's, and the others are checked to be such boundary cases.
        var rows = OpenCvOracle.ResizeIndices(height, 360, NearestExact, vertical: true);
        var columns = OpenCvOracle.ResizeIndices(width, 640, NearestExact, vertical: false);
        var ruleRows = OpenCvOracle.CentreIndices(height, 360);
        var ruleColumns = OpenCvOracle.CentreIndices(width, 640);
        var differentRows = AssertBoundaryCases(rows, ruleRows, height, 360);
        var differentColumns = AssertBoundaryCases(columns, ruleColumns, width, 640);
        _output.WriteLine($"{width} × {height}: INTER_NEAREST_EXACT differs from the rule on {differentRows} rows and {differentColumns} columns");
        if (width == 1280)
        {
            Assert.NotEqual(ruleColumns, OpenCvOracle.ResizeIndices(width, 640, InterpolationFlags.Nearest, vertical: false));
        }

        // The ground truth of SAM-like blobs and a ring, through the public path, against fillPoly + INTER_NEAREST_EXACT.
        var random = new Random(width + height);
        for (var trial = 0; trial < 20; trial++)
        {
            var polygons = new List<double[]>();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                double centreX = random.NextDouble() * width, centreY = random.NextDouble() * height, radius = 5 + (random.NextDouble() * height / 2);
                var vertices = random.Next(40, 401);
                var polygon = new double[vertices * 2];
                for (var i = 0; i < vertices; i++)
                {
                    var angle = 2 * Math.PI * i / vertices;
                    var r = radius * (0.6 + (0.4 * Math.Sin(5 * angle) * random.NextDouble()));
                    polygon[2 * i] = centreX + (r * Math.Cos(angle));
                    polygon[(2 * i) + 1] = centreY + (r * Math.Sin(angle));
                }
                polygons.Add(polygon);
            }
            var source = Array.Empty<byte>();
            OpenCvOracle.FillPolygons(polygons, width, height, ref source);
            using var original = new Mat(height, width, MatType.CV_8UC1);
            System.Runtime.InteropServices.Marshal.Copy(source, 0, original.Data, width * height);
            using var resized = new Mat();
            Cv2.Resize(original, resized, new Size(640, 360), 0, 0, NearestExact);
            var grid = new byte[360 * 640];
            System.Runtime.InteropServices.Marshal.Copy(resized.Data, grid, 0, grid.Length);
            var mask = GroundTruthMask.FromPolygons(polygons, width, height, 360, 640).ToArray();
            var differentFromRule = 0;
            var differentFromOpenCv = 0;
            for (var y = 0; y < 360; y++)
            {
                for (var x = 0; x < 640; x++)
                {
                    differentFromRule += (source[(ruleRows[y] * width) + ruleColumns[x]] != 0) != mask[y, x] ? 1 : 0;
                    if (rows[y] == ruleRows[y] && columns[x] == ruleColumns[x])
                    {
                        differentFromOpenCv += (grid[(y * 640) + x] != 0) != mask[y, x] ? 1 : 0;
                    }
                }
            }
            Assert.Equal(0, differentFromRule);
            Assert.Equal(0, differentFromOpenCv);
        }
    }

    /// <summary>Where OpenCV's index differs from the rule's, the centre lies on or within 0.01 of a source pixel boundary.</summary>
    private static int AssertBoundaryCases(int[] openCv, int[] rule, int source, int grid)
    {
        var count = 0;
        for (var i = 0; i < grid; i++)
        {
            if (openCv[i] != rule[i])
            {
                var centre = (i + 0.5) * source / grid;
                var distance = Math.Abs(centre - Math.Round(centre));
                Assert.True(distance <= 0.01, $"grid index {i}: OpenCV takes {openCv[i]}, the rule {rule[i]}, centre {centre}");
                Assert.Equal(1, Math.Abs(openCv[i] - rule[i]));
                count++;
            }
        }
        return count;
    }

    public static TheoryData<int, int, int, int, string> UpsampleCases
    {
        get
        {
            var data = new TheoryData<int, int, int, int, string>();
            foreach (var (height, width) in new[] { (1, 1), (7, 7), (14, 14), (9, 16), (224, 224) })
            {
                foreach (var (gridHeight, gridWidth) in new[] { (360, 640), (224, 224) })
                {
                    foreach (var values in new[] { "unit", "large", "negative" })
                    {
                        data.Add(height, width, gridHeight, gridWidth, values);
                    }
                }
            }
            return data;
        }
    }

    /// <summary>Random maps: "unit" in [−1, 1]; "large" in ±3·10⁴ (signs mixed); "negative" in −10⁵ − [0, 10³].</summary>
    private static float[] RandomValues(int count, string values, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => values switch
        {
            "unit" => (float)((random.NextDouble() * 2) - 1),
            "large" => (float)(((random.NextDouble() * 2) - 1) * 3e4),
            _ => (float)(-1e5 - (random.NextDouble() * 1e3)),
        }).ToArray();
    }

    /// <summary>max over pixels of |ours − expected| / max(1, |expected|).</summary>
    private static double MaxRelativeDifference(float[] ours, float[] expected)
    {
        var max = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)ours[i] - expected[i]) / Math.Max(1, Math.Abs((double)expected[i])));
        }
        return max;
    }

    [Theory]
    [MemberData(nameof(UpsampleCases))]
    public void BilinearAndBicubicAgreeWithOpenCvResize(int height, int width, int gridHeight, int gridWidth, string values)
    {
        // OpenCV's own C++ code (what Debian's python3-opencv 4.6 runs too): within 1e-6 (bilinear) and 4e-6 (bicubic)
        // relative to max(1, |value|) on every pixel. (Measured: no difference at all on these cases.)
        var map = RandomValues(height * width, values, (height * 1000) + (width * 10) + gridWidth);
        var heatmap = new Heatmap(height, width, map);
        var openCvLinear = OpenCvOracle.Resize(map, height, width, gridHeight, gridWidth, InterpolationFlags.Linear, referenceCode: true);
        var openCvCubic = OpenCvOracle.Resize(map, height, width, gridHeight, gridWidth, InterpolationFlags.Cubic, referenceCode: true);
        var linear = MaxRelativeDifference(Upsampler.Upsample(heatmap, gridHeight, gridWidth, UpsampleMode.Bilinear), openCvLinear);
        var cubic = MaxRelativeDifference(Upsampler.Upsample(heatmap, gridHeight, gridWidth, UpsampleMode.Bicubic), openCvCubic);
        _output.WriteLine($"{height}×{width} → {gridHeight}×{gridWidth} ({values}): bilinear {linear:E2}, bicubic {cubic:E2}");
        Assert.True(linear <= BilinearBound, $"bilinear differs from OpenCV by {linear:E3}");
        Assert.True(cubic <= BicubicBound, $"bicubic differs from OpenCV by {cubic:E3}");
    }

    [Theory]
    [MemberData(nameof(UpsampleCases))]
    public void StaysCloseToOpenCvBuildsThatResizeThroughIpp(int height, int width, int gridHeight, int gridWidth, string values)
    {
        // This OpenCvSharp build sends resize through its Intel IPP HAL by default, which rounds the source coordinates
        // differently: it differs from OpenCV's own code (and so from this implementation) by float32 rounding of the
        // map's scale (values up to ~3·10⁴ with mixed signs cancel near zero, so the bound is relative to the map's
        // largest magnitude), up to ~2e-5 of it on a 224 × 224 map. Bit-exactness across OpenCV builds is not defined.
        var map = RandomValues(height * width, values, (height * 1000) + (width * 10) + gridWidth);
        var heatmap = new Heatmap(height, width, map);
        var scale = Math.Max(1, map.Max(value => Math.Abs((double)value)));
        var bound = height >= 100 && gridHeight > height ? 3e-5 : 3e-6;
        foreach (var (mode, interpolation) in new[] { (UpsampleMode.Bilinear, InterpolationFlags.Linear), (UpsampleMode.Bicubic, InterpolationFlags.Cubic) })
        {
            var expected = OpenCvOracle.Resize(map, height, width, gridHeight, gridWidth, interpolation, referenceCode: false);
            var ours = Upsampler.Upsample(heatmap, gridHeight, gridWidth, mode);
            var max = 0.0;
            for (var i = 0; i < ours.Length; i++)
            {
                max = Math.Max(max, Math.Abs((double)ours[i] - expected[i]) / scale);
            }
            _output.WriteLine($"{height}×{width} → {gridHeight}×{gridWidth} ({values}) {mode} against the IPP path: {max:E2} of the map's scale");
            Assert.True(max <= bound, $"{mode} differs from OpenCV's IPP path by {max:E3} of the map's scale");
        }
    }

    [Theory]
    [MemberData(nameof(UpsampleCases))]
    public void BilinearAlignCornersFollowsTorchsFormula(int height, int width, int gridHeight, int gridWidth, string values)
    {
        // torch F.interpolate(mode='bilinear', align_corners=True): src = dst·(in − 1)/(out − 1) (0 when out = 1), taps
        // ⌊src⌋ and min(⌊src⌋ + 1, in − 1), computed here in double. Within 1e-6 relative to max(1, |value|), except
        // for the mixed-sign large maps, where a float32 result cannot come within that of zero crossings; there the
        // bound is relative to the map's largest magnitude.
        var map = RandomValues(height * width, values, (height * 1000) + (width * 10) + gridWidth + 1);
        var grid = Upsampler.Upsample(new Heatmap(height, width, map), gridHeight, gridWidth, UpsampleMode.BilinearAlignCorners);
        var scale = values == "large" ? map.Max(value => Math.Abs((double)value)) : 1;
        static (int Low, int High, double Weight) Taps(int output, int input, int size)
        {
            var source = size > 1 ? output * (double)(input - 1) / (size - 1) : 0;
            var low = (int)Math.Floor(source);
            return (low, Math.Min(low + 1, input - 1), source - low);
        }
        var max = 0.0;
        for (var y = 0; y < gridHeight; y++)
        {
            var (y0, y1, wy) = Taps(y, height, gridHeight);
            for (var x = 0; x < gridWidth; x++)
            {
                var (x0, x1, wx) = Taps(x, width, gridWidth);
                var top = ((1 - wx) * map[(y0 * width) + x0]) + (wx * map[(y0 * width) + x1]);
                var bottom = ((1 - wx) * map[(y1 * width) + x0]) + (wx * map[(y1 * width) + x1]);
                var expected = ((1 - wy) * top) + (wy * bottom);
                max = Math.Max(max, Math.Abs(grid[(y * gridWidth) + x] - expected) / Math.Max(scale, Math.Abs(expected)));
            }
        }
        _output.WriteLine($"{height}×{width} → {gridHeight}×{gridWidth} ({values}) align corners: {max:E2}");
        Assert.True(max <= 1e-6, $"align-corners bilinear differs from torch's formula by {max:E3}");
    }

    [Fact]
    public void GlobalThresholdAgreesWithTheOnePooledFromOpenCvMaps()
    {
        // The official evaluator's way: upsample every 7 × 7 map with cv2.resize (INTER_LINEAR), pool, sort, and take
        // index ⌊(1 − p)·M⌋ (M = 200 · 360 · 640). Within 1e-6 (relative) of GlobalThreshold, for OpenCV's own code and for the IPP path.
        const int Maps = 200;
        const int GridPixels = 360 * 640;
        var random = new Random(20260627);
        var maps = new List<Heatmap>();
        for (var i = 0; i < Maps; i++)
        {
            var values = Enumerable.Range(0, 49).Select(_ => (float)random.NextDouble()).ToArray();
            if (i % 10 == 0)
            {
                values = values.Select(value => value < 0.5f ? 0f : value * 3).ToArray();
            }
            maps.Add(new Heatmap(7, 7, values));
        }
        var fractions = new[] { 0.1, 0.15, 0.2 };
        var taus = GlobalThreshold.Compute(maps, fractions);
        const long Pooled = (long)Maps * GridPixels;
        foreach (var referenceCode in new[] { true, false })
        {
            // Only the top of the sorted pool is needed: keep the values at or above a bound that leaves more than the
            // top 20 % above it (checked), sort them, and index the sorted pool from its end.
            var sample = Enumerable.Range(0, 20)
                .SelectMany(i => OpenCvOracle.Resize(maps[i].Values.ToArray(), 7, 7, 360, 640, InterpolationFlags.Linear, referenceCode).Where((_, k) => k % 7 == 0))
                .Order()
                .ToArray();
            var bound = sample[(int)(sample.Length * 0.75)];
            var top = new List<float>();
            for (var i = 0; i < Maps; i++)
            {
                foreach (var value in OpenCvOracle.Resize(maps[i].Values.ToArray(), 7, 7, 360, 640, InterpolationFlags.Linear, referenceCode))
                {
                    if (value >= bound)
                    {
                        top.Add(value);
                    }
                }
            }
            Assert.True(top.Count > (long)Math.Ceiling(0.2 * Pooled) + 1);
            top.Sort();
            for (var f = 0; f < fractions.Length; f++)
            {
                var index = (long)Math.Floor((1 - fractions[f]) * Pooled);
                var expected = top[(int)(top.Count - (Pooled - index))];
                var difference = Math.Abs(taus[f] - expected) / Math.Max(1, Math.Abs(expected));
                _output.WriteLine($"{(referenceCode ? "OpenCV's code" : "IPP path")}, p = {fractions[f]}: τ {taus[f]:R}, OpenCV's pool {expected:R}, difference {difference:E2}");
                Assert.True(difference <= 1e-6, $"τ at p = {fractions[f]} is {taus[f]:R}; OpenCV's pool gives {expected:R}");
            }
        }
    }
}
