using System.Numerics;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The Global policy's calibration: τ_p = the value at 0-based index ⌊(1 − p)·M⌋ of the ascending sort of all M grid
/// pixels of all maps (upsampled to the grid), computed exactly without holding the grids.
/// </summary>
/// <remarks>
/// A cheap sample pass (a subset of grid rows and columns of every map) brackets each τ_p in an order-preserving
/// integer key space; then exact passes over all pixels count the keys below the bracket's top and histogram the keys
/// inside it (2^20 bins), narrowing the bracket until it holds one key (usually after one or two passes). If the
/// sample bracket missed (the count shows the target outside), the search continues over the full key range, so the
/// result is always exact; only the number of passes varies.
/// </remarks>
public static class GlobalThreshold
{
    private const int BinBits = 20;
    private const int Bins = 1 << BinBits;

    /// <summary>The 0-based ascending index of τ_p among <paramref name="total"/> pooled pixels: ⌊(1 − p)·M⌋, clamped to [0, M − 1].</summary>
    public static long TargetIndex(double fraction, long total) =>
        Math.Clamp((long)Math.Floor((1.0 - fraction) * total), 0, total - 1);

    /// <summary>τ for each top fraction, over the maps upsampled to the grid.</summary>
    public static IReadOnlyList<float> Compute(IReadOnlyList<Heatmap> maps, IReadOnlyList<double> fractions, int gridHeight = 360,
        int gridWidth = 640, UpsampleMode mode = UpsampleMode.Bilinear, int? maxDegreeOfParallelism = null,
        IProgress<ScoreProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ComputeQuantiles(maps, fractions, gridHeight, gridWidth, mode, maxDegreeOfParallelism, progress, cancellationToken, null)
            .Select(quantile => quantile.Value).ToArray();

    /// <summary>
    /// τ for each top fraction with the counts of pooled pixels below it and equal to it (so that the share a tie rule
    /// predicts is known exactly).
    /// </summary>
    internal static IReadOnlyList<PooledQuantile> ComputeQuantiles(IReadOnlyList<Heatmap> maps, IReadOnlyList<double> fractions, int gridHeight,
        int gridWidth, UpsampleMode mode, int? maxDegreeOfParallelism, IProgress<ScoreProgress>? progress,
        CancellationToken cancellationToken, int[]? diagnosticsPasses)
    {
        if (maps.Count == 0)
        {
            throw new ArgumentException("The Global threshold needs at least one map.", nameof(maps));
        }
        var total = (long)maps.Count * gridHeight * gridWidth;
        var targets = fractions.Select(fraction => TargetIndex(fraction, total)).ToArray();
        var sampling = System.Diagnostics.Stopwatch.StartNew();
        var brackets = SampleBrackets(maps, fractions, gridHeight, gridWidth, mode, maxDegreeOfParallelism, cancellationToken).Brackets;
        if (diagnosticsPasses is { Length: > 1 })
        {
            diagnosticsPasses[1] += (int)sampling.ElapsedMilliseconds;
        }
        var results = new PooledQuantile[fractions.Count];
        var done = new bool[fractions.Count];
        var pass = 0;
        while (done.Any(finished => !finished))
        {
            pass++;
            var active = Enumerable.Range(0, fractions.Count).Where(f => !done[f]).ToArray();
            var lows = active.Select(f => brackets[f].Low).ToArray();
            var highs = active.Select(f => brackets[f].High).ToArray();
            var shifts = active.Select(f => ShiftFor(brackets[f].High - brackets[f].Low)).ToArray();
            if (diagnosticsPasses is not null)
            {
                diagnosticsPasses[0]++;
            }
            var (below, histograms) = CountPass(maps, lows, highs, shifts, gridHeight, gridWidth, mode, maxDegreeOfParallelism,
                progress, $"Calibrate (pass {pass})", cancellationToken);
            for (var a = 0; a < active.Length; a++)
            {
                var f = active[a];
                var inside = histograms[a].Sum();
                var belowLow = below[a] - inside;
                var target = targets[f];
                if (target < belowLow)
                {
                    brackets[f] = (FloatKey.NegativeInfinity, brackets[f].Low);
                    continue;
                }
                if (target >= below[a])
                {
                    brackets[f] = (brackets[f].High, FloatKey.PositiveInfinity + 1L);
                    continue;
                }
                var cumulative = belowLow;
                var bin = 0;
                while (cumulative + histograms[a][bin] <= target)
                {
                    cumulative += histograms[a][bin];
                    bin++;
                }
                var low = brackets[f].Low + ((long)bin << shifts[a]);
                var high = Math.Min(brackets[f].High, low + (1L << shifts[a]));
                brackets[f] = (low, high);
                if (high - low == 1)
                {
                    results[f] = new PooledQuantile(FloatKey.FromKey((int)low), cumulative, histograms[a][bin], total);
                    done[f] = true;
                }
            }
        }
        return results;
    }

    private static int ShiftFor(long width)
    {
        var shift = 0;
        while (((width - 1) >> shift) >= Bins)
        {
            shift++;
        }
        return shift;
    }

    private static int RowStepOf(int gridHeight) => Math.Max(1, gridHeight / 24);

    private static int ColumnStepOf(int gridWidth) => Math.Max(1, gridWidth / 80);

    /// <summary>The grid rows of each map the sample takes.</summary>
    internal static int SampleRowsOf(int gridHeight) => (gridHeight - (RowStepOf(gridHeight) / 2) + RowStepOf(gridHeight) - 1) / RowStepOf(gridHeight);

    /// <summary>The columns of each sampled row the sample takes.</summary>
    internal static int SampleColumnsOf(int gridWidth) => (gridWidth + ColumnStepOf(gridWidth) - 1) / ColumnStepOf(gridWidth);

    /// <summary>The sample histogram's buckets: keys shifted right by this many bits (2^19 buckets of 2^13 keys).</summary>
    private const int SampleShift = 13;

    /// <summary>
    /// The half-width in ranks of a bracket around a sample rank at fraction p: 5 binomial standard deviations plus 0.01 % of
    /// the sample (the sample is regular, not random), plus 16. At full AVATAR scale (three fractions, random and smooth maps)
    /// the true rank was measured within a quarter of it.
    /// </summary>
    internal static double SampleMargin(double sampleTotal, double p) => (0.0001 * sampleTotal) + (5 * Math.Sqrt(sampleTotal * p * (1 - p))) + 16;

    /// <summary>
    /// Brackets [Low, High) in key space from a subsample (a regular grid of rows and columns of every map): the sample buckets
    /// around each target's sample rank, widened by <see cref="SampleMargin"/>. A bracket that misses is widened by
    /// <see cref="ComputeQuantiles"/>.
    /// </summary>
    internal static ((long Low, long High)[] Brackets, long SampleInside, long SampleTotal) SampleBrackets(IReadOnlyList<Heatmap> maps,
        IReadOnlyList<double> fractions, int gridHeight, int gridWidth, UpsampleMode mode, int? maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var rowStep = RowStepOf(gridHeight);
        var columnStep = ColumnStepOf(gridWidth);
        const int Buckets = 1 << (32 - SampleShift);
        var histogram = new long[Buckets];
        FrameLoop.Run(maps.Count, maxDegreeOfParallelism,
            () => (Engine: new UpsampleEngine(), Row: new float[gridWidth], Histogram: new int[Buckets]),
            (index, state) =>
            {
                state.Engine.Prepare(maps[index], gridHeight, gridWidth, mode);
                for (var y = rowStep / 2; y < gridHeight; y += rowStep)
                {
                    state.Engine.ComputeRow(y, state.Row);
                    for (var x = 0; x < gridWidth; x += columnStep)
                    {
                        state.Histogram[(uint)(FloatKey.ToKey(state.Row[x]) ^ int.MinValue) >> SampleShift]++;
                    }
                }
            },
            state =>
            {
                for (var i = 0; i < histogram.Length; i++)
                {
                    histogram[i] += state.Histogram[i];
                }
            },
            null, "Sample", cancellationToken);
        var sampleTotal = histogram.Sum();
        var brackets = new (long, long)[fractions.Count];
        long sampleInside = 0;
        for (var f = 0; f < fractions.Count; f++)
        {
            var p = fractions[f];
            var margin = (long)Math.Ceiling(SampleMargin(sampleTotal, p));
            var rank = (long)Math.Floor((1.0 - p) * sampleTotal);
            var lowRank = Math.Max(0, rank - margin);
            var highRank = Math.Min(sampleTotal - 1, rank + margin);
            int lowBucket = -1;
            int highBucket = -1;
            long cumulative = 0;
            for (var b = 0; b < histogram.Length; b++)
            {
                cumulative += histogram[b];
                if (lowBucket < 0 && cumulative > lowRank)
                {
                    lowBucket = b;
                }
                if (cumulative > highRank)
                {
                    highBucket = b;
                    break;
                }
            }
            brackets[f] = (((long)lowBucket << SampleShift) + int.MinValue, ((long)(highBucket + 1) << SampleShift) + int.MinValue);
            for (var b = lowBucket; b <= highBucket; b++)
            {
                sampleInside += histogram[b];
            }
        }
        return (brackets, sampleInside, sampleTotal);
    }

    /// <summary>
    /// One exact pass: for each bracket, the number of keys below its High, and the histogram of keys in [Low, High)
    /// with bins of 2^shift keys. Keys are compared as the floats they stand for (the same order, −0 folded onto +0), so only
    /// the few values inside a bracket are turned into keys.
    /// </summary>
    private static (long[] Below, long[][] Histograms) CountPass(IReadOnlyList<Heatmap> maps, long[] lows, long[] highs, int[] shifts,
        int gridHeight, int gridWidth, UpsampleMode mode, int? maxDegreeOfParallelism, IProgress<ScoreProgress>? progress, string stage,
        CancellationToken cancellationToken)
    {
        var count = lows.Length;
        var below = new long[count];
        // Only as many bins as the bracket needs (at most 2^20): the histograms are the pass's largest buffers.
        var sizes = Enumerable.Range(0, count).Select(a => (int)Math.Min(Bins, ((highs[a] - lows[a] - 1) >> shifts[a]) + 1)).ToArray();
        var histograms = sizes.Select(size => new long[size]).ToArray();
        var bounds = Enumerable.Range(0, count).Select(a => new BracketBounds(lows[a], highs[a], shifts[a])).ToArray();
        var lowestLow = bounds.Min(bracket => bracket.LowValue);
        FrameLoop.Run(maps.Count, maxDegreeOfParallelism,
            () => new PassState(sizes, gridWidth),
            (index, state) =>
            {
                state.Engine.Prepare(maps[index], gridHeight, gridWidth, mode);
                state.Engine.PrepareBlocks(maps[index].Height);
                for (var y = 0; y < gridHeight; y++)
                {
                    // Columns wholly below every bracket's low are below every high: counted, not computed.
                    var runs = state.Runs;
                    runs.Find(state.Engine, y, gridWidth, lowestLow, strict: false, state.Row);
                    for (var a = 0; a < count; a++)
                    {
                        state.Below[a] += runs.SkippedColumns;
                    }
                    for (var r = 0; r < runs.Count; r++)
                    {
                        ScanRow(state.Row.AsSpan(runs.Start(r), runs.End(r) - runs.Start(r)), bounds, state);
                    }
                }
                for (var a = 0; a < count; a++)
                {
                    state.Below[a] -= Vector.Sum(state.BelowVector[a]);
                    state.BelowVector[a] = Vector<int>.Zero;
                }
            },
            state =>
            {
                for (var a = 0; a < count; a++)
                {
                    below[a] += state.Below[a];
                    var source = state.Histograms[a];
                    var target = histograms[a];
                    for (var i = 0; i < source.Length; i++)
                    {
                        target[i] += source[i];
                    }
                }
            },
            progress, stage, cancellationToken);
        return (below, histograms);
    }

    /// <summary>Counts and histograms one run of a row for every bracket (<see cref="BracketSweep"/>).</summary>
    private static void ScanRow(ReadOnlySpan<float> row, BracketBounds[] bounds, PassState state)
    {
        var sink = new HistogramSink(state);
        BracketSweep.Sweep(row, bounds, state.BelowVector, state.Below, ref sink);
    }

    /// <summary>The calibration's sink: a value inside a bracket goes to that bracket's histogram.</summary>
    private readonly struct HistogramSink(PassState state) : IBracketSink
    {
        public void Inside(float value, int offset, BracketBounds[] bounds, int first, int count) => Histogram(value, bounds, first, count, state);
    }

    private static void Histogram(float value, BracketBounds[] bounds, int first, int count, PassState state)
    {
        for (var a = first; a < first + count; a++)
        {
            var bracket = bounds[a];
            if (bracket.Holds(value))
            {
                state.Histograms[a][(uint)(FloatKey.ToKey(value) - bracket.LowKey) >> bracket.Shift]++;
            }
        }
    }

    private sealed class PassState
    {
        public PassState(int[] sizes, int gridWidth)
        {
            var count = sizes.Length;
            Row = new float[gridWidth];
            Runs = new ActiveRuns(gridWidth);
            Below = new long[count];
            BelowVector = new Vector<int>[count];
            Histograms = sizes.Select(size => new int[size]).ToArray();
        }

        public UpsampleEngine Engine { get; } = new();

        public ActiveRuns Runs { get; }

        public float[] Row { get; }

        public long[] Below { get; }

        public Vector<int>[] BelowVector { get; }

        public int[][] Histograms { get; }
    }
}

/// <summary>An exact order statistic of the pooled grid pixels: its value, and how many pixels lie below it and at it.</summary>
internal readonly record struct PooledQuantile(float Value, long Below, long Equal, long Total)
{
    /// <summary>The pixels a tie rule predicts at this value: ≥ (Total − Below) or &gt; (Total − Below − Equal).</summary>
    public long Predicted(TieRule rule) => rule == TieRule.Above ? Total - Below - Equal : Total - Below;
}

/// <summary>
/// A bracket [Low, High) of keys as floats: key(v) &lt; High ⇔ v &lt; HighValue and key(v) ≥ Low ⇔ v ≥ LowValue for every
/// non-NaN v (keys beyond ±∞'s are "always").
/// </summary>
internal readonly struct BracketBounds
{
    public BracketBounds(long low, long high, int shift)
    {
        // The histogram is relative to the bracket's own Low (as the bins of Compute are).
        LowKey = (int)Math.Max(low, int.MinValue);
        NoneAboveLow = low > FloatKey.PositiveInfinity;
        LowValue = low <= FloatKey.NegativeInfinity ? float.NegativeInfinity : NoneAboveLow ? float.PositiveInfinity : FloatKey.FromKey((int)low);
        AllBelowHigh = high > FloatKey.PositiveInfinity;
        HighValue = AllBelowHigh ? float.PositiveInfinity : high <= FloatKey.NegativeInfinity ? float.NegativeInfinity : FloatKey.FromKey((int)high);
        // v < High ⇔ v ≤ the float just below it (−0 and +0 are both below the least positive float); nothing is below −∞ (NaN
        // compares as nothing); everything but NaN is ≤ +∞.
        BelowLimit = AllBelowHigh ? float.PositiveInfinity : float.IsNegativeInfinity(HighValue) ? float.NaN : MathF.BitDecrement(HighValue);
        Shift = shift;
    }

    public int LowKey { get; }

    /// <summary>Low lies above +∞'s key: no value is inside the bracket.</summary>
    public bool NoneAboveLow { get; }

    public float LowValue { get; }

    public float HighValue { get; }

    /// <summary>The value below High as one comparison: a non-NaN v lies below High exactly when v ≤ BelowLimit.</summary>
    public float BelowLimit { get; }

    /// <summary>Whether a value lies inside the bracket: key(v) in [Low, High) (never for NaN).</summary>
    public bool Holds(float value) => !NoneAboveLow && value >= LowValue && value <= BelowLimit;

    /// <summary>High lies above +∞'s key: every value is below it (compared as ≤ +∞).</summary>
    public bool AllBelowHigh { get; }

    public int Shift { get; }
}
