using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The negatives step: each negative-audio map (<see cref="Localization.IsNegative"/>) thresholded at the τ of its model's
/// positives (calibrated on the input's positives, or a given calibration, or the fixed value; never calibrated on
/// negatives), with its pIA and, when the same frame's positive map is in the input, the IoU of the two binary maps; then
/// the rows per model, condition and threshold (<see cref="NegativeScore"/>).
/// </summary>
internal static class NegativeScoring
{
    private static readonly AvatarScenario[] OnScreenScenarios = { AvatarScenario.SingleSound, AvatarScenario.MixedSound, AvatarScenario.MultiEntity };

    /// <summary>The positives (the input itself when it holds no negative) and the negatives, each in input order.</summary>
    public static (IReadOnlyList<Localization> Positives, IReadOnlyList<Localization> Negatives) Split(IReadOnlyList<Localization> localizations)
    {
        if (!localizations.Any(item => item.IsNegative))
        {
            return (localizations, Array.Empty<Localization>());
        }
        return (localizations.Where(item => !item.IsNegative).ToList(), localizations.Where(item => item.IsNegative).ToList());
    }

    public static IReadOnlyList<NegativeFrameScore> Score(IReadOnlyList<Localization> negatives, IReadOnlyList<Localization> positives,
        IReadOnlyDictionary<string, IReadOnlyList<ScoreProvenance>> positiveThresholds, ScoreOptions options, IProgress<ScoreProgress>? progress,
        CancellationToken cancellationToken, List<AvatarDataException> errors)
    {
        var results = new List<NegativeFrameScore>();
        foreach (var (model, indices) in ModelGroups.Of(negatives))
        {
            IReadOnlyList<ScoreProvenance> provenances;
            try
            {
                provenances = Thresholds(model, positiveThresholds, options);
            }
            catch (AvatarDataException error)
            {
                errors.Add(error);
                continue;
            }
            var positiveMaps = new Dictionary<(string, string, int), Heatmap>();
            foreach (var positive in positives.Where(item => string.Equals(item.Model, model, StringComparison.Ordinal)))
            {
                positiveMaps.TryAdd((positive.Frame.DatasetPath, positive.VideoId, positive.FrameIndex), positive.Heatmap);
            }
            results.AddRange(ScoreModel(negatives, indices, positiveMaps, provenances, options, progress, cancellationToken));
        }
        return results;
    }

    private static IReadOnlyList<ScoreProvenance> Thresholds(string model, IReadOnlyDictionary<string, IReadOnlyList<ScoreProvenance>> positiveThresholds,
        ScoreOptions options)
    {
        ScoreProvenance Of(ThresholdSource source, double? threshold, double? fraction, AvatarCalibration? calibration) =>
            new(source, threshold, fraction, options.TieRule, options.GridHeight, options.GridWidth, options.Upsample, calibration);
        if (options.Policy == ThresholdPolicy.PerFrame)
        {
            throw new AvatarDataException("NegativesNeedGlobalThreshold", AvatarErrorKind.InvalidArgument, null,
                $"the negative-audio maps of model '{model}' are scored at the τ of its positives; -Threshold PerFrame gives every map its own τ, which says nothing about staying quiet. Use -Threshold Global (with -Calibration) or Fixed.");
        }
        if (positiveThresholds.TryGetValue(model, out var own))
        {
            return own;
        }
        if (options.Policy == ThresholdPolicy.Fixed)
        {
            return new[] { Of(ThresholdSource.Fixed, (float)options.Value, null, null) };
        }
        if (options.Calibrations is { } given)
        {
            return CalibrationMatcher.Select(model, given, options)
                .Select(calibration => Of(ThresholdSource.Calibration, calibration.ThresholdSingle, calibration.TopFraction, calibration))
                .ToArray();
        }
        throw new AvatarDataException("NegativesNeedCalibration", AvatarErrorKind.InvalidArgument, null,
            $"the negative-audio maps of model '{model}' are scored at the τ of its positives, and the input holds none of its positive maps: " +
            "give -Calibration (Measure-AvatarThreshold on the positive run, or its file), or pipe the positive localizations in too. τ is never calibrated on negatives.");
    }

