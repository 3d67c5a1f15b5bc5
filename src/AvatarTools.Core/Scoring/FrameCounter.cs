using System.Numerics;
using System.Runtime.InteropServices;

namespace AvatarTools.Core.Scoring;

/// <summary>SIMD counts of grid values at or above a threshold, over a row or a span of it.</summary>
internal static class FrameCounter
{
    /// <summary>The values the tie rule predicts at <paramref name="threshold"/>: ≥ it (AtLeast) or &gt; it (Above).</summary>
    public static int Count(ReadOnlySpan<float> values, float threshold, TieRule rule) =>
        rule == TieRule.Above ? CountAbove(values, threshold) : CountAtLeast(values, threshold);

    /// <summary>
    /// The counts of <see cref="Count"/> at up to three thresholds in one sweep (the missing ones as +∞ under AtLeast, which
    /// counts nothing): <paramref name="counts"/>[s] += the values the rule predicts at thresholds[s].
    /// </summary>
    public static void CountMany(ReadOnlySpan<float> values, ReadOnlySpan<float> thresholds, TieRule rule, Span<int> counts)
    {
        for (var first = 0; first < thresholds.Length; first += 3)
        {
            var n = Math.Min(3, thresholds.Length - first);
            var t0 = thresholds[first];
            var t1 = n > 1 ? thresholds[first + 1] : float.NaN;
            var t2 = n > 2 ? thresholds[first + 2] : float.NaN;
            var (c0, c1, c2) = rule == TieRule.Above ? CountAbove3(values, t0, t1, t2) : CountAtLeast3(values, t0, t1, t2);
            counts[first] += c0;
            if (n > 1)
            {
                counts[first + 1] += c1;
            }
            if (n > 2)
            {
                counts[first + 2] += c2;
            }
        }
    }

    private static (int, int, int) CountAtLeast3(ReadOnlySpan<float> values, float t0, float t1, float t2)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var limit0 = new Vector<float>(t0);
        var limit1 = new Vector<float>(t1);
        var limit2 = new Vector<float>(t2);
        var a0 = Vector<int>.Zero;
        var a1 = Vector<int>.Zero;
        var a2 = Vector<int>.Zero;
        for (var i = 0; i < vectors.Length; i++)
        {
            var v = vectors[i];
            a0 -= Vector.GreaterThanOrEqual(v, limit0);
            a1 -= Vector.GreaterThanOrEqual(v, limit1);
            a2 -= Vector.GreaterThanOrEqual(v, limit2);
        }
        int c0 = Vector.Sum(a0), c1 = Vector.Sum(a1), c2 = Vector.Sum(a2);
        for (var x = vectors.Length * Vector<float>.Count; x < values.Length; x++)
        {
            var v = values[x];
            c0 += v >= t0 ? 1 : 0;
            c1 += v >= t1 ? 1 : 0;
            c2 += v >= t2 ? 1 : 0;
        }
        return (c0, c1, c2);
    }

    private static (int, int, int) CountAbove3(ReadOnlySpan<float> values, float t0, float t1, float t2)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var limit0 = new Vector<float>(t0);
        var limit1 = new Vector<float>(t1);
        var limit2 = new Vector<float>(t2);
        var a0 = Vector<int>.Zero;
        var a1 = Vector<int>.Zero;
        var a2 = Vector<int>.Zero;
        for (var i = 0; i < vectors.Length; i++)
        {
            var v = vectors[i];
            a0 -= Vector.GreaterThan(v, limit0);
            a1 -= Vector.GreaterThan(v, limit1);
            a2 -= Vector.GreaterThan(v, limit2);
        }
        int c0 = Vector.Sum(a0), c1 = Vector.Sum(a1), c2 = Vector.Sum(a2);
        for (var x = vectors.Length * Vector<float>.Count; x < values.Length; x++)
        {
            var v = values[x];
            c0 += v > t0 ? 1 : 0;
            c1 += v > t1 ? 1 : 0;
            c2 += v > t2 ? 1 : 0;
        }
        return (c0, c1, c2);
    }

    public static int CountAbove(ReadOnlySpan<float> values, float threshold)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var limit = new Vector<float>(threshold);
        var accumulator = Vector<int>.Zero;
        for (var i = 0; i < vectors.Length; i++)
        {
            accumulator -= Vector.GreaterThan(vectors[i], limit);
        }
        var count = Vector.Sum(accumulator);
        for (var x = vectors.Length * Vector<float>.Count; x < values.Length; x++)
        {
            if (values[x] > threshold)
            {
                count++;
            }
        }
        return count;
    }

    public static int CountAtLeast(ReadOnlySpan<float> values, float threshold)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var limit = new Vector<float>(threshold);
        var accumulator = Vector<int>.Zero;
        for (var i = 0; i < vectors.Length; i++)
        {
            accumulator -= Vector.GreaterThanOrEqual(vectors[i], limit);
        }
        var count = Vector.Sum(accumulator);
        for (var x = vectors.Length * Vector<float>.Count; x < values.Length; x++)
        {
            if (values[x] >= threshold)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>The value at 0-based ascending index <paramref name="k"/> of <paramref name="values"/> (radix select on float keys).</summary>
    public static float SelectAscending(ReadOnlySpan<float> values, int k, int[] histogram)
    {
        Array.Clear(histogram);
        foreach (var value in values)
        {
            histogram[(uint)(FloatKey.ToKey(value) ^ int.MinValue) >> 16]++;
        }
        var cumulative = 0;
        var high = 0;
        while (cumulative + histogram[high] <= k)
        {
            cumulative += histogram[high];
            high++;
        }
        Array.Clear(histogram);
        foreach (var value in values)
        {
            var key = (uint)(FloatKey.ToKey(value) ^ int.MinValue);
            if (key >> 16 == high)
            {
                histogram[key & 0xFFFF]++;
            }
        }
        var low = 0;
        while (cumulative + histogram[low] <= k)
        {
            cumulative += histogram[low];
            low++;
        }
        return FloatKey.FromKey((int)(((uint)high << 16) | (uint)low) ^ int.MinValue);
    }
}
