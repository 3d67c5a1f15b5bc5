using System.Diagnostics;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// Scores localizations with the AVATAR protocol, in pycocotools' steps: <see cref="EvaluateFrames"/> (per frame:
/// rasterize G, upsample the map, threshold, count), then <see cref="Summarize"/> (per model, threshold and group:
/// CIoU, AUC, Success@0.5, TN%, Δ). <see cref="Evaluate"/> runs both.
/// </summary>
public static class ScoreEvaluator
{
    /// <summary>
    /// The AVATAR table rows per model (models in first-seen order), for each top fraction (Global) or the one
    /// threshold: Total, Single-Sound, Mixed-Sound, Multi-Entity, Off-Screen, [Cross-event], [per category / clip].
    /// </summary>
    public static IReadOnlyList<AvatarScore> Evaluate(IReadOnlyList<Localization> localizations, ScoreOptions? options = null,
        IProgress<ScoreProgress>? progress = null, CancellationToken cancellationToken = default, ScoreDiagnostics? diagnostics = null)
    {
        options ??= new ScoreOptions();
        var frameScores = EvaluateFrames(localizations, options, progress, cancellationToken, diagnostics);
        var crossEventClips = options.CrossEvent ? CrossEventSelector.CrossEventClips(localizations.Select(item => item.Frame)) : null;
        return Summarize(frameScores, options, crossEventClips);
    }

