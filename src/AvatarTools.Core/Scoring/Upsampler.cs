using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// Brings a native map to the scoring grid, separably: a horizontal pass of the map's h rows to the grid width,
/// then a vertical blend per output row (SIMD). Float32 results; <see cref="UpsampleMode.Bilinear"/> and
/// <see cref="UpsampleMode.Bicubic"/> do OpenCV's <c>cv::resize</c> float arithmetic (its reference C++ code: same
/// weights, same order of products and sums), see <see cref="UpsampleMode"/> for how close that is to a given OpenCV build.
/// </summary>
public static class Upsampler
{
    private static readonly ConcurrentDictionary<(int InputSize, int OutputSize, UpsampleMode Mode, bool Vertical), AxisWeights> Cache = new();

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

    internal static AxisWeights GetWeights(int inputSize, int outputSize, UpsampleMode mode, bool vertical) =>
        Cache.GetOrAdd((inputSize, outputSize, mode, vertical), key => AxisWeights.Create(key.InputSize, key.OutputSize, key.Mode, key.Vertical));
}

/// <summary>For each output index along one axis: the input indices (clamped) and float weights of its taps.</summary>
internal sealed class AxisWeights
{
    internal AxisWeights(int taps, int[] indices, float[] weights)
    {
        Taps = taps;
        Indices = indices;
        Weights = weights;
        var outputs = indices.Length / taps;
        Planes = new float[taps][];
        for (var t = 0; t < taps; t++)
        {
            Planes[t] = new float[outputs];
            for (var o = 0; o < outputs; o++)
            {
                Planes[t][o] = weights[(o * taps) + t];
            }
        }
        var runs = new List<(int Start, int End)>();
        for (var start = 0; start < outputs;)
        {
            var end = start + 1;
            while (end < outputs && indices.AsSpan(end * taps, taps).SequenceEqual(indices.AsSpan(start * taps, taps)))
            {
                end++;
            }
            runs.Add((start, end));
            start = end;
        }
        Runs = runs.ToArray();
    }

    public int Taps { get; }

    public int[] Indices { get; }

    public float[] Weights { get; }

    /// <summary>The weights by tap: Planes[t][o] = Weights[o · Taps + t], so one tap's weights lie side by side for SIMD.</summary>
    public float[][] Planes { get; }

    /// <summary>The maximal runs [Start, End) of outputs whose taps read the same inputs (each pair of input columns).</summary>
    public (int Start, int End)[] Runs { get; }

