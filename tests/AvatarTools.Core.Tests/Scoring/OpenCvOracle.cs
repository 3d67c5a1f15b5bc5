using System.Runtime.InteropServices;
using OpenCvSharp;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// OpenCV itself (OpenCvSharp 4.13, test project only) as the oracle of the ground truth and the upsampling.
/// </summary>
internal static class OpenCvOracle
{
    private static readonly object ResizeLock = new();

    static OpenCvOracle()
    {
        // One thread: the tests run in parallel already, and OpenCV's own pool only contends with them.
        Cv2.SetNumThreads(1);
    }

    /// <summary>
    /// The integer vertex the official Python code draws for a float coordinate (np.int32: truncation toward zero),
    /// with values beyond int32 saturated, which is our documented choice (np.int32 of such values is undefined).
    /// </summary>
    public static int Vertex(double coordinate) => (int)Math.Clamp(Math.Truncate(coordinate), int.MinValue, int.MaxValue);

    /// <summary>The points of a flat x, y polygon after <see cref="Vertex"/>.</summary>
    public static Point[] Points(double[] flat)
    {
        var points = new Point[flat.Length / 2];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new Point(Vertex(flat[2 * i]), Vertex(flat[(2 * i) + 1]));
        }
        return points;
    }

    /// <summary>
    /// <c>cv2.fillPoly(mask, [pts], 1)</c> once per polygon (8-connected, shift 0) into a zeroed width × height mask;
    /// returns the mask row-major in <paramref name="buffer"/> (grown as needed).
    /// </summary>
    public static void FillPolygons(IEnumerable<double[]> polygons, int width, int height, ref byte[] buffer)
    {
        using var mask = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        foreach (var polygon in polygons)
        {
            if (polygon.Length >= 2)
            {
                Cv2.FillPoly(mask, new[] { Points(polygon) }, Scalar.All(1), LineTypes.Link8, 0);
            }
        }
        if (buffer.Length < width * height)
        {
            buffer = new byte[width * height];
        }
        Marshal.Copy(mask.Data, buffer, 0, width * height);
    }

    /// <summary>The spec's nearest sampling of pixel centres, src = ⌊(dst + 0.5)·source / grid⌋, in double (exact here).</summary>
    public static int[] CentreIndices(int source, int grid)
    {
        var indices = new int[grid];
        for (var i = 0; i < grid; i++)
        {
            indices[i] = (int)Math.Floor((i + 0.5) * source / grid);
        }
        return indices;
    }

    /// <summary>
    /// <c>cv::resize</c> of a float32 map to height × width. <paramref name="referenceCode"/> runs OpenCV's own C++
    /// code (<c>setUseOptimized(false)</c>: no Intel IPP, baseline SIMD), which Debian's python3-opencv 4.6 computes
    /// too; false takes this build's default path, which sends resize through its Intel IPP HAL.
    /// </summary>
    public static float[] Resize(float[] values, int mapHeight, int mapWidth, int height, int width, InterpolationFlags interpolation, bool referenceCode)
    {
        lock (ResizeLock)
        {
            var optimized = Cv2.UseOptimized();
            Cv2.SetUseOptimized(!referenceCode);
            try
            {
                using var source = new Mat(mapHeight, mapWidth, MatType.CV_32FC1);
                Marshal.Copy(values, 0, source.Data, values.Length);
                using var destination = new Mat();
                Cv2.Resize(source, destination, new Size(width, height), 0, 0, interpolation);
                var result = new float[height * width];
                Marshal.Copy(destination.Data, result, 0, result.Length);
                return result;
            }
            finally
            {
                Cv2.SetUseOptimized(optimized);
            }
        }
    }

    /// <summary>
    /// OpenCV's source index for each grid index along one axis, read back from an index ramp (a row for x, a column
    /// for y) resized with <paramref name="interpolation"/>.
    /// </summary>
    public static int[] ResizeIndices(int source, int grid, InterpolationFlags interpolation, bool vertical)
    {
        using var ramp = vertical ? new Mat(source, 1, MatType.CV_16UC1) : new Mat(1, source, MatType.CV_16UC1);
        for (var i = 0; i < source; i++)
        {
            ramp.Set(vertical ? i : 0, vertical ? 0 : i, (ushort)i);
        }
        using var resized = new Mat();
        Cv2.Resize(ramp, resized, vertical ? new Size(1, grid) : new Size(grid, 1), 0, 0, interpolation);
        var indices = new int[grid];
        for (var i = 0; i < grid; i++)
        {
            indices[i] = resized.At<ushort>(vertical ? i : 0, vertical ? 0 : i);
        }
        return indices;
    }
}
