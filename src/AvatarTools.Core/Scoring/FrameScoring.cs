using System.Diagnostics;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The per-frame step: for one model's localizations and its thresholds, rasterize each frame's ground truth, upsample its
/// map to the grid, threshold it by the tie rule and count |G|, |P| and |P∩G|; all cores, no grid kept beyond one per thread.
/// </summary>
internal static class FrameScoring
{
    public static IReadOnlyList<FrameScore> Score(IReadOnlyList<Localization> localizations, List<int> indices, IReadOnlyList<ScoreProvenance> provenances,
        ScoreOptions options, IProgress<ScoreProgress>? progress, CancellationToken cancellationToken, ScoreDiagnostics? diagnostics,
        Counts? precomputed = null)
    {
        var perFrame = provenances.Count == 1 && provenances[0].Source == ThresholdSource.PerFrame;
        var thresholds = perFrame ? null : provenances.Select(p => (float)p.Threshold!.Value).ToArray();
        var counts = precomputed ?? Count(localizations, indices, thresholds, options, progress, cancellationToken, diagnostics);
        var results = new List<FrameScore>(indices.Count * provenances.Count);
        var categories = new string[indices.Count][];
        for (var j = 0; j < indices.Count; j++)
        {
            categories[j] = localizations[indices[j]].Frame.Instances.Where(instance => instance.IsOnScreen).Select(instance => instance.Category)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        }
        var gridPixels = (double)options.GridHeight * options.GridWidth;
        for (var slot = 0; slot < provenances.Count; slot++)
        {
            var provenance = provenances[slot];
            for (var j = 0; j < indices.Count; j++)
            {
                var localization = localizations[indices[j]];
                var frame = localization.Frame;
                var truth = counts.Truth[j];
                var predicted = counts.Predicted[slot][j];
                var intersection = counts.Intersection[slot][j];
                bool? trueNegative = null;
                if (frame.IsOffScreen)
                {
                    trueNegative = options.OffScreenRule == OffScreenRule.AnyPixel
                        ? predicted == 0
                        : predicted < options.OffScreenArea * gridPixels;
                }
                var threshold = perFrame ? counts.PerFrameThresholds![j] : thresholds![slot];
                results.Add(new FrameScore(frame.VideoId, frame.FrameIndex, frame.Scenarios, localization.Model, threshold,
                    ScoreMetrics.CIoU(truth, predicted, intersection), truth, predicted, intersection, trueNegative, provenance.TopFraction, categories[j])
                {
                    Provenance = provenance,
                    Confidence = counts.Confidences?[j],
                });
            }
        }
        return results;
    }

    /// <summary>Per frame (in the order of the indices): |G|, and per threshold slot |P| and |P ∩ G|.</summary>
    internal sealed record Counts(int[] Truth, int[][] Predicted, int[][] Intersection, float[]? PerFrameThresholds, double[]? Confidences);