    /// <summary>
    /// The taps of one axis. <see cref="UpsampleMode.Bilinear"/> and <see cref="UpsampleMode.Bicubic"/> compute them as
    /// OpenCV's <c>resize</c> does for float32 maps: scale = 1 / (out / in) in double, the source coordinate
    /// (o + ½)·scale − ½ rounded to float, its fraction and the weights in float arithmetic. Bilinear clamps the
    /// coordinate to the first and last pixel horizontally (weights 1, 0 there) but only its rows vertically (the
    /// weights stay 1 − f, f on the same row); bicubic (A = −0.75, last weight = 1 − the other three) clamps its taps.
    /// </summary>
    public static AxisWeights Create(int inputSize, int outputSize, UpsampleMode mode, bool vertical)
    {
        if (mode == UpsampleMode.BicubicAlignCorners)
        {
            return TorchCubicAlignCorners.Create(inputSize, outputSize);
        }
        var scale = 1.0 / ((double)outputSize / inputSize);
        if (mode == UpsampleMode.Bicubic)
        {
            var indices = new int[outputSize * 4];
            var weights = new float[outputSize * 4];
            Span<float> coefficients = stackalloc float[4];
            for (var o = 0; o < outputSize; o++)
            {
                var source = (float)(((o + 0.5) * scale) - 0.5);
                var i0 = (int)MathF.Floor(source);
                CubicCoefficients(source - i0, coefficients);
                for (var k = 0; k < 4; k++)
                {
                    indices[(o * 4) + k] = Math.Clamp(i0 - 1 + k, 0, inputSize - 1);
                    weights[(o * 4) + k] = coefficients[k];
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
                int i0;
                float fraction;
                if (mode == UpsampleMode.BilinearAlignCorners)
                {
                    var source = outputSize > 1 ? Math.Clamp(o * (double)(inputSize - 1) / (outputSize - 1), 0, inputSize - 1) : 0;
                    i0 = (int)Math.Floor(source);
                    fraction = (float)(source - i0);
                }
                else
                {
                    var source = (float)(((o + 0.5) * scale) - 0.5);
                    i0 = (int)MathF.Floor(source);
                    fraction = source - i0;
                    if (!vertical && i0 < 0)
                    {
                        i0 = 0;
                        fraction = 0;
                    }
                    if (!vertical && i0 >= inputSize - 1)
                    {
                        i0 = inputSize - 1;
                        fraction = 0;
                    }
                }
                indices[o * 2] = Math.Clamp(i0, 0, inputSize - 1);
                indices[(o * 2) + 1] = Math.Clamp(i0 + 1, 0, inputSize - 1);
                weights[o * 2] = 1f - fraction;
                weights[(o * 2) + 1] = fraction;
            }
            return new AxisWeights(2, indices, weights);
        }
    }

    /// <summary>
    /// Keys' cubic convolution weights with A = −0.75 for the taps at −1, 0, 1, 2 of a fraction t, in float as
    /// OpenCV's <c>interpolateCubic</c>: ((A(t+1) − 5A)(t+1) + 8A)(t+1) − 4A, ((A+2)t − (A+3))t² + 1, the same at 1 − t,
    /// and 1 minus the other three.
    /// </summary>
    internal static void CubicCoefficients(float t, Span<float> coefficients)
    {
        const float A = -0.75f;
        var t1 = t + 1;
        var u = 1 - t;
        coefficients[0] = ((((A * t1) - (5 * A)) * t1) + (8 * A)) * t1 - (4 * A);
        coefficients[1] = ((((A + 2) * t) - (A + 3)) * t * t) + 1;
        coefficients[2] = ((((A + 2) * u) - (A + 3)) * u * u) + 1;
        coefficients[3] = 1f - coefficients[0] - coefficients[1] - coefficients[2];
    }
}

/// <summary>Per-thread upsampling state: the horizontally resampled rows of one map; no allocation per frame once warm.</summary>
internal sealed class UpsampleEngine
{
    private float[] _rows = Array.Empty<float>();
    private AxisWeights _vertical = null!;
    private int _width;

    // torch sums the four vertical taps first to last; OpenCV from the last below a multiple of four columns.
    private bool _firstToLast;

    public void Prepare(Heatmap heatmap, int height, int width, UpsampleMode mode)
    {
        var horizontal = Upsampler.GetWeights(heatmap.Width, width, mode, vertical: false);
        _vertical = Upsampler.GetWeights(heatmap.Height, height, mode, vertical: true);
        _width = width;
        _firstToLast = mode == UpsampleMode.BicubicAlignCorners;
        var needed = heatmap.Height * width;
        if (_rows.Length < needed)
        {
            _rows = new float[needed];
        }
        var values = heatmap.Values;
        for (var r = 0; r < heatmap.Height; r++)
        {
            ResampleRow(horizontal, values.Slice(r * heatmap.Width, heatmap.Width), _rows.AsSpan(r * width, width));
        }
    }

