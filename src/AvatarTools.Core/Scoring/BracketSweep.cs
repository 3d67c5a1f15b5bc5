using System.Numerics;
using System.Runtime.InteropServices;

namespace AvatarTools.Core.Scoring;

/// <summary>What an exact pass does with a value that lies inside one of its brackets (histogram it, or keep it).</summary>
internal interface IBracketSink
{
    /// <summary>
    /// A value at <paramref name="offset"/> of the swept span that may lie inside one of brackets first … first + count − 1
    /// (every value of the span's scalar tail comes here too): the sink tests each bracket itself.
    /// </summary>
    void Inside(float value, int offset, BracketBounds[] bounds, int first, int count);
}

/// <summary>
/// The sweep both exact passes share (<see cref="GlobalThreshold"/>'s calibration and <see cref="FusedGlobalPass"/>): per
/// bracket the count of values below its High (≤ High when the bracket holds everything below +∞), three brackets per sweep
/// with the counts in registers, and one branch, rarely taken, that hands the lanes inside any bracket to the sink. The sink
/// is a struct, so the JIT specialises the sweep for each pass and inlines it.
/// </summary>
internal static class BracketSweep
{
    /// <summary>
    /// Sweeps <paramref name="values"/> for every bracket: <paramref name="belowVector"/>[a] accumulates the vector lanes'
    /// "below High" as −1 per value (subtract their sum), <paramref name="below"/>[a] the scalar tail's count.
    /// </summary>
    public static void Sweep<TSink>(ReadOnlySpan<float> values, BracketBounds[] bounds, Vector<int>[] belowVector, long[] below, ref TSink sink)
        where TSink : struct, IBracketSink
    {
        for (var first = 0; first < bounds.Length; first += 3)
        {
            Sweep3(values, bounds, first, belowVector, below, ref sink);
        }
    }

    /// <summary>Vectors of one chunk whose lanes go to the sink after the chunk's counting loop (which so holds no call).</summary>
    private const int ChunkVectors = 64;

    private static void Sweep3<TSink>(ReadOnlySpan<float> row, BracketBounds[] bounds, int first, Vector<int>[] belowVector, long[] below, ref TSink sink)
        where TSink : struct, IBracketSink
    {
        var count = Math.Min(3, bounds.Length - first);
        var never = new BracketBounds(long.MaxValue, long.MinValue, 0);
        var b0 = bounds[first];
        var b1 = count > 1 ? bounds[first + 1] : never;
        var b2 = count > 2 ? bounds[first + 2] : never;
        // v below High ⇔ v ≤ BelowLimit: one comparison for both kinds of bracket.
        var limit0 = new Vector<float>(b0.BelowLimit);
        var limit1 = new Vector<float>(b1.BelowLimit);
        var limit2 = new Vector<float>(b2.BelowLimit);
        var low0 = new Vector<float>(b0.LowValue);
        var low1 = new Vector<float>(b1.LowValue);
        var low2 = new Vector<float>(b2.LowValue);
        var accumulator0 = Vector<int>.Zero;
        var accumulator1 = Vector<int>.Zero;
        var accumulator2 = Vector<int>.Zero;
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(row);
        Span<int> hits = stackalloc int[ChunkVectors];
        Span<ulong> hitLanes = stackalloc ulong[ChunkVectors];
        for (var chunk = 0; chunk < vectors.Length; chunk += ChunkVectors)
        {
            var end = Math.Min(vectors.Length, chunk + ChunkVectors);
            var hitCount = 0;
            for (var i = chunk; i < end; i++)
            {
                var values = vectors[i];
                var below0 = Vector.LessThanOrEqual(values, limit0);
                var below1 = Vector.LessThanOrEqual(values, limit1);
                var below2 = Vector.LessThanOrEqual(values, limit2);
                accumulator0 += below0;
                accumulator1 += below1;
                accumulator2 += below2;
                var inside = Vector.AndNot(below0, Vector.LessThan(values, low0)) | Vector.AndNot(below1, Vector.LessThan(values, low1))
                    | Vector.AndNot(below2, Vector.LessThan(values, low2));
                if (inside != Vector<int>.Zero)
                {
                    hitLanes[hitCount] = VectorLanes.Mask(inside);
                    hits[hitCount++] = i;
                }
            }
            for (var h = 0; h < hitCount; h++)
            {
                for (var lanes = hitLanes[h]; lanes != 0; lanes &= lanes - 1)
                {
                    var x = (hits[h] * Vector<float>.Count) + BitOperations.TrailingZeroCount(lanes);
                    sink.Inside(row[x], x, bounds, first, count);
                }
            }
        }
        belowVector[first] += accumulator0;
        if (count > 1)
        {
            belowVector[first + 1] += accumulator1;
        }
        if (count > 2)
        {
            belowVector[first + 2] += accumulator2;
        }
        for (var x = vectors.Length * Vector<float>.Count; x < row.Length; x++)
        {
            for (var a = first; a < first + count; a++)
            {
                if (row[x] <= bounds[a].BelowLimit)
                {
                    below[a]++;
                }
            }
            sink.Inside(row[x], x, bounds, first, count);
        }
    }
}
