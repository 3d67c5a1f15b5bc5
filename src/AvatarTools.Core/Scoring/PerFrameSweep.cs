using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The PerFrame policy of one frame in one sweep over its grid rows, without keeping the grid: the same τ, |P| and |P ∩ G|
/// as <see cref="PerFrameThreshold.Select"/> and the counts on the full grid, bit for bit. One per thread.
/// </summary>
/// <remarks>
/// A sample of whole rows brackets v_k (k = ⌊N/2⌋) by [low, high] (<see cref="BandSelect"/> picks the sample's two ranks).
/// The sweep upsamples each row once into a row buffer (with two vertical taps, inside its own loop) and, vectorised, takes
/// the minimum and maximum, counts the values below low (over the row, and over the ground truth's spans; those above high
/// are the rest), and gathers the values in [low, high] (those in the spans also apart): its loop has no branch, it notes
/// the vectors with lanes in the bracket, and their lanes are gathered after the row. v_k is selected among the gathered
/// ones; the raw threshold T (<see cref="PerFrameThreshold.Thresholds"/>) lies in [low, high] unless rounding flattens the
/// normalisation there, so |P| = (above high) + (gathered ≥ T), and |P ∩ G| alike. Declines (the caller takes the full-grid
/// path) when the map has a non-finite or huge value, the grid is small, the bracket missed τ or T, or a band overflowed.
/// </remarks>
internal sealed class PerFrameSweep
{
    private const int SampleRows = 16;

    /// <summary>The bracket's half-width in ranks, as a share of the sample.</summary>
    private const double MarginShare = 0.015;

    private float[] _row = Array.Empty<float>();
    private readonly BandSelect _select = new();
    private float[] _sample = Array.Empty<float>();
    private readonly float[] _band = new float[1 << 15];
    private readonly float[] _truthBand = new float[1 << 15];
    private int[] _hits = Array.Empty<int>();

    /// <summary>τ (normalised), |P| and |P ∩ G| of the frame after <see cref="UpsampleEngine.Prepare"/>, or false when the full-grid path must be taken.</summary>
    public bool TryScore(UpsampleEngine engine, Heatmap heatmap, int height, int width, TieRule rule, int[] rowStarts, int[] spans,
        out float tau, out int predicted, out int intersection)
    {
        tau = 0;
        predicted = 0;
        intersection = 0;
        if (!MapMagnitude.IsSafe(heatmap))
        {
            return false;
        }
        var n = height * width;
        // (a hit packs its vector's index above 16 lane bits, so rows of 2^15 vectors or more take the full grid too)
        if (height < SampleRows * 2 || n < 1 << 14 || width / Vector<float>.Count >= 1 << 15)
        {
            return false;
        }
        if (_row.Length < width)
        {
            _row = new float[width];
            _hits = new int[(width / Vector<float>.Count) + 1];
        }
        var columnStep = width >= 256 ? 4 : 1;
        var sampleColumns = (width + columnStep - 1) / columnStep;
        var sampleSize = SampleRows * sampleColumns;
        if (_sample.Length < sampleSize)
        {
            _sample = new float[sampleSize];
        }
        for (var s = 0; s < SampleRows; s++)
        {
            var y = ((s * height) / SampleRows) + (height / (SampleRows * 2));
            engine.ComputeRow(y, _row);
            for (var x = 0; x < sampleColumns; x++)
            {
                _sample[(s * sampleColumns) + x] = _row[x * columnStep];
            }
        }
        var k = n / 2;
        var centre = (int)((long)k * sampleSize / n);
        var margin = (int)(sampleSize * MarginShare) + 16;
        var lowRank = Math.Max(0, centre - margin);
        var highRank = Math.Min(sampleSize - 1, centre + margin);
        var sample = _sample.AsSpan(0, sampleSize);
        var (sampleMinimum, sampleMaximum, _) = SpanExtremes.Of(sample);
        var (low, high) = _select.SelectTwo(sample, lowRank, highRank, sampleMinimum, sampleMaximum);

        var sweep = new Sweep(low, high);
        var truthSweep = new Sweep(low, high);
        var row = _row.AsSpan(0, width);
        for (var y = 0; y < height; y++)
        {
            if (engine.TryTwoTaps(y, out var row0, out var weight0, out var row1, out var weight1))
            {
                if (!sweep.AddInterpolated(row0, weight0, row1, weight1, row, _band, _hits))
                {
                    return false;
                }
            }
            else
            {
                engine.ComputeRow(y, row);
                if (!sweep.Add(row, _band, _hits, minMax: true))
                {
                    return false;
                }
            }
            for (var s = rowStarts[y]; s < rowStarts[y + 1]; s += 2)
            {
                if (!truthSweep.Add(row.Slice(spans[s], spans[s + 1] - spans[s]), _truthBand, _hits, minMax: false))
                {
                    return false;
                }
            }
        }
        var (below, inside, above) = sweep.Counts();
        if (k < below || k >= below + inside)
        {
            return false;
        }
        var (minimum, maximum) = sweep.MinMax();
        var raw = _select.Select(_band.AsSpan(0, inside), k - below, low, high);
        var (normalised, threshold) = PerFrameThreshold.Thresholds(minimum, maximum, raw, rule);
        if (float.IsPositiveInfinity(threshold))
        {
            // No finite value is ≥ +∞.
            tau = normalised;
            return true;
        }
        if (!(threshold >= low && threshold <= high))
        {
            return false;
        }
        tau = normalised;
        predicted = above + FrameCounter.CountAtLeast(_band.AsSpan(0, inside), threshold);
        var (_, truthInside, truthAbove) = truthSweep.Counts();
        intersection = truthAbove + FrameCounter.CountAtLeast(_truthBand.AsSpan(0, truthInside), threshold);
        return true;
    }

