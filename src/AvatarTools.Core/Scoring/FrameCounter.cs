using System.Numerics;
using System.Runtime.InteropServices;

namespace AvatarTools.Core.Scoring;

/// <summary>SIMD counts of grid values at or above a threshold, over a row or a span of it.</summary>
internal static class FrameCounter
{
    /// <summary>The values the tie rule predicts at <paramref name="threshold"/>: ≥ it (AtLeast) or &gt; it (Above).</summary>
    public static int Count(ReadOnlySpan<float> values, float threshold, TieRule rule) =>
        rule == TieRule.Above ? CountAbove(values, threshold) : CountAtLeast(values, threshold);

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
