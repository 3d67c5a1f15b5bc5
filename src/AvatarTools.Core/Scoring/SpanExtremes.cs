using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// one instruction or two. <see cref="Vector.Min{T}(Vector{T}, Vector{T})"/> orders signed zeros and propagates NaN as IEEE 754's
    /// minimum does, which costs several more on every vector; the callers here need neither.
    /// </summary>
    /// <remarks>x86's minps is this very rule (it returns its second operand unless the first is less), so one instruction there.</remarks>
    public static Vector<float> Lesser(Vector<float> a, Vector<float> b)
    {
        if (Vector<float>.Count == 8 && Avx.IsSupported)
        {
            return Avx.Min(a.AsVector256(), b.AsVector256()).AsVector();
        }
        if (Vector<float>.Count == 16 && Avx512F.IsSupported)
        {
            return Avx512F.Min(a.AsVector512(), b.AsVector512()).AsVector();
        }
        return Vector.ConditionalSelect(Vector.LessThan(a, b), a, b);
    }

    /// <summary>Lane by lane a where a &gt; b, else b: the maximum of two non-NaN values, as <see cref="Lesser"/>.</summary>
    /// <remarks>x86's maxps is this very rule (it returns its second operand unless the first is greater).</remarks>
    public static Vector<float> Greater(Vector<float> a, Vector<float> b)
    {
        if (Vector<float>.Count == 8 && Avx.IsSupported)
        {
            return Avx.Max(a.AsVector256(), b.AsVector256()).AsVector();
        }
        if (Vector<float>.Count == 16 && Avx512F.IsSupported)
        {
            return Avx512F.Max(a.AsVector512(), b.AsVector512()).AsVector();
        }
        return Vector.ConditionalSelect(Vector.GreaterThan(a, b), a, b);
    }
}
