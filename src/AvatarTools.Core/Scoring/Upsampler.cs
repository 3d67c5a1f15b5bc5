using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// Brings a native map to the scoring grid, separably: a horizontal pass of the map's h rows to the grid width,
/// then a vertical blend per output row (SIMD). Float32 results.
/// </summary>
public static class Upsampler
{
    private static readonly ConcurrentDictionary<(int InputSize, int OutputSize, UpsampleMode Mode), AxisWeights> Cache = new();

    /// <summary>The map upsampled to <paramref name="height"/> × <paramref name="width"/>, row-major.</summary>
    public static float[] Upsample(Heatmap heatmap, int height, int width, UpsampleMode mode = UpsampleMode.Bilinear)
    {
        var result = new float[height * width];
        Upsample(heatmap, result, height, width, mode);
        return result;
    }

    /// <summary>Writes the map upsampled to <paramref name="height"/> × <paramref name="width"/> into <paramref name="destination"/> (row-major).</summary>
    public static void Upsample(Heatmap heatmap, Span<float> destination, int height, int width, UpsampleMode mode = UpsampleMode.Bilinear)
    {
        if (destination.Length < height * width)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; {height * width} are needed.", nameof(destination));
        }
        var engine = new UpsampleEngine();
        engine.Prepare(heatmap, height, width, mode);
        for (var y = 0; y < height; y++)
        {
            engine.ComputeRow(y, destination.Slice(y * width, width));
        }
    }

    internal static AxisWeights GetWeights(int inputSize, int outputSize, UpsampleMode mode) =>
        Cache.GetOrAdd((inputSize, outputSize, mode), key => AxisWeights.Create(key.InputSize, key.OutputSize, key.Mode));
}

/// <summary>For each output index along one axis: the input indices (clamped) and float weights of its taps.</summary>
internal sealed class AxisWeights
{
    private AxisWeights(int taps, int[] indices, float[] weights)
    {
        Taps = taps;
        Indices = indices;
        Weights = weights;
    }

    public int Taps { get; }

    public int[] Indices { get; }

    public float[] Weights { get; }

    public static AxisWeights Create(int inputSize, int outputSize, UpsampleMode mode)
    {
        if (mode == UpsampleMode.Bicubic)
        {
            const double A = -0.75;
            var indices = new int[outputSize * 4];
            var weights = new float[outputSize * 4];
            var scale = (double)inputSize / outputSize;
            for (var o = 0; o < outputSize; o++)
            {
                var source = ((o + 0.5) * scale) - 0.5;
                var floor = Math.Floor(source);
                var t = source - floor;
                var i0 = (int)floor;
                var x2 = 1.0 - t;
                var w = new[]
                {
                    CubicOuter(t + 1.0, A),
                    CubicInner(t, A),
                    CubicInner(x2, A),
                    CubicOuter(x2 + 1.0, A),
                };
                for (var k = 0; k < 4; k++)
                {
                    indices[(o * 4) + k] = Math.Clamp(i0 - 1 + k, 0, inputSize - 1);
                    weights[(o * 4) + k] = (float)w[k];
                }
            }
            return new AxisWeights(4, indices, weights);
        }
        else
        {
            var indices = new int[outputSize * 2];
            var weights = new float[outputSize * 2];
            for (var o = 0; o < outputSize; o++)
            {
                double source;
                if (mode == UpsampleMode.BilinearAlignCorners)
                {
                    source = outputSize > 1 ? o * (double)(inputSize - 1) / (outputSize - 1) : 0;
                }
                else
                {
                    source = ((o + 0.5) * inputSize / outputSize) - 0.5;
                }
                source = Math.Clamp(source, 0, inputSize - 1);
                var i0 = (int)Math.Floor(source);
                var i1 = Math.Min(i0 + 1, inputSize - 1);
                var fraction = source - i0;
                indices[o * 2] = i0;
                indices[(o * 2) + 1] = i1;
                weights[o * 2] = (float)(1 - fraction);
                weights[(o * 2) + 1] = (float)fraction;
            }
            return new AxisWeights(2, indices, weights);
        }
    }

    /// <summary>torch's cubic_convolution1: ((A + 2)·x − (A + 3))·x² + 1, for |x| ≤ 1.</summary>
    internal static double CubicInner(double x, double a) => ((((a + 2) * x) - (a + 3)) * x * x) + 1;

    /// <summary>torch's cubic_convolution2: ((A·x − 5A)·x + 8A)·x − 4A, for 1 &lt; |x| &lt; 2.</summary>
    internal static double CubicOuter(double x, double a) => ((((a * x) - (5 * a)) * x) + (8 * a)) * x - (4 * a);
}

/// <summary>Per-thread upsampling state: the horizontally resampled rows of one map; no allocation per frame once warm.</summary>
internal sealed class UpsampleEngine
{
    private float[] _rows = Array.Empty<float>();
    private AxisWeights _vertical = null!;
    private int _width;

