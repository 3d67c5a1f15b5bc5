using System.Diagnostics;
using System.Numerics;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The Global policy calibrated on the input in one pass over the pixels instead of two: the calibration's exact pass and the
/// per-frame counting pass share each frame's upsampling. The same results as <see cref="GlobalThreshold"/> followed by
/// <see cref="FrameScoring"/>'s counting, bit for bit.
/// </summary>
/// <remarks>
/// The sample pass brackets each τ_p in key space as <see cref="GlobalThreshold"/> does. The one exact pass then counts, for
/// every bracket [Low, High), the pooled pixels below High (for τ's rank), and per frame the pixels at or above High (|P|:
/// the frame's pixels not below High, from those same counts when no grid value can be NaN; and |P ∩ G| over the ground
/// truth's spans); the few values inside a bracket are kept per frame as (key − Low, in G). At full AVATAR scale (three
/// fractions) that is about 15 million values, 60 MB, within <see cref="DefaultEntryBudget"/>.
/// τ is selected among the kept keys; each frame's counts are completed by its kept keys at or above τ (above it, for the
/// Above rule). When a bracket misses τ, or would keep too many values (a tie-heavy input), <see cref="TryRun"/> returns
/// null and the caller takes the two-pass path.
/// </remarks>
internal static class FusedGlobalPass
{
    /// <summary>The most kept values of all brackets together (4 bytes each), estimated from the sample, then enforced.</summary>
    internal const long DefaultEntryBudget = 48L << 20;

    internal sealed record Result(IReadOnlyList<PooledQuantile> Quantiles, FrameScoring.Counts Counts);

