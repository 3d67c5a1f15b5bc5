using System.Numerics;
using System.Runtime.InteropServices;

namespace AvatarTools.Core.Scoring;

/// <summary>The minimum and maximum of a span of grid values, by SIMD lanes, and whether it holds NaN.</summary>
internal static class SpanExtremes
{
    /// <summary>
    /// The minimum and maximum (+∞ and −∞ for an empty span) and whether any value is NaN. With NaN present the extremes are
    /// of no use: callers take NaN bounds or the rule as written. Signed zeros may come back either way (they compare equal).
    /// </summary>
    public static (float Minimum, float Maximum, bool NaN) Of(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var minimum = float.PositiveInfinity;
        var maximum = float.NegativeInfinity;
        var nan = false;
        if (vectors.Length > 0)
        {
            var low = vectors[0];
            var high = vectors[0];
            var anyNaN = Vector<int>.Zero;
            for (var i = 0; i < vectors.Length; i++)
            {
                low = Vector.Min(low, vectors[i]);
                high = Vector.Max(high, vectors[i]);
                anyNaN |= ~Vector.Equals(vectors[i], vectors[i]);
            }
            nan = anyNaN != Vector<int>.Zero;
            for (var lane = 0; lane < Vector<float>.Count; lane++)
            {
                minimum = Math.Min(minimum, low[lane]);
                maximum = Math.Max(maximum, high[lane]);
            }
        }
        for (var x = vectors.Length * Vector<float>.Count; x < values.Length; x++)
        {
            nan |= float.IsNaN(values[x]);
            minimum = Math.Min(minimum, values[x]);
            maximum = Math.Max(maximum, values[x]);
        }
        return (minimum, maximum, nan);
    }
}
