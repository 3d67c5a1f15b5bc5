using System.Numerics;
using System.Runtime.InteropServices;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The PerFrame policy (EZ-VSL's rule): min-max normalise the frame's grid, n(v) = (v − min) / (max − min) in float32 (no
/// division when max = min), τ = the normalised value at ascending index ⌊N/2⌋, P = {n(v) ≥ τ} (or &gt; τ).
/// </summary>
/// <remarks>
/// n is monotone non-decreasing, so τ = n(v_k) where v_k is the raw value at index k = ⌊N/2⌋, and P is {v ≥ T} for the
/// smallest float T with n(T) ≥ τ (&gt; τ for the Above rule), found by bisection over float keys. So the grid is never
/// normalised, and v_k is selected in linear time: a strided sample brackets it, one pass counts the values below the
/// bracket and gathers those inside, and a quickselect over the few gathered ones gives v_k (a radix select over the
/// whole grid when the bracket missed). The result equals normalising and sorting.
/// </remarks>
internal sealed class PerFrameThreshold
{
    private const int SampleSize = 8192;
    private const int SampleMargin = 160;

    private readonly float[] _sample = new float[SampleSize];
    private readonly float[] _band = new float[16384];
    private readonly int[] _histogram = new int[1 << 16];

    /// <summary>The threshold of a grid: τ in normalised units, and the raw-value threshold T that predicts the same pixels as v ≥ T.</summary>
    public (float Normalised, float RawAtLeast) Select(ReadOnlySpan<float> grid, TieRule rule)
    {
        var (minimum, maximum) = MinMax(grid);
        if (float.IsNaN(minimum) || float.IsNaN(maximum) || float.IsInfinity(maximum - minimum))
        {
            return Fallback(grid, rule);
        }
        var k = grid.Length / 2;
        var raw = SelectRaw(grid, k);
        return Thresholds(minimum, maximum, raw, rule);
    }

    /// <summary>
    /// τ = n(raw) for the raw value <paramref name="raw"/> at index ⌊N/2⌋ of a grid with the given (finite) minimum and maximum,
    /// and the raw-value threshold T that predicts the same pixels as the rule on n: v ≥ T.
    /// </summary>
    internal static (float Normalised, float RawAtLeast) Thresholds(float minimum, float maximum, float raw, TieRule rule)
    {
        // −0 as +0 (as the written-out rule's radix select gives it), whichever of the equal zeros a selection returned.
        minimum += 0f;
        maximum += 0f;
        raw += 0f;
        var range = maximum - minimum;
        float Normalise(float v) => range != 0 ? (v - minimum) / range : v - minimum;
        var tau = Normalise(raw);
        float threshold;
        if (rule == TieRule.AtLeast)
        {
            // Smallest key in [key(min), key(raw)] whose value normalises to ≥ τ (raw itself does).
            threshold = SmallestKeyWhere(FloatKey.ToKey(minimum), FloatKey.ToKey(raw), v => Normalise(v) >= tau);
        }
        else if (Normalise(maximum) > tau)
        {
            threshold = SmallestKeyWhere(FloatKey.ToKey(raw), FloatKey.ToKey(maximum), v => Normalise(v) > tau);
        }
        else
        {
            threshold = float.PositiveInfinity;
        }
        return (tau, threshold);
    }

    /// <summary>The reference computation (normalise a copy, radix-select the median, count by the rule), for grids with NaN or overflow.</summary>
    private (float, float) Fallback(ReadOnlySpan<float> grid, TieRule rule)
    {
        var copy = grid.ToArray();
        var tau = NormalizeAndSelectMedian(copy, _histogram);
        // Without a monotone map to raw values, predict nothing raw-wise; callers count on the normalised copy instead.
        return (tau, float.NaN);
    }

    private static float SmallestKeyWhere(int lowKey, int highKey, Func<float, bool> predicate)
    {
        // Invariant: predicate(FromKey(highKey)) holds; find the smallest key in [lowKey, highKey] where it holds.
        var low = (long)lowKey;
        var high = (long)highKey;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (predicate(FloatKey.FromKey((int)middle)))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return FloatKey.FromKey((int)high);
    }

    private float SelectRaw(ReadOnlySpan<float> grid, int k)
    {
        var n = grid.Length;
        if (n <= SampleSize * 4)
        {
            return SelectByRadix(grid, k);
        }
        var stride = n / SampleSize;
        for (var i = 0; i < SampleSize; i++)
        {
            _sample[i] = grid[(i * stride) + (stride / 2)];
        }
        var centre = (int)((long)k * SampleSize / n);
        var lowRank = Math.Max(0, centre - SampleMargin);
        var highRank = Math.Min(SampleSize - 1, centre + SampleMargin);
        var low = QuickSelect(_sample, lowRank);
        var high = QuickSelect(_sample.AsSpan(lowRank), highRank - lowRank);
        var below = 0;
        var inside = 0;
        var lowVector = new Vector<float>(low);
        var highVector = new Vector<float>(high);
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(grid);
        var belowAccumulator = Vector<int>.Zero;
        for (var i = 0; i < vectors.Length; i++)
        {
            var v = vectors[i];
            var isBelow = Vector.LessThan(v, lowVector);
            belowAccumulator -= isBelow;
            var isInside = Vector.AndNot(Vector.LessThanOrEqual(v, highVector), isBelow);
            if (isInside != Vector<int>.Zero)
            {
                for (var lane = 0; lane < Vector<float>.Count; lane++)
                {
                    if (isInside[lane] != 0)
                    {
                        if (inside == _band.Length)
                        {
                            return SelectByRadix(grid, k);
                        }
                        _band[inside++] = v[lane];
                    }
                }
            }
        }
        below += Vector.Sum(belowAccumulator);
        for (var x = vectors.Length * Vector<float>.Count; x < n; x++)
        {
            var v = grid[x];
            if (v < low)
            {
                below++;
            }
            else if (v <= high)
            {
                if (inside == _band.Length)
                {
                    return SelectByRadix(grid, k);
                }
                _band[inside++] = v;
            }
        }
        if (k < below || k >= below + inside)
        {
            return SelectByRadix(grid, k);
        }
        return QuickSelect(_band.AsSpan(0, inside), k - below);
    }

    private float SelectByRadix(ReadOnlySpan<float> grid, int k) => FrameCounter.SelectAscending(grid, k, _histogram);

    /// <summary>The value at ascending index <paramref name="k"/> of <paramref name="values"/> (reordered in place; no NaN).</summary>
    internal static float QuickSelect(Span<float> values, int k)
    {
        var left = 0;
        var right = values.Length - 1;
        while (right > left)
        {
            var middle = left + ((right - left) / 2);
            // Median of three as the pivot.
            if (values[middle] < values[left])
            {
                (values[middle], values[left]) = (values[left], values[middle]);
            }
            if (values[right] < values[left])
            {
                (values[right], values[left]) = (values[left], values[right]);
            }
            if (values[right] < values[middle])
            {
                (values[right], values[middle]) = (values[middle], values[right]);
            }
            var pivot = values[middle];
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }
        return values[k];
    }

    /// <summary>The grid's minimum and maximum; both NaN when it holds NaN.</summary>
    internal static (float Minimum, float Maximum) MinMax(ReadOnlySpan<float> grid)
    {
        var (minimum, maximum, nan) = SpanExtremes.Of(grid);
        return nan ? (float.NaN, float.NaN) : (minimum, maximum);
    }

    /// <summary>
    /// EZ-VSL's per-frame rule written out: v ← v − min, then v ← v / max when max ≠ 0 (float32), τ = the value at ascending
    /// index ⌊N/2⌋. The grid is normalised in place. The reference for <see cref="Select"/>, and what overlays use.
    /// </summary>
    public static float NormalizeAndSelectMedian(float[] grid, int[] histogram)
    {
        var minimum = float.PositiveInfinity;
        foreach (var value in grid)
        {
            minimum = Math.Min(minimum, value);
        }
        var maximum = float.NegativeInfinity;
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] -= minimum;
            maximum = Math.Max(maximum, grid[i]);
        }
        if (maximum != 0)
        {
            for (var i = 0; i < grid.Length; i++)
            {
                grid[i] /= maximum;
            }
        }
        return FrameCounter.SelectAscending(grid, grid.Length / 2, histogram);
    }
}