    /// <summary>
    /// One source row resampled along x: target[x] = Σ_t w_t(x) · source[i_t(x)], summed first tap to last (OpenCV's
    /// horizontal pass). Within each run of outputs that read the same inputs the inputs are broadcast and the weights
    /// read side by side, so the products and sums are the very float operations of the scalar loop, lane by lane.
    /// </summary>
    internal static void ResampleRow(AxisWeights horizontal, ReadOnlySpan<float> source, Span<float> target)
    {
        var indices = horizontal.Indices;
        var planes = horizontal.Planes;
        var lanes = Vector<float>.Count;
        if (horizontal.Taps == 2)
        {
            var p0 = planes[0];
            var p1 = planes[1];
            foreach (var (start, end) in horizontal.Runs)
            {
                var a = source[indices[start * 2]];
                var b = source[indices[(start * 2) + 1]];
                var x = start;
                if (Vector.IsHardwareAccelerated)
                {
                    var va = new Vector<float>(a);
                    var vb = new Vector<float>(b);
                    for (; x + lanes <= end; x += lanes)
                    {
                        var value = (new Vector<float>(p0, x) * va) + (new Vector<float>(p1, x) * vb);
                        value.CopyTo(target.Slice(x, lanes));
                    }
                }
                for (; x < end; x++)
                {
                    target[x] = (p0[x] * a) + (p1[x] * b);
                }
            }
            return;
        }
        var q0 = planes[0];
        var q1 = planes[1];
        var q2 = planes[2];
        var q3 = planes[3];
        foreach (var (start, end) in horizontal.Runs)
        {
            var k = start * 4;
            var s0 = source[indices[k]];
            var s1 = source[indices[k + 1]];
            var s2 = source[indices[k + 2]];
            var s3 = source[indices[k + 3]];
            var x = start;
            if (Vector.IsHardwareAccelerated)
            {
                var v0 = new Vector<float>(s0);
                var v1 = new Vector<float>(s1);
                var v2 = new Vector<float>(s2);
                var v3 = new Vector<float>(s3);
                for (; x + lanes <= end; x += lanes)
                {
                    var value = (new Vector<float>(q0, x) * v0) + (new Vector<float>(q1, x) * v1) + (new Vector<float>(q2, x) * v2) + (new Vector<float>(q3, x) * v3);
                    value.CopyTo(target.Slice(x, lanes));
                }
            }
            for (; x < end; x++)
            {
                target[x] = (q0[x] * s0) + (q1[x] * s1) + (q2[x] * s2) + (q3[x] * s3);
            }
        }
    }

    /// <summary>Writes grid row <paramref name="y"/> (width values) into <paramref name="output"/>.</summary>
    public void ComputeRow(int y, Span<float> output) => ComputeRange(y, 0, _width, output);

    /// <summary>
    /// The two vertical taps of grid row <paramref name="y"/> when the vertical pass has two: the row is
    /// (<paramref name="weight0"/> · <paramref name="row0"/>[x]) + (<paramref name="weight1"/> · <paramref name="row1"/>[x]) at
    /// every column x, the very float expression <see cref="ComputeRow"/> evaluates. False (and empty rows) for four taps.
    /// </summary>
    public bool TryTwoTaps(int y, out ReadOnlySpan<float> row0, out float weight0, out ReadOnlySpan<float> row1, out float weight1)
    {
        if (_vertical.Taps != 2)
        {
            row0 = row1 = default;
            weight0 = weight1 = 0;
            return false;
        }
        weight0 = _vertical.Weights[y * 2];
        weight1 = _vertical.Weights[(y * 2) + 1];
        row0 = _rows.AsSpan(_vertical.Indices[y * 2] * _width, _width);
        row1 = _rows.AsSpan(_vertical.Indices[(y * 2) + 1] * _width, _width);
        return true;
    }

    /// <summary>The columns of one block of <see cref="RowBounds"/>.</summary>
    public const int BlockWidth = 64;

    private float[] _blockMinimum = Array.Empty<float>();
    private float[] _blockMaximum = Array.Empty<float>();
    private int _blocks;

    /// <summary>The number of column blocks of <see cref="BlockWidth"/> (the last may be narrower); set by <see cref="PrepareBlocks"/>.</summary>
    public int Blocks => _blocks;