    /// <summary>
    /// Running counts below low and of the values seen, the values gathered in [low, high], and the minimum and maximum.
    /// The count above high is what is left: seen − below − gathered.
    /// </summary>
    private struct Sweep
    {
        private readonly Vector<float> _low;
        private readonly Vector<float> _high;
        private readonly float _lowValue;
        private readonly float _highValue;
        private Vector<int> _belowVector;
        private Vector<float> _minimumVector;
        private Vector<float> _maximumVector;
        private long _seen;
        private int _below;
        private int _inside;
        private float _minimum;
        private float _maximum;

        public Sweep(float low, float high)
        {
            _low = new Vector<float>(low);
            _high = new Vector<float>(high);
            _lowValue = low;
            _highValue = high;
            _belowVector = Vector<int>.Zero;
            _minimumVector = new Vector<float>(float.PositiveInfinity);
            _maximumVector = new Vector<float>(float.NegativeInfinity);
            _seen = 0;
            _below = 0;
            _inside = 0;
            _minimum = float.PositiveInfinity;
            _maximum = float.NegativeInfinity;
        }

        /// <summary>Adds a run of values; false when <paramref name="band"/> is full.</summary>
        public bool Add(ReadOnlySpan<float> values, float[] band, int[] hits, bool minMax)
        {
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            var (low, high) = (_low, _high);
            var below = _belowVector;
            var (minimum, maximum) = (_minimumVector, _maximumVector);
            var found = 0;
            for (var i = 0; i < vectors.Length; i++)
            {
                found = Note(vectors[i], i, low, high, ref below, ref minimum, ref maximum, minMax, hits, found);
            }
            _belowVector = below;
            (_minimumVector, _maximumVector) = (minimum, maximum);
            var vectorEnd = vectors.Length * Vector<float>.Count;
            _seen += vectorEnd;
            return Gather(values, hits.AsSpan(0, found), band) && AddTail(values[vectorEnd..], band, minMax);
        }