    internal static Counts Count(IReadOnlyList<Localization> localizations, List<int> indices, float[]? thresholds, ScoreOptions options,
        IProgress<ScoreProgress>? progress, CancellationToken cancellationToken, ScoreDiagnostics? diagnostics)
    {
        var height = options.GridHeight;
        var width = options.GridWidth;
        var rule = options.TieRule;
        var slots = thresholds?.Length ?? 1;
        var truth = new int[indices.Count];
        var predicted = Enumerable.Range(0, slots).Select(_ => new int[indices.Count]).ToArray();
        var intersection = Enumerable.Range(0, slots).Select(_ => new int[indices.Count]).ToArray();
        var perFrame = thresholds is null ? new float[indices.Count] : null;
        var lowest = thresholds is null || thresholds.Length == 0 ? float.NaN : thresholds.Min();
        var confidences = options.Detection ? new double[indices.Count] : null;
        long rasterizeTicks = 0;
        long threadTicks = 0;
        var watch = Stopwatch.StartNew();
        FrameLoop.Run(indices.Count, options.MaxDegreeOfParallelism,
            () => new CountState(height, width, thresholds is null, options.Detection, slots),
            (j, state) =>
            {
                var start = Stopwatch.GetTimestamp();
                var localization = localizations[indices[j]];
                var mask = state.Mask;
                mask.Build(localization.Frame, height, width);
                state.RasterizeTicks += Stopwatch.GetTimestamp() - start;
                truth[j] = (int)mask.PixelCount;
                state.Engine.Prepare(localization.Heatmap, height, width, options.Upsample);
                var rowStarts = mask.RowStarts;
                var spans = mask.Spans;
                if (thresholds is not null)
                {
                    var p = state.Predicted;
                    var i = state.Intersection;
                    Array.Clear(p);
                    Array.Clear(i);
                    // Only the column runs that can reach the lowest threshold are computed and counted.
                    state.Engine.PrepareBlocks(localization.Heatmap.Height);
                    var runs = state.Runs;
                    for (var y = 0; y < height; y++)
                    {
                        if (confidences is not null)
                        {
                            // Detection keeps the whole grid for the confidence.
                            var full = state.Grid.AsSpan(y * width, width);
                            state.Engine.ComputeRow(y, full);
                            FrameCounter.CountMany(full, thresholds, rule, p);
                            for (var k = rowStarts[y]; k < rowStarts[y + 1]; k += 2)
                            {
                                FrameCounter.CountMany(full.Slice(spans[k], spans[k + 1] - spans[k]), thresholds, rule, i);
                            }
                            continue;
                        }
                        var row = state.Row;
                        runs.Find(state.Engine, y, width, lowest, rule == TieRule.Above, row);
                        for (var r = 0; r < runs.Count; r++)
                        {
                            var runStart = runs.Start(r);
                            var runEnd = runs.End(r);
                            FrameCounter.CountMany(row.AsSpan(runStart, runEnd - runStart), thresholds, rule, p);
                            for (var k = rowStarts[y]; k < rowStarts[y + 1]; k += 2)
                            {
                                var from = Math.Max(spans[k], runStart);
                                var to = Math.Min(spans[k + 1], runEnd);
                                if (to > from)
                                {
                                    FrameCounter.CountMany(row.AsSpan(from, to - from), thresholds, rule, i);
                                }
                            }
                        }
                    }
                    for (var s = 0; s < thresholds.Length; s++)
                    {
                        predicted[s][j] = p[s];
                        intersection[s][j] = i[s];
                    }
                    if (confidences is not null)
                    {
                        confidences[j] = state.Confidence!.TopQuarterMean(state.Grid);
                    }
                }
                else if (confidences is null && !options.ReferencePaths && state.Sweep!.TryScore(state.Engine, localization.Heatmap, height, width, rule,
                    rowStarts, spans, out var blockTau, out var blockPredicted, out var blockIntersection))
                {
                    // One sweep over the rows, no grid kept (PerFrameSweep); the same numbers as the full grid below.
                    perFrame![j] = blockTau;
                    predicted[0][j] = blockPredicted;
                    intersection[0][j] = blockIntersection;
                }
                else
                {
                    var grid = state.Grid!;
                    for (var y = 0; y < height; y++)
                    {
                        state.Engine.ComputeRow(y, grid.AsSpan(y * width, width));
                    }
                    if (confidences is not null)
                    {
                        confidences[j] = state.Confidence!.TopQuarterMean(grid);
                    }
                    var (tau, raw) = state.PerFrame!.Select(grid, rule);
                    var compareTo = raw;
                    var compareRule = TieRule.AtLeast;
                    if (float.IsNaN(raw))
                    {
                        // A grid with NaN or an overflowing range: the rule as written, on the normalised grid.
                        PerFrameThreshold.NormalizeAndSelectMedian(grid, state.Histogram!);
                        compareTo = tau;
                        compareRule = rule;
                    }
                    perFrame![j] = tau;
                    predicted[0][j] = FrameCounter.Count(grid, compareTo, compareRule);
                    var inside = 0;
                    for (var y = 0; y < height; y++)
                    {
                        for (var k = rowStarts[y]; k < rowStarts[y + 1]; k += 2)
                        {
                            inside += FrameCounter.Count(grid.AsSpan((y * width) + spans[k], spans[k + 1] - spans[k]), compareTo, compareRule);
                        }
                    }
                    intersection[0][j] = inside;
                }
                state.ThreadTicks += Stopwatch.GetTimestamp() - start;
            },
            state =>
            {
                rasterizeTicks += state.RasterizeTicks;
                threadTicks += state.ThreadTicks;
            },
            progress, "Score", cancellationToken);
        if (diagnostics is not null)
        {
            diagnostics.CountingSeconds += watch.Elapsed.TotalSeconds;
            diagnostics.RasterizeThreadSeconds += (double)rasterizeTicks / Stopwatch.Frequency;
            diagnostics.CountingThreadSeconds += (double)threadTicks / Stopwatch.Frequency;
        }
        return new Counts(truth, predicted, intersection, perFrame, confidences);
    }

    private sealed class CountState
    {
        public CountState(int height, int width, bool perFrame, bool detection, int slots)
        {
            Row = new float[width];
            Runs = new ActiveRuns(width);
            Predicted = new int[slots];
            Intersection = new int[slots];
            if (perFrame || detection)
            {
                Grid = new float[height * width];
            }
            if (perFrame)
            {
                Histogram = new int[1 << 16];
                PerFrame = new PerFrameThreshold();
                Sweep = new PerFrameSweep();
            }
            if (detection)
            {
                Confidence = new MapConfidence();
            }
        }

        public MaskBuilder Mask { get; } = new();

        public UpsampleEngine Engine { get; } = new();

        public ActiveRuns Runs { get; }

        public float[] Row { get; }

        public float[]? Grid { get; }

        public int[]? Histogram { get; }

        public PerFrameThreshold? PerFrame { get; }

        public PerFrameSweep? Sweep { get; }

        public MapConfidence? Confidence { get; }

        public int[] Predicted { get; }

        public int[] Intersection { get; }

        public long RasterizeTicks { get; set; }

        public long ThreadTicks { get; set; }
    }
}