    /// <summary>
    /// Prepares <see cref="RowBounds"/> after <see cref="Prepare"/>: the minimum and maximum of each horizontally resampled
    /// source row over each block of <see cref="BlockWidth"/> columns.
    /// </summary>
    public void PrepareBlocks(int sourceRows)
    {
        var width = _width;
        _blocks = (width + BlockWidth - 1) / BlockWidth;
        var needed = sourceRows * _blocks;
        if (_blockMinimum.Length < needed)
        {
            _blockMinimum = new float[needed];
            _blockMaximum = new float[needed];
        }
        for (var r = 0; r < sourceRows; r++)
        {
            var row = _rows.AsSpan(r * width, width);
            for (var b = 0; b < _blocks; b++)
            {
                var block = row.Slice(b * BlockWidth, Math.Min(BlockWidth, width - (b * BlockWidth)));
                var (minimum, maximum) = PerFrameThreshold.MinMax(block); // NaN in the block: NaN bounds
                _blockMinimum[(r * _blocks) + b] = minimum;
                _blockMaximum[(r * _blocks) + b] = maximum;
            }
        }
    }

    /// <summary>
    /// Bounds of the values of grid row <paramref name="y"/> in each column block: every value <see cref="ComputeRow"/> gives in
    /// block b lies in [lower[b], upper[b]]. Each bound is the very float expression of the value, evaluated at each tap's
    /// extreme over the block (its maximum for a non-negative weight, its minimum for a negative one, and the other way round
    /// for the lower bound); IEEE products and sums are monotone in each operand, so the bounds hold exactly. NaN in a block
    /// gives NaN bounds, which compare as neither side of any threshold.
    /// </summary>
    public void RowBounds(int y, Span<float> lower, Span<float> upper)
    {
        var blocks = _blocks;
        if (_vertical.Taps == 2)
        {
            var w0 = _vertical.Weights[y * 2];
            var w1 = _vertical.Weights[(y * 2) + 1];
            var r0 = _vertical.Indices[y * 2] * blocks;
            var r1 = _vertical.Indices[(y * 2) + 1] * blocks;
            for (var b = 0; b < blocks; b++)
            {
                var (low0, high0) = Extremes(w0, r0 + b);
                var (low1, high1) = Extremes(w1, r1 + b);
                lower[b] = (w0 * low0) + (w1 * low1);
                upper[b] = (w0 * high0) + (w1 * high1);
            }
            return;
        }
        var k = y * 4;
        var v0 = _vertical.Weights[k];
        var v1 = _vertical.Weights[k + 1];
        var v2 = _vertical.Weights[k + 2];
        var v3 = _vertical.Weights[k + 3];
        var s0 = _vertical.Indices[k] * blocks;
        var s1 = _vertical.Indices[k + 1] * blocks;
        var s2 = _vertical.Indices[k + 2] * blocks;
        var s3 = _vertical.Indices[k + 3] * blocks;
        var openCvVectorEnd = _firstToLast ? 0 : _width & ~3;
        for (var b = 0; b < blocks; b++)
        {
            var (low0, high0) = Extremes(v0, s0 + b);
            var (low1, high1) = Extremes(v1, s1 + b);
            var (low2, high2) = Extremes(v2, s2 + b);
            var (low3, high3) = Extremes(v3, s3 + b);
            // The two orders of summation of ComputeRow: from the last tap below openCvVectorEnd, from the first beyond it.
            var lowFromLast = (v0 * low0) + ((v1 * low1) + ((v2 * low2) + (v3 * low3)));
            var highFromLast = (v0 * high0) + ((v1 * high1) + ((v2 * high2) + (v3 * high3)));
            var lowFromFirst = (v0 * low0) + (v1 * low1) + (v2 * low2) + (v3 * low3);
            var highFromFirst = (v0 * high0) + (v1 * high1) + (v2 * high2) + (v3 * high3);
            var start = b * BlockWidth;
            var end = Math.Min(_width, start + BlockWidth);
            if (end <= openCvVectorEnd)
            {
                (lower[b], upper[b]) = (lowFromLast, highFromLast);
            }
            else if (start >= openCvVectorEnd)
            {
                (lower[b], upper[b]) = (lowFromFirst, highFromFirst);
            }
            else
            {
                (lower[b], upper[b]) = (Math.Min(lowFromLast, lowFromFirst), Math.Max(highFromLast, highFromFirst));
            }
        }
    }