    private static List<NegativeFrameScore> ScoreModel(IReadOnlyList<Localization> negatives, List<int> indices, Dictionary<(string, string, int), Heatmap> positiveMaps,
        IReadOnlyList<ScoreProvenance> provenances, ScoreOptions options, IProgress<ScoreProgress>? progress, CancellationToken cancellationToken)
    {
        var height = options.GridHeight;
        var width = options.GridWidth;
        var rule = options.TieRule;
        var thresholds = provenances.Select(p => (float)p.Threshold!.Value).ToArray();
        var slots = thresholds.Length;
        var predicted = new int[indices.Count, slots];
        var positive = new int[indices.Count, slots];
        var intersection = new int[indices.Count, slots];
        var paired = new bool[indices.Count];
        var confidences = options.Detection ? new double[indices.Count] : null;
        FrameLoop.Run(indices.Count, options.MaxDegreeOfParallelism,
            () => new State(width, slots, options.Detection ? height : 0),
            (j, state) =>
            {
                var localization = negatives[indices[j]];
                var frame = localization.Frame;
                state.Negative.Prepare(localization.Heatmap, height, width, options.Upsample);
                var hasPositive = positiveMaps.TryGetValue((frame.DatasetPath, frame.VideoId, frame.FrameIndex), out var positiveMap);
                if (hasPositive)
                {
                    state.Positive.Prepare(positiveMap!, height, width, options.Upsample);
                }
                Array.Clear(state.Predicted);
                Array.Clear(state.PositiveCount);
                Array.Clear(state.Both);
                for (var y = 0; y < height; y++)
                {
                    state.Negative.ComputeRow(y, state.NegativeRow);
                    if (state.Grid is not null)
                    {
                        state.NegativeRow.CopyTo(state.Grid, y * width);
                    }
                    FrameCounter.CountMany(state.NegativeRow, thresholds, rule, state.Predicted);
                    if (!hasPositive)
                    {
                        continue;
                    }
                    state.Positive.ComputeRow(y, state.PositiveRow);
                    FrameCounter.CountMany(state.PositiveRow, thresholds, rule, state.PositiveCount);
                    for (var s = 0; s < slots; s++)
                    {
                        var tau = thresholds[s];
                        var both = 0;
                        for (var x = 0; x < width; x++)
                        {
                            if (Predicts(state.NegativeRow[x], tau, rule) && Predicts(state.PositiveRow[x], tau, rule))
                            {
                                both++;
                            }
                        }
                        state.Both[s] += both;
                    }
                }
                paired[j] = hasPositive;
                if (confidences is not null)
                {
                    confidences[j] = state.Confidence!.TopQuarterMean(state.Grid);
                }
                for (var s = 0; s < slots; s++)
                {
                    predicted[j, s] = state.Predicted[s];
                    positive[j, s] = state.PositiveCount[s];
                    intersection[j, s] = state.Both[s];
                }
            },
            _ => { },
            progress, "Negatives", cancellationToken);
        var grid = checked(height * width);
        var results = new List<NegativeFrameScore>(indices.Count * slots);
        for (var s = 0; s < slots; s++)
        {
            for (var j = 0; j < indices.Count; j++)
            {
                var localization = negatives[indices[j]];
                var frame = localization.Frame;
                results.Add(new NegativeFrameScore(frame.VideoId, frame.FrameIndex, localization.Model, localization.Condition, localization.Repeat,
                    localization.DonorClip, frame.IsOffScreen, thresholds[s], provenances[s].TopFraction, predicted[j, s], grid,
                    paired[j] ? positive[j, s] : null, paired[j] ? intersection[j, s] : null)
                {
                    Scenarios = frame.Scenarios,
                    Provenance = provenances[s],
                    Confidence = confidences?[j],
                });
            }
        }
        return results;
    }

    private static bool Predicts(float value, float tau, TieRule rule) => rule == TieRule.Above ? value > tau : value >= tau;

