using System.Numerics;
using System.Runtime.InteropServices;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The per-sample threshold of the image protocols, by selection: n(v) = (v − min) / (max − min) in float32 (v − min when
/// max = min), τ = n(v_k) with v_k the raw value at ascending index k = ⌊N/2⌋, and the raw threshold T that predicts the
/// same pixels as n(v) ≥ τ (or &gt; τ): the smallest float with n(T) ≥ τ (&gt; τ), since n is monotone. v_k comes from a
/// histogram of 2,048 equal bins over [min, max] (bin = ⌊(v − min)·scale⌋, monotone in v): the bin holding rank k, then a
/// quickselect among its values; two linear passes, no sort. Reusable (one per thread).
/// </summary>
internal sealed class SampleMedian
{
    private const int Bins = 2048;

    private readonly int[] _histogram = new int[4 * Bins];
    private int[] _binOf = Array.Empty<int>();
    private float[] _band = new float[8192];

    /// <summary>τ in normalised units and T (predict v ≥ T); NaN for both when the grid holds NaN or its range overflows.</summary>
    public (float Normalised, float RawAtLeast) Select(float[] grid, TieRule rule)
    {
        var (minimum, maximum, nan) = SpanExtremes.Of(grid);
        var range = maximum - minimum;
        if (nan || float.IsInfinity(range) || float.IsInfinity(minimum))
        {
            return (float.NaN, float.NaN);
        }
        var k = grid.Length / 2;
        var raw = range == 0 ? minimum : SelectRaw(grid, k, minimum, range);
        float Normalise(float v) => range != 0 ? (v - minimum) / range : v - minimum;
        var tau = Normalise(raw);
        if (rule == TieRule.AtLeast)
        {
            return (tau, SmallestKeyWhere(FloatKey.ToKey(minimum), FloatKey.ToKey(raw), v => Normalise(v) >= tau));
        }
        return Normalise(maximum) > tau
            ? (tau, SmallestKeyWhere(FloatKey.ToKey(raw), FloatKey.ToKey(maximum), v => Normalise(v) > tau))
            : (tau, float.PositiveInfinity);
    }

    private const int Stride = 8;
    private const int Margin = 96;

    /// <summary>
    /// v_k: a histogram of every 8th value brackets rank k (± 96 sample ranks); one SIMD pass counts the values below the
    /// bracket and gathers those inside; a quickselect among them gives v_k. When the bracket missed, <see cref="SelectByHistogram"/>.
    /// </summary>
    private float SelectRaw(float[] grid, int k, float minimum, float range)
    {
        var n = grid.Length;
        var samples = n / Stride;
        if (samples < 4 * Margin)
        {
            return SelectByHistogram(grid, k, minimum, range);
        }
        var scale = Bins / range;
        var histogram = _histogram.AsSpan(0, Bins);
        histogram.Clear();
        for (var i = 0; i < samples; i++)
        {
            histogram[Math.Min((int)((grid[(i * Stride) + (Stride / 2)] - minimum) * scale), Bins - 1)]++;
        }
        var centre = (int)((long)k * samples / n);
        var lowRank = Math.Max(0, centre - Margin);
        var highRank = Math.Min(samples - 1, centre + Margin);
        int lowBin = 0, highBin, cumulative = 0;
        while (cumulative + histogram[lowBin] <= lowRank)
        {
            cumulative += histogram[lowBin++];
        }
        highBin = lowBin;
        while (cumulative + histogram[highBin] <= highRank)
        {
            cumulative += histogram[highBin++];
        }
        var step = range / Bins;
        var low = lowBin == 0 ? float.NegativeInfinity : minimum + (lowBin * step);
        var high = highBin == Bins - 1 ? float.PositiveInfinity : minimum + ((highBin + 1) * step);
        var below = 0;
        var inside = 0;
        var values = MemoryMarshal.Cast<float, Vector<float>>(grid.AsSpan());
        var lowVector = new Vector<float>(low);
        var highVector = new Vector<float>(high);
        var belowCount = Vector<int>.Zero;
        var capacity = _band.Length;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            var isBelow = Vector.LessThan(v, lowVector);
            belowCount -= isBelow;
            var isInside = Vector.AndNot(Vector.LessThanOrEqual(v, highVector), isBelow);
            if (isInside != Vector<int>.Zero)
            {
                if (inside + Vector<float>.Count > capacity)
                {
                    return SelectByHistogram(grid, k, minimum, range);
                }
                var start = i * Vector<float>.Count;
                for (var lane = 0; lane < Vector<float>.Count; lane++)
                {
                    var value = grid[start + lane];
                    if (value >= low && value <= high)
                    {
                        _band[inside++] = value;
                    }
                }
            }
        }
        below = Vector.Sum(belowCount);
        for (var x = values.Length * Vector<float>.Count; x < n; x++)
        {
            var value = grid[x];
            if (value < low)
            {
                below++;
            }
            else if (value <= high)
            {
                if (inside == capacity)
                {
                    return SelectByHistogram(grid, k, minimum, range);
                }
                _band[inside++] = value;
            }
        }
        if (k < below || k >= below + inside)
        {
            return SelectByHistogram(grid, k, minimum, range);
        }
        return PerFrameThreshold.QuickSelect(_band.AsSpan(0, inside), k - below);
    }

    /// <summary>v_k from a histogram of every value: the bin holding rank k, then a quickselect among its values.</summary>
    private float SelectByHistogram(float[] grid, int k, float minimum, float range)
    {
        var n = grid.Length;
        if (_binOf.Length < n)
        {
            _binOf = new int[n];
        }
        var scale = Bins / range;
        Array.Clear(_histogram);
        var bins = _binOf.AsSpan(0, n);
        var values = MemoryMarshal.Cast<float, Vector<float>>(grid.AsSpan());
        var targets = MemoryMarshal.Cast<int, Vector<int>>(bins);
        var low = new Vector<float>(minimum);
        var factor = new Vector<float>(scale);
        var last = new Vector<int>(Bins - 1);
        for (var i = 0; i < values.Length; i++)
        {
            targets[i] = Vector.Min(Vector.ConvertToInt32((values[i] - low) * factor), last);
        }
        for (var x = values.Length * Vector<float>.Count; x < n; x++)
        {
            bins[x] = Math.Min((int)((grid[x] - minimum) * scale), Bins - 1);
        }
        // Four interleaved histograms, so that runs of equal bins (neighbouring pixels) do not wait on each other's stores.
        var histogram = _histogram.AsSpan();
        var quarter = n & ~3;
        for (var x = 0; x < quarter; x += 4)
        {
            histogram[bins[x]]++;
            histogram[Bins + bins[x + 1]]++;
            histogram[(2 * Bins) + bins[x + 2]]++;
            histogram[(3 * Bins) + bins[x + 3]]++;
        }
        for (var x = quarter; x < n; x++)
        {
            histogram[bins[x]]++;
        }
        for (var b = 0; b < Bins; b++)
        {
            histogram[b] += histogram[Bins + b] + histogram[(2 * Bins) + b] + histogram[(3 * Bins) + b];
        }
        var below = 0;
        var target = 0;
        while (below + _histogram[target] <= k)
        {
            below += _histogram[target];
            target++;
        }
        var size = _histogram[target];
        if (_band.Length < size)
        {
            _band = new float[Math.Max(size, _band.Length * 2)];
        }
        var count = 0;
        var wanted = new Vector<int>(target);
        var vectorBins = MemoryMarshal.Cast<int, Vector<int>>(bins);
        for (var i = 0; i < vectorBins.Length; i++)
        {
            if (Vector.EqualsAny(vectorBins[i], wanted))
            {
                var start = i * Vector<int>.Count;
                for (var lane = 0; lane < Vector<int>.Count; lane++)
                {
                    if (bins[start + lane] == target)
                    {
                        _band[count++] = grid[start + lane];
                    }
                }
            }
        }
        for (var x = vectorBins.Length * Vector<int>.Count; x < n; x++)
        {
            if (bins[x] == target)
            {
                _band[count++] = grid[x];
            }
        }
        return PerFrameThreshold.QuickSelect(_band.AsSpan(0, count), k - below);
    }

    private static float SmallestKeyWhere(int lowKey, int highKey, Func<float, bool> predicate)
    {
        // predicate holds at highKey; the smallest key in [lowKey, highKey] where it holds (it is monotone).
        long low = lowKey;
        long high = highKey;
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
}