    /// <summary>
    /// Writes the values of grid row <paramref name="y"/> at columns [<paramref name="start"/>, <paramref name="end"/>) into those
    /// columns of <paramref name="output"/> (a whole row's buffer), each the same float expression as <see cref="ComputeRow"/>.
    /// </summary>
    public void ComputeRange(int y, int start, int end, Span<float> output)
    {
        var width = _width;
        var length = end - start;
        if (TryTwoTaps(y, out var full0, out var w0, out var full1, out var w1))
        {
            var row0 = full0.Slice(start, length);
            var row1 = full1.Slice(start, length);
            var target = output.Slice(start, length);
            var x = 0;
            if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
            {
                var a = MemoryMarshal.Cast<float, Vector<float>>(row0);
                var b = MemoryMarshal.Cast<float, Vector<float>>(row1);
                var o = MemoryMarshal.Cast<float, Vector<float>>(target);
                var weight0 = new Vector<float>(w0);
                var weight1 = new Vector<float>(w1);
                for (var i = 0; i < a.Length; i++)
                {
                    o[i] = (weight0 * a[i]) + (weight1 * b[i]);
                }
                x = a.Length * Vector<float>.Count;
            }
            for (; x < length; x++)
            {
                target[x] = (w0 * row0[x]) + (w1 * row1[x]);
            }
            return;
        }
        var k = y * 4;
        var v0 = _vertical.Weights[k];
        var v1 = _vertical.Weights[k + 1];
        var v2 = _vertical.Weights[k + 2];
        var v3 = _vertical.Weights[k + 3];
        var r0 = _rows.AsSpan(_vertical.Indices[k] * width, width);
        var r1 = _rows.AsSpan(_vertical.Indices[k + 1] * width, width);
        var r2 = _rows.AsSpan(_vertical.Indices[k + 2] * width, width);
        var r3 = _rows.AsSpan(_vertical.Indices[k + 3] * width, width);
        var openCvVectorEnd = _firstToLast ? 0 : width & ~3;
        var column = start;
        var fromLastEnd = Math.Min(end, openCvVectorEnd);
        if (Vector.IsHardwareAccelerated && fromLastEnd - column >= Vector<float>.Count)
        {
            var count = (fromLastEnd - column) / Vector<float>.Count;
            var c0 = MemoryMarshal.Cast<float, Vector<float>>(r0.Slice(column, count * Vector<float>.Count));
            var c1 = MemoryMarshal.Cast<float, Vector<float>>(r1.Slice(column, count * Vector<float>.Count));
            var c2 = MemoryMarshal.Cast<float, Vector<float>>(r2.Slice(column, count * Vector<float>.Count));
            var c3 = MemoryMarshal.Cast<float, Vector<float>>(r3.Slice(column, count * Vector<float>.Count));
            var o = MemoryMarshal.Cast<float, Vector<float>>(output.Slice(column, count * Vector<float>.Count));
            var weight0 = new Vector<float>(v0);
            var weight1 = new Vector<float>(v1);
            var weight2 = new Vector<float>(v2);
            var weight3 = new Vector<float>(v3);
            for (var i = 0; i < count; i++)
            {
                o[i] = (weight0 * c0[i]) + ((weight1 * c1[i]) + ((weight2 * c2[i]) + (weight3 * c3[i])));
            }
            column += count * Vector<float>.Count;
        }
        for (; column < fromLastEnd; column++)
        {
            output[column] = (v0 * r0[column]) + ((v1 * r1[column]) + ((v2 * r2[column]) + (v3 * r3[column])));
        }
        for (; column < end; column++)
        {
            output[column] = (v0 * r0[column]) + (v1 * r1[column]) + (v2 * r2[column]) + (v3 * r3[column]);
        }
    }

    /// <summary>The tap values that minimise and maximise w·v over a block: (min, max) for w ≥ 0, (max, min) for w &lt; 0.</summary>
    private (float Low, float High) Extremes(float weight, int index) =>
        weight >= 0 ? (_blockMinimum[index], _blockMaximum[index]) : (_blockMaximum[index], _blockMinimum[index]);
}