    /// <summary>
    /// The rows per model, condition and threshold (first seen order), every repeat pooled: Total, Single-Sound, Mixed-Sound,
    /// Multi-Entity over the on-screen frames, and AVATAR's own Off-Screen frames in a row of their own with TN%.
    /// </summary>
    /// <remarks>
    /// With <see cref="ScoreOptions.ConfidenceLevel"/>, every row gets clip-bootstrap intervals of pIA, AUC_N, the
    /// positive–negative IoU and TN% (<see cref="NegativeIntervals"/>), drawn with <paramref name="seed"/> over the clips
    /// of the model's positive frame scores at the same threshold (<paramref name="positives"/>), so that they are the draws
    /// of the positive rows of the run.
    /// </remarks>
    public static IReadOnlyList<NegativeScore> Summarize(IReadOnlyList<NegativeFrameScore> scores, ScoreOptions options, int seed = 0,
        IReadOnlyList<FrameScore>? positives = null)
    {
        var rows = new List<NegativeScore>();
        foreach (var set in scores.GroupBy(score => (score.Model, score.Condition, score.TopFraction, score.Threshold)))
        {
            var first = rows.Count;
            var membersOf = new List<IReadOnlyList<NegativeFrameScore>>();
            var items = set.ToList();
            var provenance = items[0].Provenance!;
            NegativeScore? Row(ScoreGroupKind kind, string group, IReadOnlyList<NegativeFrameScore> members, bool offScreen = false)
            {
                if (members.Count == 0)
                {
                    return null;
                }
                var pia = members.Select(score => score.Pia).ToArray();
                var ious = members.Where(score => score.IoU is not null).Select(score => score.IoU!.Value).ToArray();
                double? tn = null;
                if (offScreen)
                {
                    var quiet = members.Count(score => options.OffScreenRule == OffScreenRule.AnyPixel
                        ? score.PredictedPixels == 0
                        : score.PredictedPixels < options.OffScreenArea * score.GridPixels);
                    tn = 100 * ((double)quiet / members.Count);
                }
                return new NegativeScore
                {
                    Model = set.Key.Model,
                    Condition = set.Key.Condition,
                    Group = group,
                    GroupKind = kind,
                    Maps = members.Count,
                    Frames = members.Select(score => (score.VideoId, score.FrameIndex)).Distinct().Count(),
                    Repeats = members.Select(score => score.Repeat).Distinct().Count(),
                    PIA = NegativeMetrics.PiaPercent(pia),
                    AUCN = NegativeMetrics.AucNPercent(pia),
                    IoU = ious.Length == 0 ? null : ScoreMetrics.MeanPercent(ious),
                    PairedMaps = ious.Length,
                    TNRate = tn,
                    Threshold = set.Key.Threshold,
                    TopFraction = set.Key.TopFraction,
                    ThresholdSource = provenance.Source,
                    TieRule = provenance.TieRule,
                    GridHeight = provenance.GridHeight,
                    GridWidth = provenance.GridWidth,
                    Interpolation = provenance.Interpolation,
                };
            }
            void Add(ScoreGroupKind kind, string group, IReadOnlyList<NegativeFrameScore> members, bool offScreen = false)
            {
                if (Row(kind, group, members, offScreen) is { } row)
                {
                    rows.Add(row);
                    membersOf.Add(members);
                }
            }
            var onScreen = items.Where(score => !score.IsOffScreen).ToList();
            Add(ScoreGroupKind.Total, "Total", onScreen);
            foreach (var scenario in OnScreenScenarios)
            {
                Add(ScoreGroupKind.Scenario, scenario.ToTaskString(), onScreen.Where(score => score.Scenarios.Contains(scenario)).ToList());
            }
            Add(ScoreGroupKind.OffScreen, AvatarScenario.OffScreen.ToTaskString(), items.Where(score => score.IsOffScreen).ToList(), offScreen: true);
            if (options.ConfidenceLevel is not null)
            {
                var clips = (positives ?? Array.Empty<FrameScore>())
                    .Where(score => string.Equals(score.Model, set.Key.Model, StringComparison.Ordinal) && Nullable.Equals(score.TopFraction, set.Key.TopFraction))
                    .Select(score => score.VideoId);
                NegativeIntervals.Apply(rows, first, membersOf, clips, options, seed);
            }
        }
        return rows;
    }

    /// <summary>The seed of the run's bootstrap: the positive rows' (so that the draws are theirs), else the given one, else a fresh one.</summary>
    public static int SeedOf(IReadOnlyList<AvatarScore> positiveRows, ScoreOptions options) => options.ConfidenceLevel is null
        ? 0
        : positiveRows.FirstOrDefault(row => row.BootstrapSeed is not null)?.BootstrapSeed ?? options.SeedOfCall();

    private sealed class State(int width, int slots, int detectionHeight)
    {
        /// <summary>The whole negative map on the grid, for its detection confidence; null without detection.</summary>
        public float[]? Grid { get; } = detectionHeight > 0 ? new float[detectionHeight * width] : null;

        public MapConfidence? Confidence { get; } = detectionHeight > 0 ? new MapConfidence() : null;

        public UpsampleEngine Negative { get; } = new();

        public UpsampleEngine Positive { get; } = new();

        public float[] NegativeRow { get; } = new float[width];

        public float[] PositiveRow { get; } = new float[width];

        public int[] Predicted { get; } = new int[slots];

        public int[] PositiveCount { get; } = new int[slots];

        public int[] Both { get; } = new int[slots];
    }
}
