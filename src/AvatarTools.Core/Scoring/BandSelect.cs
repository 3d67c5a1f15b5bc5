using System.Numerics;
using System.Runtime.InteropServices;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The k-th smallest of values known to lie in [low, high] (no NaN), in two linear passes: a histogram of their float keys'
/// offsets from low's (at most 4,096 bins), then a quickselect among the values of the one bin that holds rank k. The same
/// value as <see cref="PerFrameThreshold.QuickSelect"/> (−0 and +0 compare equal in both), with far fewer compares and swaps
/// on the thousands of values a bracket gathers. One per thread.
/// </summary>
/// <remarks>
/// The bins are computed a vector at a time and kept, so the second pass compares bins, not values. A bin is the key's offset
/// from low's as an unsigned 32-bit number (every offset lies in [0, 2^32): keys are 32-bit and none is below low's),
/// shifted right until the widest offset fits 12 bits; so the bins are monotone in the value.
/// </remarks>
internal sealed class BandSelect
{
    private const int BinBits = 12;
    private const int Bins = 1 << BinBits;

    // Four interleaved histograms, so that runs of equal bins (neighbouring pixels) do not wait on each other's increments.
    private readonly int[] _histogram = new int[4 * Bins];
    private int[] _bins = Array.Empty<int>();
    private float[] _bin = Array.Empty<float>();

    /// <summary>The value at 0-based ascending rank <paramref name="k"/> of <paramref name="values"/>, each in [low, high].</summary>
    public float Select(ReadOnlySpan<float> values, int k, float low, float high)
    {
        var bins = Histogram(values, low, high);
        return Pick(values, bins, k);
    }

    /// <summary>The values at ranks <paramref name="first"/> and <paramref name="second"/>, from one histogram.</summary>
    public (float First, float Second) SelectTwo(ReadOnlySpan<float> values, int first, int second, float low, float high)
    {
        var bins = Histogram(values, low, high);
        return (Pick(values, bins, first), Pick(values, bins, second));
    }

    /// <summary>Computes every value's bin (kept, and returned) and the four interleaved histograms of them.</summary>
    private ReadOnlySpan<int> Histogram(ReadOnlySpan<float> values, float low, float high)
    {
        var lowKey = FloatKey.ToKey(low);
        var width = (long)FloatKey.ToKey(high) - lowKey;
        var shift = 0;
        while ((width >> shift) >= Bins)
        {
            shift++;
        }
        var n = values.Length;
        if (_bins.Length < n)
        {
            _bins = new int[Math.Max(n, 1024)];
        }
        var bins = _bins.AsSpan(0, n);
        ComputeBins(values, bins, lowKey, shift);
        var histogram = _histogram.AsSpan();
        histogram.Clear();
        var quarter = n & ~3;
        for (var i = 0; i < quarter; i += 4)
        {
            histogram[bins[i]]++;
            histogram[Bins + bins[i + 1]]++;
            histogram[(2 * Bins) + bins[i + 2]]++;
            histogram[(3 * Bins) + bins[i + 3]]++;
        }
        for (var i = quarter; i < n; i++)
        {
            histogram[bins[i]]++;
        }
        return bins;
    }

    /// <summary>The value at rank <paramref name="k"/>: the bin that holds it, then a quickselect among that bin's values.</summary>
    private float Pick(ReadOnlySpan<float> values, ReadOnlySpan<int> bins, int k)
    {
        var histogram = _histogram;
        var target = 0;
        var cumulative = 0;
        var size = 0;
        for (; ; target++)
        {
            size = histogram[target] + histogram[Bins + target] + histogram[(2 * Bins) + target] + histogram[(3 * Bins) + target];
            if (cumulative + size > k)
            {
                break;
            }
            cumulative += size;
        }
        if (_bin.Length < size)
        {
            _bin = new float[Math.Max(size, 1024)];
        }
        var count = Collect(values, bins, target, _bin);
        return PerFrameThreshold.QuickSelect(_bin.AsSpan(0, count), k - cumulative);
    }

    /// <summary>bins[i] = (uint)(key(values[i]) − lowKey) &gt;&gt; shift.</summary>
    private static void ComputeBins(ReadOnlySpan<float> values, Span<int> bins, int lowKey, int shift)
    {
        var source = MemoryMarshal.Cast<float, Vector<float>>(values);
        var target = MemoryMarshal.Cast<int, Vector<uint>>(bins);
        var origin = new Vector<int>(lowKey);
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = Vector.ShiftRightLogical(Vector.AsVectorUInt32(FloatKey.ToKeys(source[i]) - origin), shift);
        }
        for (var i = source.Length * Vector<float>.Count; i < values.Length; i++)
        {
            bins[i] = (int)((uint)(FloatKey.ToKey(values[i]) - lowKey) >> shift);
        }
    }

    /// <summary>Copies the values whose bin is <paramref name="wanted"/> into <paramref name="output"/>; returns how many.</summary>
    private static int Collect(ReadOnlySpan<float> values, ReadOnlySpan<int> bins, int wanted, float[] output)
    {
        var count = 0;
        var vectors = MemoryMarshal.Cast<int, Vector<int>>(bins);
        var match = new Vector<int>(wanted);
        for (var i = 0; i < vectors.Length; i++)
        {
            var equal = Vector.Equals(vectors[i], match);
            if (equal != Vector<int>.Zero)
            {
                var start = i * Vector<int>.Count;
                for (var bits = VectorLanes.Mask(equal); bits != 0; bits &= bits - 1)
                {
                    output[count++] = values[start + BitOperations.TrailingZeroCount(bits)];
                }
            }
        }
        for (var i = vectors.Length * Vector<int>.Count; i < values.Length; i++)
        {
            if (bins[i] == wanted)
            {
                output[count++] = values[i];
            }
        }
        return count;
    }
}