        /// <summary>
        /// Adds a grid row computed here from its two vertical taps, (weight0 · row0[x]) + (weight1 · row1[x]) as
        /// <see cref="UpsampleEngine.ComputeRow"/> computes it, and writes it into <paramref name="row"/>; with the extremes.
        /// </summary>
        public bool AddInterpolated(ReadOnlySpan<float> row0, float weight0, ReadOnlySpan<float> row1, float weight1, Span<float> row,
            float[] band, int[] hits)
        {
            var upper = MemoryMarshal.Cast<float, Vector<float>>(row0);
            var lower = MemoryMarshal.Cast<float, Vector<float>>(row1[..row0.Length]);
            var output = MemoryMarshal.Cast<float, Vector<float>>(row[..row0.Length]);
            var (w0, w1) = (new Vector<float>(weight0), new Vector<float>(weight1));
            var (low, high) = (_low, _high);
            var below = _belowVector;
            var (minimum, maximum) = (_minimumVector, _maximumVector);
            var found = 0;
            for (var i = 0; i < upper.Length; i++)
            {
                var v = (w0 * upper[i]) + (w1 * lower[i]);
                output[i] = v;
                found = Note(v, i, low, high, ref below, ref minimum, ref maximum, minMax: true, hits, found);
            }
            _belowVector = below;
            (_minimumVector, _maximumVector) = (minimum, maximum);
            var vectorEnd = upper.Length * Vector<float>.Count;
            _seen += vectorEnd;
            for (var x = vectorEnd; x < row0.Length; x++)
            {
                row[x] = (weight0 * row0[x]) + (weight1 * row1[x]);
            }
            return Gather(row, hits.AsSpan(0, found), band) && AddTail(row[vectorEnd..row0.Length], band, minMax: true);
        }

        /// <summary>
        /// One vector of a run: the extremes (when asked) and the count below low, and, without a branch, a note of the vector
        /// in <paramref name="hits"/> when lanes of it lie in [low, high]. Returns the number of notes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Note(Vector<float> v, int index, Vector<float> low, Vector<float> high, ref Vector<int> below,
            ref Vector<float> minimum, ref Vector<float> maximum, bool minMax, int[] hits, int found)
        {
            if (minMax)
            {
                minimum = SpanExtremes.Lesser(v, minimum);
                maximum = SpanExtremes.Greater(v, maximum);
            }
            var isBelow = Vector.LessThan(v, low);
            below -= isBelow;
            var inside = VectorLanes.Mask(Vector.AndNot(Vector.LessThanOrEqual(v, high), isBelow));
            hits[found] = HitOf(index, inside);
            return found + (inside != 0 ? 1 : 0);
        }

        /// <summary>A vector with lanes inside the bracket: its index, and its lanes' bits in the low <see cref="LaneBits"/>.</summary>
        private static int HitOf(int vector, ulong lanes) => (vector << LaneBits) | (int)lanes;

        /// <summary>Bits for the lanes of one hit (a vector of at most 16 floats).</summary>
        private const int LaneBits = 16;

        /// <summary>The values of the hit vectors' lanes inside the bracket, to the band; false when it would overflow.</summary>
        private bool Gather(ReadOnlySpan<float> values, ReadOnlySpan<int> hits, float[] band)
        {
            var inside = _inside;
            foreach (var hit in hits)
            {
                if (inside + Vector<float>.Count > band.Length)
                {
                    return false;
                }
                var start = (hit >> LaneBits) * Vector<float>.Count;
                for (var bits = (uint)hit & 0xFFFF; bits != 0; bits &= bits - 1)
                {
                    band[inside++] = values[start + BitOperations.TrailingZeroCount(bits)];
                }
            }
            _inside = inside;
            return true;
        }

        private bool AddTail(ReadOnlySpan<float> values, float[] band, bool minMax)
        {
            _seen += values.Length;
            foreach (var v in values)
            {
                if (minMax)
                {
                    _minimum = Math.Min(_minimum, v);
                    _maximum = Math.Max(_maximum, v);
                }
                if (v < _lowValue)
                {
                    _below++;
                }
                else if (v <= _highValue)
                {
                    if (_inside == band.Length)
                    {
                        return false;
                    }
                    band[_inside++] = v;
                }
            }
            return true;
        }

        public (int Below, int Inside, int Above) Counts()
        {
            var below = _below + Vector.Sum(_belowVector);
            return (below, _inside, (int)(_seen - below - _inside));
        }

        public (float Minimum, float Maximum) MinMax()
        {
            var minimum = _minimum;
            var maximum = _maximum;
            for (var lane = 0; lane < Vector<float>.Count; lane++)
            {
                minimum = Math.Min(minimum, _minimumVector[lane]);
                maximum = Math.Max(maximum, _maximumVector[lane]);
            }
            return (minimum, maximum);
        }
    }
}