    /// <summary>
    /// The per-frame step: one <see cref="FrameScore"/> per localization and threshold, ordered by model (first seen),
    /// then top fraction, then input order.
    /// </summary>
    public static IReadOnlyList<FrameScore> EvaluateFrames(IReadOnlyList<Localization> localizations, ScoreOptions? options = null,
        IProgress<ScoreProgress>? progress = null, CancellationToken cancellationToken = default, ScoreDiagnostics? diagnostics = null)
    {
        options ??= new ScoreOptions();
        options.Validate();
        var models = new List<string>();
        var byModel = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < localizations.Count; i++)
        {
            var model = localizations[i].Model;
            if (!byModel.TryGetValue(model, out var list))
            {
                list = new List<int>();
                byModel.Add(model, list);
                models.Add(model);
            }
            list.Add(i);
        }
        var results = new List<FrameScore>();
        foreach (var model in models)
        {
            var indices = byModel[model];
            var maps = indices.Select(index => localizations[index].Heatmap).ToArray();
            float[]? thresholds = null;
            double?[] fractions = { null };
            if (options.Policy == ThresholdPolicy.Global)
            {
                var watch = Stopwatch.StartNew();
                thresholds = GlobalThreshold.Compute(maps, options.TopFractions, options.GridHeight, options.GridWidth, options.Upsample,
                    options.MaxDegreeOfParallelism, progress, cancellationToken).ToArray();
                fractions = options.TopFractions.Select(value => (double?)value).ToArray();
                if (diagnostics is not null)
                {
                    diagnostics.CalibrationSeconds += watch.Elapsed.TotalSeconds;
                }
            }
            else if (options.Policy == ThresholdPolicy.Fixed)
            {
                thresholds = new[] { (float)options.Value };
            }
            var counts = Count(localizations, indices, thresholds, options, progress, cancellationToken, diagnostics);
            for (var slot = 0; slot < fractions.Length; slot++)
            {
                for (var j = 0; j < indices.Count; j++)
                {
                    var frame = localizations[indices[j]].Frame;
                    var truth = counts.Truth[j];
                    var predicted = counts.Predicted[slot][j];
                    var intersection = counts.Intersection[slot][j];
                    bool? trueNegative = null;
                    if (frame.IsOffScreen)
                    {
                        trueNegative = options.OffScreenRule == OffScreenRule.AnyPixel
                            ? predicted == 0
                            : predicted < options.OffScreenArea * options.GridHeight * options.GridWidth;
                    }
                    var categories = frame.Instances.Where(instance => instance.IsOnScreen).Select(instance => instance.Category)
                        .Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal).ToArray();
                    var threshold = thresholds is null ? counts.PerFrameThresholds![j] : thresholds[slot];
                    results.Add(new FrameScore(frame.VideoId, frame.FrameIndex, frame.Scenarios, model, threshold,
                        ScoreMetrics.CIoU(truth, predicted, intersection), truth, predicted, intersection, trueNegative, fractions[slot], categories));
                }
            }
        }
        return results;
    }

    /// <summary>
    /// The accumulate/summarize step over per-frame scores (of one or several models and thresholds).
    /// </summary>
    /// <param name="frameScores">From <see cref="EvaluateFrames"/>.</param>
    /// <param name="options">Used for <see cref="ScoreOptions.CrossEvent"/> and <see cref="ScoreOptions.GroupBy"/>.</param>
    /// <param name="crossEventClips">The cross-event clip ids (see <see cref="CrossEventSelector"/>); needed for the Cross-event row.</param>
    public static IReadOnlyList<AvatarScore> Summarize(IReadOnlyList<FrameScore> frameScores, ScoreOptions? options = null, ISet<string>? crossEventClips = null)
    {
        options ??= new ScoreOptions();
        var rows = new List<AvatarScore>();
        var sets = frameScores.GroupBy(score => (score.Model, score.TopFraction));
        foreach (var set in sets)
        {
            var model = set.Key.Model;
            var fraction = set.Key.TopFraction;
            var items = set.ToList();
            double? threshold = options.Policy == ThresholdPolicy.PerFrame || items.Count == 0 ? null : items[0].Threshold;
            var onScreen = items.Where(score => !score.IsOffScreen).ToList();
            AvatarScore Row(string group, IReadOnlyList<FrameScore> members, double? delta = null)
            {
                var values = members.Select(score => score.CIoU).ToArray();
                return new AvatarScore(model, group, members.Count, ScoreMetrics.MeanPercent(values), ScoreMetrics.AucPercent(values),
                    ScoreMetrics.SuccessPercent(values), null, delta, threshold, fraction);
            }
            var total = Row("Total", onScreen);
            rows.Add(total);
            foreach (var scenario in new[] { AvatarScenario.SingleSound, AvatarScenario.MixedSound, AvatarScenario.MultiEntity })
            {
                rows.Add(Row(scenario.ToTaskString(), onScreen.Where(score => score.Scenarios.Contains(scenario)).ToList()));
            }
            var offScreen = items.Where(score => score.IsOffScreen).ToList();
            var negatives = offScreen.Count(score => score.TrueNegative == true);
            rows.Add(new AvatarScore(model, AvatarScenario.OffScreen.ToTaskString(), offScreen.Count, double.NaN, double.NaN, double.NaN,
                offScreen.Count == 0 ? double.NaN : 100 * ((double)negatives / offScreen.Count), null, threshold, fraction));
            if (options.CrossEvent)
            {
                var clips = crossEventClips ?? new HashSet<string>(StringComparer.Ordinal);
                var crossEvent = Row("Cross-event", onScreen.Where(score => clips.Contains(score.VideoId)).ToList());
                rows.Add(crossEvent with { Delta = crossEvent.CIoU - total.CIoU });
            }
            if (options.GroupBy == ScoreGrouping.Category)
            {
                foreach (var category in onScreen.SelectMany(score => score.Categories).Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal))
                {
                    rows.Add(Row("Category:" + category, onScreen.Where(score => score.Categories.Contains(category)).ToList()));
                }
            }
            else if (options.GroupBy == ScoreGrouping.Video)
            {
                foreach (var clip in onScreen.GroupBy(score => score.VideoId, StringComparer.Ordinal))
                {
                    rows.Add(Row("Video:" + clip.Key, clip.ToList()));
                }
            }
        }
        return rows;
    }

    private sealed record Counts(int[] Truth, int[][] Predicted, int[][] Intersection, float[]? PerFrameThresholds);

    private static Counts Count(IReadOnlyList<Localization> localizations, List<int> indices, float[]? thresholds, ScoreOptions options,
        IProgress<ScoreProgress>? progress, CancellationToken cancellationToken, ScoreDiagnostics? diagnostics)
    {
        var height = options.GridHeight;
        var width = options.GridWidth;
        var slots = thresholds?.Length ?? 1;
        var truth = new int[indices.Count];
        var predicted = Enumerable.Range(0, slots).Select(_ => new int[indices.Count]).ToArray();
        var intersection = Enumerable.Range(0, slots).Select(_ => new int[indices.Count]).ToArray();
        var perFrame = thresholds is null ? new float[indices.Count] : null;
        long rasterizeTicks = 0;
        long threadTicks = 0;
        var watch = Stopwatch.StartNew();
        FrameLoop.Run(indices.Count, options.MaxDegreeOfParallelism,
            () => new CountState(height, width, thresholds is null, slots),
            (j, state) =>
            {
                var start = Stopwatch.GetTimestamp();
                var localization = localizations[indices[j]];
                var mask = state.Mask;
                mask.Build(localization.Frame, height, width);
                var rasterized = Stopwatch.GetTimestamp();
                state.RasterizeTicks += rasterized - start;
                truth[j] = (int)mask.PixelCount;
                state.Engine.Prepare(localization.Heatmap, height, width, options.Upsample);
                var rowStarts = mask.RowStarts;
                var spans = mask.Spans;
                if (thresholds is not null)
                {
                    var row = state.Row;
                    var p = state.Predicted;
                    var i = state.Intersection;
                    Array.Clear(p);
                    Array.Clear(i);
                    for (var y = 0; y < height; y++)
                    {
                        state.Engine.ComputeRow(y, row);
                        for (var s = 0; s < thresholds.Length; s++)
                        {
                            var tau = thresholds[s];
                            p[s] += FrameCounter.CountAtLeast(row, tau);
                            for (var k = rowStarts[y]; k < rowStarts[y + 1]; k += 2)
                            {
                                i[s] += FrameCounter.CountAtLeast(row.AsSpan(spans[k], spans[k + 1] - spans[k]), tau);
                            }
                        }
                    }
                    for (var s = 0; s < thresholds.Length; s++)
                    {
                        predicted[s][j] = p[s];
                        intersection[s][j] = i[s];
                    }
                }
                else
                {
                    var grid = state.Grid!;
                    for (var y = 0; y < height; y++)
                    {
                        state.Engine.ComputeRow(y, grid.AsSpan(y * width, width));
                    }
                    var tau = NormalizeAndSelectMedian(grid, state.Histogram!);
                    perFrame![j] = tau;
                    predicted[0][j] = FrameCounter.CountAtLeast(grid, tau);
                    var inside = 0;
                    for (var y = 0; y < height; y++)
                    {
                        for (var k = rowStarts[y]; k < rowStarts[y + 1]; k += 2)
                        {
                            inside += FrameCounter.CountAtLeast(grid.AsSpan((y * width) + spans[k], spans[k + 1] - spans[k]), tau);
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
        return new Counts(truth, predicted, intersection, perFrame);
    }

    /// <summary>
    /// EZ-VSL's per-frame rule: v ← v − min, then v ← v / max when max ≠ 0 (float32), τ = the value at ascending index ⌊N/2⌋.
    /// </summary>
    internal static float NormalizeAndSelectMedian(float[] grid, int[] histogram)
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

    private sealed class CountState
    {
        public CountState(int height, int width, bool perFrame, int slots)
        {
            Row = new float[width];
            Predicted = new int[slots];
            Intersection = new int[slots];
            if (perFrame)
            {
                Grid = new float[height * width];
                Histogram = new int[1 << 16];
            }
        }

        public MaskBuilder Mask { get; } = new();

        public UpsampleEngine Engine { get; } = new();

        public float[] Row { get; }

        public float[]? Grid { get; }

        public int[]? Histogram { get; }

        public int[] Predicted { get; }

        public int[] Intersection { get; }

        public long RasterizeTicks { get; set; }

        public long ThreadTicks { get; set; }
    }
}
