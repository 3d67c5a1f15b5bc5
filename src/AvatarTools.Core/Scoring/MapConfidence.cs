using System.Numerics;
using System.Runtime.InteropServices;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// SLAVC's detection confidence of one map: the mean of its top ⌊N/4⌋ values (at least one), N the values of the map as it
/// is scored, that is on the scoring grid after upsampling (360 × 640 by default: 57,600 of 230,400 values), raw (the
/// model's values, before any threshold or normalisation); NaN when a value is NaN. SLAVC takes it on its 224 × 224 grid of
/// (cos + 1) / 2; the mean of a quarter of a bilinear upsampling differs a little from that of the native map, so the grid is
/// part of the definition.
/// Exact up to the rounding of the double sums, in SIMD passes: a strided sample of the grid brackets the cut (the ⌊N/4⌋-th
/// largest value) between two of its order statistics; one pass counts and sums the values above the bracket and counts those
/// inside it; when the cut is inside, a last pass gathers the bracket's values and the largest of them still needed are added
/// (an exact radix selection). When the sample missed, the same selection runs on the whole grid. One instance per thread.
/// </summary>
internal sealed class MapConfidence
{
    private const int SampleSize = 2048;
    private const int Bins = 1024;
    private readonly float[] _sample = new float[SampleSize];
    private readonly int[] _histogram = new int[1 << 16];
    private readonly int[] _counts = new int[Bins];
    private readonly double[] _sums = new double[Bins];
    private float[] _gathered = Array.Empty<float>();
    private float[] _cutBin = Array.Empty<float>();

    /// <summary>The mean of the top ⌊N/4⌋ values of <paramref name="grid"/> (at least one); NaN when a value is NaN.</summary>
    public double TopQuarterMean(ReadOnlySpan<float> grid)
    {
        if (grid.IsEmpty || HasNaN(grid))
        {
            return double.NaN;
        }
        var wanted = Math.Max(1, grid.Length / 4);
        if (grid.Length <= 4 * SampleSize)
        {
            return TopMean(grid, wanted);
        }
        // The sample's order statistics around the cut, four standard errors of the sample quantile apart (and a few more).
        var stride = grid.Length / SampleSize;
        for (var i = 0; i < SampleSize; i++)
        {
            _sample[i] = grid[(i * stride) + (stride / 2)];
        }
        Array.Sort(_sample);
        var centre = SampleSize - (SampleSize * (double)wanted / grid.Length);
        var margin = (4 * Math.Sqrt(SampleSize * 0.25 * 0.75)) + 8;
        var low = _sample[Math.Max(0, (int)(centre - margin))];
        var high = _sample[Math.Min(SampleSize - 1, (int)(centre + margin))];
        var (above, sumAbove, inside) = CountAndSum(grid, low, high);
        if (above >= wanted || above + inside < wanted)
        {
            return TopMean(grid, wanted);
        }
        if (_gathered.Length < inside)
        {
            _gathered = new float[grid.Length];
        }
        var count = Gather(grid, low, high, _gathered);
        return (sumAbove + TopSumInRange(_gathered.AsSpan(0, count), wanted - above, low, high)) / wanted;
    }

    /// <summary>
    /// The sum of the largest <paramref name="wanted"/> of values that all lie in [low, high]: counts and sums in equal bins of
    /// the range (the bin is a monotone function of the value, so every value of a higher bin is larger), then the bin that
    /// holds the cut sorted.
    /// </summary>
    private double TopSumInRange(ReadOnlySpan<float> values, int wanted, float low, float high)
    {
        if (!(high > low))
        {
            return wanted * (double)low;
        }
        Array.Clear(_counts);
        Array.Clear(_sums);
        var scale = (Bins - 1) / ((double)high - low);
        foreach (var value in values)
        {
            var bin = Math.Min(Bins - 1, (int)((value - (double)low) * scale));
            _counts[bin]++;
            _sums[bin] += value;
        }
        var cutBin = Bins - 1;
        var taken = 0;
        var sum = 0.0;
        while (taken + _counts[cutBin] < wanted)
        {
            taken += _counts[cutBin];
            sum += _sums[cutBin];
            cutBin--;
        }
        if (_cutBin.Length < _counts[cutBin])
        {
            _cutBin = new float[Math.Max(_counts[cutBin], 2 * _cutBin.Length)];
        }
        var count = 0;
        foreach (var value in values)
        {
            if (Math.Min(Bins - 1, (int)((value - (double)low) * scale)) == cutBin)
            {
                _cutBin[count++] = value;
            }
        }
        var inBin = _cutBin.AsSpan(0, count);
        inBin.Sort();
        for (var i = count - 1; i >= count - (wanted - taken); i--)
        {
            sum += inBin[i];
        }
        return sum;
    }