    public void Prepare(Heatmap heatmap, int height, int width, UpsampleMode mode)
    {
        var horizontal = Upsampler.GetWeights(heatmap.Width, width, mode);
        _vertical = Upsampler.GetWeights(heatmap.Height, height, mode);
        _width = width;
        var needed = heatmap.Height * width;
        if (_rows.Length < needed)
        {
            _rows = new float[needed];
        }
        var values = heatmap.Values;
        var taps = horizontal.Taps;
        var indices = horizontal.Indices;
        var weights = horizontal.Weights;
        for (var r = 0; r < heatmap.Height; r++)
        {
            var source = values.Slice(r * heatmap.Width, heatmap.Width);
            var target = _rows.AsSpan(r * width, width);
            if (taps == 2)
            {
                for (var x = 0; x < width; x++)
                {
                    target[x] = (weights[x * 2] * source[indices[x * 2]]) + (weights[(x * 2) + 1] * source[indices[(x * 2) + 1]]);
                }
            }
            else
            {
                for (var x = 0; x < width; x++)
                {
                    var k = x * 4;
                    target[x] = (weights[k] * source[indices[k]]) + (weights[k + 1] * source[indices[k + 1]])
                        + (weights[k + 2] * source[indices[k + 2]]) + (weights[k + 3] * source[indices[k + 3]]);
                }
            }
        }
    }

    /// <summary>Writes grid row <paramref name="y"/> (width values) into <paramref name="output"/>.</summary>
    public void ComputeRow(int y, Span<float> output) => ComputeRange(y, 0, _width, output);

    /// <summary>
    /// Writes the values of grid row <paramref name="y"/> at columns [<paramref name="start"/>, <paramref name="end"/>) into the
    /// same columns of <paramref name="output"/> (a whole row's buffer). Each value is the same float expression as in
    /// <see cref="ComputeRow"/>: <c>(w0·r0[x]) + (w1·r1[x])</c>, or <c>((w0·r0[x] + w1·r1[x]) + w2·r2[x]) + w3·r3[x]</c> for 4 taps.
    /// </summary>
    public void ComputeRange(int y, int start, int end, Span<float> output)
    {
        var width = _width;
        var length = end - start;
        if (_vertical.Taps == 2)
        {
            var w0 = _vertical.Weights[y * 2];
            var w1 = _vertical.Weights[(y * 2) + 1];
            var row0 = _rows.AsSpan((_vertical.Indices[y * 2] * width) + start, length);
            var row1 = _rows.AsSpan((_vertical.Indices[(y * 2) + 1] * width) + start, length);
            var target = output.Slice(start, length);
            var x = 0;
            if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
            {
                var v0 = MemoryMarshal.Cast<float, Vector<float>>(row0);
                var v1 = MemoryMarshal.Cast<float, Vector<float>>(row1);
                var vo = MemoryMarshal.Cast<float, Vector<float>>(target);
                var weight0 = new Vector<float>(w0);
                var weight1 = new Vector<float>(w1);
                for (var i = 0; i < v0.Length; i++)
                {
                    vo[i] = (weight0 * v0[i]) + (weight1 * v1[i]);
                }
                x = v0.Length * Vector<float>.Count;
            }
            for (; x < length; x++)
            {
                target[x] = (w0 * row0[x]) + (w1 * row1[x]);
            }
        }
        else
        {
            var k = y * 4;
            var w0 = _vertical.Weights[k];
            var w1 = _vertical.Weights[k + 1];
            var w2 = _vertical.Weights[k + 2];
            var w3 = _vertical.Weights[k + 3];
            var row0 = _rows.AsSpan((_vertical.Indices[k] * width) + start, length);
            var row1 = _rows.AsSpan((_vertical.Indices[k + 1] * width) + start, length);
            var row2 = _rows.AsSpan((_vertical.Indices[k + 2] * width) + start, length);
            var row3 = _rows.AsSpan((_vertical.Indices[k + 3] * width) + start, length);
            var target = output.Slice(start, length);
            var x = 0;
            if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
            {
                var v0 = MemoryMarshal.Cast<float, Vector<float>>(row0);
                var v1 = MemoryMarshal.Cast<float, Vector<float>>(row1);
                var v2 = MemoryMarshal.Cast<float, Vector<float>>(row2);
                var v3 = MemoryMarshal.Cast<float, Vector<float>>(row3);
                var vo = MemoryMarshal.Cast<float, Vector<float>>(target);
                var weight0 = new Vector<float>(w0);
                var weight1 = new Vector<float>(w1);
                var weight2 = new Vector<float>(w2);
                var weight3 = new Vector<float>(w3);
                for (var i = 0; i < v0.Length; i++)
                {
                    vo[i] = (weight0 * v0[i]) + (weight1 * v1[i]) + (weight2 * v2[i]) + (weight3 * v3[i]);
                }
                x = v0.Length * Vector<float>.Count;
            }
            for (; x < length; x++)
            {
                target[x] = (w0 * row0[x]) + (w1 * row1[x]) + (w2 * row2[x]) + (w3 * row3[x]);
            }
        }
    }
}
