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
                low = Lesser(low, vectors[i]);
                high = Greater(high, vectors[i]);
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

    /// <summary>
    /// Lane by lane a where a &lt; b, else b: the minimum of two non-NaN values (either zero when they are −0 and +0), in
    /// two instructions. <see cref="Vector.Min{T}(Vector{T}, Vector{T})"/> orders signed zeros and propagates NaN as IEEE 754's
    /// minimum does, which costs several more on every vector; the callers here need neither.
    /// </summary>
    public static Vector<float> Lesser(Vector<float> a, Vector<float> b) => Vector.ConditionalSelect(Vector.LessThan(a, b), a, b);

    /// <summary>Lane by lane a where a &gt; b, else b: the maximum of two non-NaN values, as <see cref="Lesser"/>.</summary>
    public static Vector<float> Greater(Vector<float> a, Vector<float> b) => Vector.ConditionalSelect(Vector.GreaterThan(a, b), a, b);
}