    /// <summary>The mean of the top <paramref name="wanted"/> values by an exact selection over all of them.</summary>
    private double TopMean(ReadOnlySpan<float> values, int wanted) => TopSum(values, wanted) / wanted;

    /// <summary>The sum of the largest <paramref name="wanted"/> values: those above the order statistic, and copies of it.</summary>
    private double TopSum(ReadOnlySpan<float> values, int wanted)
    {
        var cut = FrameCounter.SelectAscending(values, values.Length - wanted, _histogram);
        var sum = 0.0;
        var larger = 0;
        foreach (var value in values)
        {
            if (value > cut)
            {
                sum += value;
                larger++;
            }
        }
        return sum + ((wanted - larger) * (double)cut);
    }

    /// <summary>The values above <paramref name="high"/> (count and sum) and those in [low, high] (count).</summary>
    private static (int Above, double Sum, int Inside) CountAndSum(ReadOnlySpan<float> grid, float low, float high)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(grid);
        var lowVector = new Vector<float>(low);
        var highVector = new Vector<float>(high);
        var above = Vector<int>.Zero;
        var inside = Vector<int>.Zero;
        var sumLow = Vector<double>.Zero;
        var sumHigh = Vector<double>.Zero;
        foreach (var vector in vectors)
        {
            var isAbove = Vector.GreaterThan(vector, highVector);
            above -= isAbove;
            inside -= Vector.GreaterThanOrEqual(vector, lowVector) & ~isAbove;
            Vector.Widen(Vector.ConditionalSelect(isAbove, vector, Vector<float>.Zero), out var first, out var second);
            sumLow += first;
            sumHigh += second;
        }
        var countAbove = Vector.Sum(above);
        var countInside = Vector.Sum(inside);
        var sum = Vector.Sum(sumLow) + Vector.Sum(sumHigh);
        for (var x = vectors.Length * Vector<float>.Count; x < grid.Length; x++)
        {
            var value = grid[x];
            if (value > high)
            {
                countAbove++;
                sum += value;
            }
            else if (value >= low)
            {
                countInside++;
            }
        }
        return (countAbove, sum, countInside);
    }

    /// <summary>Copies the values in [low, high] to <paramref name="into"/>; returns how many. Skips whole vectors outside.</summary>
    private static int Gather(ReadOnlySpan<float> grid, float low, float high, float[] into)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(grid);
        var lowVector = new Vector<float>(low);
        var highVector = new Vector<float>(high);
        var count = 0;
        for (var i = 0; i < vectors.Length; i++)
        {
            var vector = vectors[i];
            if (Vector.EqualsAny(Vector.GreaterThanOrEqual(vector, lowVector) & Vector.LessThanOrEqual(vector, highVector), Vector<int>.AllBitsSet))
            {
                for (var lane = 0; lane < Vector<float>.Count; lane++)
                {
                    var value = vector[lane];
                    if (value >= low && value <= high)
                    {
                        into[count++] = value;
                    }
                }
            }
        }
        for (var x = vectors.Length * Vector<float>.Count; x < grid.Length; x++)
        {
            if (grid[x] >= low && grid[x] <= high)
            {
                into[count++] = grid[x];
            }
        }
        return count;
    }

    private static bool HasNaN(ReadOnlySpan<float> grid)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(grid);
        var ordered = Vector<int>.AllBitsSet;
        foreach (var vector in vectors)
        {
            ordered &= Vector.Equals(vector, vector);
        }
        if (ordered != Vector<int>.AllBitsSet)
        {
            return true;
        }
        for (var x = vectors.Length * Vector<float>.Count; x < grid.Length; x++)
        {
            if (float.IsNaN(grid[x]))
            {
                return true;
            }
        }
        return false;
    }
}