    public static Result? TryRun(IReadOnlyList<Localization> localizations, List<int> indices, IReadOnlyList<double> fractions, ScoreOptions options,
        IProgress<ScoreProgress>? progress, CancellationToken cancellationToken, ScoreDiagnostics? diagnostics, long entryBudget = DefaultEntryBudget)
    {
        var height = options.GridHeight;
        var width = options.GridWidth;
        var frames = indices.Count;
        if (frames == 0 || fractions.Count == 0)
        {
            return null;
        }
        var maps = indices.Select(index => localizations[index].Heatmap).ToArray();
        var total = (long)frames * height * width;
        if (ExpectedEntries(frames, height, width, fractions) > entryBudget / 2.0)
        {
            // Too many values would be kept even without ties (many frames, several fractions): two passes hold less.
            return null;
        }
        var watch = Stopwatch.StartNew();
        var (brackets, sampleInside, sampleTotal) = GlobalThreshold.SampleBrackets(maps, fractions, height, width, options.Upsample,
            options.MaxDegreeOfParallelism, cancellationToken);
        var samplingSeconds = watch.Elapsed.TotalSeconds;
        var estimate = (double)sampleInside * total / Math.Max(1, sampleTotal);
        if (estimate > entryBudget / 2.0 || brackets.Any(b => b.High - b.Low > int.MaxValue))
        {
            return null;
        }
        var count = fractions.Count;
        var bounds = brackets.Select(b => new BracketBounds(b.Low, b.High, 0)).ToArray();
        var lowestLow = bounds.Min(b => b.LowValue);
        // v ≥ High, as FrameCounter counts it; NaN (never) for a High beyond +∞.
        var highs = bounds.Select(b => b.AllBelowHigh ? float.NaN : b.HighValue).ToArray();
        var truth = new int[frames];
        var predicted = Enumerable.Range(0, count).Select(_ => new int[frames]).ToArray();
        var intersection = Enumerable.Range(0, count).Select(_ => new int[frames]).ToArray();
        var kept = Enumerable.Range(0, count).Select(_ => new int[frames]).ToArray();
        var below = new long[count];
        var states = new List<FusedState>();
        long keptTotal = 0;
        var overBudget = false;
        long rasterizeTicks = 0;
        long threadTicks = 0;
        var passWatch = Stopwatch.StartNew();
        FrameLoop.Run(frames, options.MaxDegreeOfParallelism,
            () => new FusedState(count, width),
            (j, state) =>
            {
                if (Volatile.Read(ref overBudget))
                {
                    return;
                }
                var start = Stopwatch.GetTimestamp();
                var localization = localizations[indices[j]];
                var mask = state.Mask;
                mask.Build(localization.Frame, height, width);
                state.RasterizeTicks += Stopwatch.GetTimestamp() - start;
                truth[j] = (int)mask.PixelCount;
                var heatmap = localization.Heatmap;
                state.Engine.Prepare(heatmap, height, width, options.Upsample);
                state.Engine.PrepareBlocks(heatmap.Height);
                var p = state.Predicted;
                var i = state.Intersection;
                Array.Clear(p);
                Array.Clear(i);
                for (var a = 0; a < count; a++)
                {
                    state.KeptBefore[a] = state.Streams[a].Count;
                    state.BelowBefore[a] = state.Below[a];
                }
                // A map whose grid can hold no NaN (every value finite and far from overflow) has |P| at High = the pixels
                // not below High, which the sweep counts anyway; otherwise |P| is counted apart (NaN is neither).
                var countPredicted = !MapMagnitude.IsSafe(heatmap);
                var rowStarts = mask.RowStarts;
                var spans = mask.Spans;
                var runs = state.Runs;
                var row = state.Row;
                for (var y = 0; y < height; y++)
                {
                    // Columns wholly below every bracket's Low are below every High and predicted at no τ inside a bracket.
                    runs.Find(state.Engine, y, width, lowestLow, strict: false, row);
                    for (var a = 0; a < count; a++)
                    {
                        state.Below[a] += runs.SkippedColumns;
                    }
                    var firstSpan = rowStarts[y];
                    var endSpan = rowStarts[y + 1];
                    for (var r = 0; r < runs.Count; r++)
                    {
                        var runStart = runs.Start(r);
                        var runEnd = runs.End(r);
                        var segment = row.AsSpan(runStart, runEnd - runStart);
                        Scan(segment, runStart, bounds, state, spans, firstSpan, endSpan);
                        if (countPredicted)
                        {
                            FrameCounter.CountMany(segment, highs, TieRule.AtLeast, p);
                        }
                        for (var k = firstSpan; k < endSpan; k += 2)
                        {
                            var from = Math.Max(spans[k], runStart);
                            var to = Math.Min(spans[k + 1], runEnd);
                            if (to > from)
                            {
                                FrameCounter.CountMany(row.AsSpan(from, to - from), highs, TieRule.AtLeast, i);
                            }
                        }
                    }
                }
                long added = 0;
                for (var a = 0; a < count; a++)
                {
                    state.Below[a] -= Vector.Sum(state.BelowVector[a]);
                    state.BelowVector[a] = Vector<int>.Zero;
                    predicted[a][j] = countPredicted ? p[a] : (int)(((long)height * width) - (state.Below[a] - state.BelowBefore[a]));
                    intersection[a][j] = i[a];
                    var n = state.Streams[a].Count - state.KeptBefore[a];
                    kept[a][j] = (int)n;
                    added += n;
                }
                state.Frames.Add(j);
                if (Interlocked.Add(ref keptTotal, added) > entryBudget)
                {
                    Volatile.Write(ref overBudget, true);
                }
                state.ThreadTicks += Stopwatch.GetTimestamp() - start;
            },
            state =>
            {
                states.Add(state);
                for (var a = 0; a < count; a++)
                {
                    below[a] += state.Below[a];
                }
                rasterizeTicks += state.RasterizeTicks;
                threadTicks += state.ThreadTicks;
            },
            progress, "Score", cancellationToken);
        var passSeconds = passWatch.Elapsed.TotalSeconds;
        if (overBudget)
        {
            return null;
        }
        var selectWatch = Stopwatch.StartNew();
        var quantiles = new PooledQuantile[count];
        // Per bracket (in parallel): τ among the kept offsets, then each frame's kept values at or above τ (above it, for the
        // Above rule) complete its counts at High.
        var above = options.TieRule == TieRule.Above;
        var missed = false;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount }, a =>
        {
            var inside = states.Sum(state => state.Streams[a].Count);
            var belowLow = below[a] - inside;
            var target = GlobalThreshold.TargetIndex(fractions[a], total);
            if (target < belowLow || target >= below[a])
            {
                Volatile.Write(ref missed, true);
                return;
            }
            var (tau, less, equal) = SelectOffset(states.Select(state => state.Streams[a]).ToArray(), target - belowLow);
            quantiles[a] = new PooledQuantile(FloatKey.FromKey((int)(bounds[a].LowKey + (long)tau)), belowLow + less, equal, total);
            foreach (var state in states)
            {
                var reader = state.Streams[a].GetReader();
                foreach (var j in state.Frames)
                {
                    var p = 0;
                    var g = 0;
                    for (var n = kept[a][j]; n > 0; n--)
                    {
                        var entry = reader.Next();
                        var offset = entry >> 1;
                        if (above ? offset > tau : offset >= tau)
                        {
                            p++;
                            g += (int)(entry & 1);
                        }
                    }
                    predicted[a][j] += p;
                    intersection[a][j] += g;
                }
            }
        });
        if (missed)
        {
            return null;
        }
        if (diagnostics is not null)
        {
            diagnostics.CalibrationSeconds += samplingSeconds + selectWatch.Elapsed.TotalSeconds;
            diagnostics.SamplingSeconds += samplingSeconds;
            diagnostics.CountingSeconds += passSeconds;
            diagnostics.RasterizeThreadSeconds += (double)rasterizeTicks / Stopwatch.Frequency;
            diagnostics.CountingThreadSeconds += (double)threadTicks / Stopwatch.Frequency;
            diagnostics.FusedPasses++;
        }
        return new Result(quantiles, new FrameScoring.Counts(truth, predicted, intersection, null, null));
    }

    /// <summary>
    /// The values the brackets of <see cref="GlobalThreshold.SampleBrackets"/> hold without ties: twice each bracket's margin
    /// in ranks (<see cref="GlobalThreshold.SampleMargin"/>) as a share of the sample, times the pixels.
    /// </summary>
    internal static double ExpectedEntries(int frames, int height, int width, IReadOnlyList<double> fractions)
    {
        var sample = (double)frames * GlobalThreshold.SampleRowsOf(height) * GlobalThreshold.SampleColumnsOf(width);
        var total = (double)frames * height * width;
        return fractions.Sum(p => 2 * GlobalThreshold.SampleMargin(sample, p) / sample * total);
    }

    /// <summary>
    /// The value at 0-based ascending index <paramref name="k"/> of the kept offsets (entry &gt;&gt; 1), by a two-level radix
    /// select, with the number of kept offsets below it and equal to it.
    /// </summary>
    private static (uint Offset, long Less, long Equal) SelectOffset(EntryStream[] streams, long k)
    {
        // Offsets have at most 31 bits: the high 16 bits (offset >> 15), then the low 15.
        var histogram = new long[1 << 16];
        foreach (var stream in streams)
        {
            for (var c = 0; c < stream.Chunks; c++)
            {
                foreach (var entry in stream.Chunk(c))
                {
                    histogram[entry >> 16]++;
                }
            }
        }
        long cumulative = 0;
        var high = 0;
        while (cumulative + histogram[high] <= k)
        {
            cumulative += histogram[high];
            high++;
        }
        Array.Clear(histogram);
        foreach (var stream in streams)
        {
            for (var c = 0; c < stream.Chunks; c++)
            {
                foreach (var entry in stream.Chunk(c))
                {
                    if (entry >> 16 == high)
                    {
                        histogram[(entry >> 1) & 0x7FFF]++;
                    }
                }
            }
        }
        var low = 0;
        while (cumulative + histogram[low] <= k)
        {
            cumulative += histogram[low];
            low++;
        }
        return (((uint)high << 15) | (uint)low, cumulative, histogram[low]);
    }

    /// <summary>
    /// Counts one run of a row for every bracket (values below High, vectorised) and keeps the values inside a bracket, with
    /// whether their column lies in the ground truth.
    /// </summary>
    private static void Scan(ReadOnlySpan<float> segment, int column, BracketBounds[] bounds, FusedState state, int[] spans, int firstSpan, int endSpan)
    {
        var sink = new KeepSink(state, column, spans, firstSpan, endSpan);
        BracketSweep.Sweep(segment, bounds, state.BelowVector, state.Below, ref sink);
    }

    /// <summary>The fused pass's sink: a value inside a bracket is kept with its key and whether its column is in G.</summary>
    private readonly struct KeepSink(FusedState state, int column, int[] spans, int firstSpan, int endSpan) : IBracketSink
    {
        public void Inside(float value, int offset, BracketBounds[] bounds, int first, int count) =>
            Keep(value, column + offset, bounds, first, count, state, spans, firstSpan, endSpan);
    }

    /// <summary>Keeps a value, for each bracket (of first … first + count − 1) that holds it, as (key − Low) · 2 + (in G).</summary>
    private static void Keep(float value, int x, BracketBounds[] bounds, int first, int count, FusedState state, int[] spans, int firstSpan, int endSpan)
    {
        var inTruth = -1;
        for (var a = first; a < first + count; a++)
        {
            var bracket = bounds[a];
            if (bracket.Holds(value))
            {
                if (inTruth < 0)
                {
                    inTruth = 0;
                    for (var k = firstSpan; k < endSpan; k += 2)
                    {
                        if (x >= spans[k] && x < spans[k + 1])
                        {
                            inTruth = 1;
                            break;
                        }
                    }
                }
                state.Streams[a].Add(((uint)(FloatKey.ToKey(value) - bracket.LowKey) << 1) | (uint)inTruth);
            }
        }
    }

    private sealed class FusedState
    {
        public FusedState(int count, int gridWidth)
        {
            Row = new float[gridWidth];
            Runs = new ActiveRuns(gridWidth);
            Below = new long[count];
            BelowVector = new Vector<int>[count];
            Predicted = new int[count];
            Intersection = new int[count];
            KeptBefore = new long[count];
            BelowBefore = new long[count];
            Streams = Enumerable.Range(0, count).Select(_ => new EntryStream()).ToArray();
        }

        public MaskBuilder Mask { get; } = new();

        public UpsampleEngine Engine { get; } = new();

        public ActiveRuns Runs { get; }

        public float[] Row { get; }

        public long[] Below { get; }

        public Vector<int>[] BelowVector { get; }

        public int[] Predicted { get; }

        public int[] Intersection { get; }

        public long[] KeptBefore { get; }

        /// <summary>Below at the start of the current frame (the frame's own count is the difference).</summary>
        public long[] BelowBefore { get; }

        public EntryStream[] Streams { get; }

        /// <summary>The frames this thread did, in order (their kept values lie in that order in <see cref="Streams"/>).</summary>
        public List<int> Frames { get; } = new();

        public long RasterizeTicks { get; set; }

        public long ThreadTicks { get; set; }
    }
}

/// <summary>An append-only sequence of uint in chunks of 64 Ki (no copying as it grows).</summary>
internal sealed class EntryStream
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly List<uint[]> _chunks = new();
    private uint[] _current = Array.Empty<uint>();
    private int _used;

    public long Count { get; private set; }

    public void Add(uint entry)
    {
        if (_used == _current.Length)
        {
            _current = new uint[ChunkSize];
            _chunks.Add(_current);
            _used = 0;
        }
        _current[_used++] = entry;
        Count++;
    }

    /// <summary>The number of chunks; <see cref="Chunk"/> gives each one's entries.</summary>
    public int Chunks => _chunks.Count;

    public ReadOnlySpan<uint> Chunk(int index) => _chunks[index].AsSpan(0, index == _chunks.Count - 1 ? _used : ChunkSize);

    public Reader GetReader() => new(this);

    internal struct Reader
    {
        private readonly EntryStream _stream;
        private int _chunk;
        private int _index;

        public Reader(EntryStream stream)
        {
            _stream = stream;
            _chunk = 0;
            _index = 0;
        }

        public uint Next()
        {
            if (_index == ChunkSize)
            {
                _chunk++;
                _index = 0;
            }
            return _stream._chunks[_chunk][_index++];
        }
    }
}
