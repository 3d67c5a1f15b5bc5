using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// Compares models scored on the same frames with a reference model, per group (Total, Single-Sound, Mixed-Sound,
/// Multi-Entity, Off-Screen, [per category or clip]; VGG-SS and Flickr-SoundNet: Total, [per category], per test list, [per
/// clip]: the groups <see cref="ScoreGroups"/> forms for the summary rows too) and metric (those the rows carry,
/// <see cref="TableMetric"/>: CIoU, AUC, cIoU@0.5; TN% on the Off-Screen row; CIoUAt50, AUC, MeanCIoU on image rows), at each top
/// fraction the model and the reference share (pairing a model's p with the reference's p; the Fixed and PerFrame policies
/// pair with each other). The difference is model minus reference, each computed as Measure-AvatarScore computes it.
/// <list type="bullet">
/// <item>Interval: the paired clip bootstrap. A replicate draws C clips with replacement from the C clips of the frames (as
/// <see cref="ClipBootstrap"/>; the same seed draws the same clips as Measure-AvatarScore's intervals) and computes the
/// difference on the drawn clips' frames for both models at once; the percentile interval of those differences.</item>
/// <item>p-value: the clip sign-flip test (<see cref="SignFlipTest"/>), exact for groups of few clips.</item>
/// </list>
/// The two come from different resampling schemes: in borderline cases the interval may just exclude 0 while p is just above
/// 1 − level, or the reverse; with few clips the percentile interval is too narrow (it stays within the clips' own values)
/// while the exact test cannot go below 2 / 2^C. Degenerate cases: a group of one clip has no interval (and p = 1: one clip cannot show a
/// difference between clips to be real); when every frame of the group has the same difference of a metric the interval is
/// [difference, difference]; a model compared with itself gives 0, the interval [0, 0] and p = 1.
/// </summary>
public static class PairedComparison
{
    private const int ListedFrames = 20;

    /// <summary>
    /// Compares every model of <paramref name="frameScores"/> other than <paramref name="reference"/> with it. Throws an
    /// <see cref="AvatarDataException"/> when the reference is missing, when only one model is given, or when the reference has
    /// two scores for one frame; a model that cannot be compared (frames not shared with the reference, no matching top fraction,
    /// duplicates) is left out with its error in <see cref="ComparisonRun.Errors"/>.
    /// </summary>
    public static ComparisonRun Compare(IReadOnlyList<FrameScore> frameScores, string reference, ComparisonOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ComparisonOptions();
        options.Validate();
        var seed = options.Seed ?? Random.Shared.Next();
        var models = frameScores.Select(score => score.Model).Distinct(StringComparer.Ordinal).ToList();
        if (!models.Contains(reference, StringComparer.Ordinal))
        {
            throw new AvatarDataException("ReferenceNotFound", AvatarErrorKind.InvalidArgument, null,
                $"the reference model '{reference}' is not in the input; its models are: {(models.Count == 0 ? "(none)" : string.Join(", ", models))}.");
        }
        if (models.Count < 2)
        {
            throw new AvatarDataException("ComparisonNeedsTwoModels", AvatarErrorKind.InvalidArgument, null,
                $"the input holds the per-frame scores of one model ('{reference}'); a comparison needs two or more models scored on the same frames.");
        }
        var sets = frameScores.GroupBy(score => (score.Model, score.TopFraction)).Select(set => (set.Key.Model, set.Key.TopFraction, Scores: set.ToList())).ToList();
        var referenceSets = sets.Where(set => set.Model == reference).ToDictionary(set => set.TopFraction ?? double.NaN, set => set.Scores);
        foreach (var (fraction, scores) in referenceSets)
        {
            Index(reference, double.IsNaN(fraction) ? null : fraction, scores);
        }
        var comparisons = new List<ScoreComparison>();
        var errors = new List<AvatarDataException>();
        foreach (var (model, fraction, scores) in sets.Where(set => set.Model != reference))
        {
            if (!referenceSets.TryGetValue(fraction ?? double.NaN, out var referenceScores))
            {
                var available = string.Join(", ", referenceSets.Keys.Select(Describe));
                errors.Add(new AvatarDataException("ReferenceFractionNotFound", AvatarErrorKind.InvalidData, null,
                    $"model '{model}' was scored at {Describe(fraction ?? double.NaN)}, the reference '{reference}' only at {available}; score both at the same top fractions."));
                continue;
            }
            try
            {
                comparisons.AddRange(ComparePair(model, scores, reference, referenceScores, fraction, options, seed, cancellationToken));
            }
            catch (AvatarDataException error)
            {
                errors.Add(error);
            }
        }
        return new ComparisonRun(comparisons, errors, seed);
    }

    private static IEnumerable<ScoreComparison> ComparePair(string model, List<FrameScore> modelScores, string reference, List<FrameScore> referenceScores,
        double? fraction, ComparisonOptions options, int seed, CancellationToken cancellationToken)
    {
        var modelIndex = Index(model, fraction, modelScores);
        var referenceIndex = Index(reference, fraction, referenceScores);
        CheckShared(model, modelIndex, reference, referenceIndex, fraction);
        var clipIndex = ScoreIntervals.ClipIndex(referenceScores);
        var groups = ScoreGroups.Of(referenceScores, options.GroupBy, null).ToList();
        var clipGroups = new List<ClipGroup>();
        var pending = new List<Pending>();
        foreach (var (group, members) in groups)
        {
            var metrics = options.Metrics?.Invoke(referenceScores[0].Benchmark, group.Kind) ?? TableMetric.For(referenceScores[0].Benchmark, group.Kind);
            var keys = members.Select(Key).ToHashSet();
            var modelMembers = modelScores.Where(score => keys.Contains(Key(score))).ToList();
            var differences = members.Select(score => (Reference: score, Model: modelIndex[Key(score)]))
                .Select(pair => metrics.Select(m => m.FrameValue!(pair.Model) - m.FrameValue!(pair.Reference)).ToArray())
                .ToList();
            var clipGroup = ClipGroup.Of(members.Select((score, i) => (clipIndex[score.VideoId], differences[i])), metrics.Count);
            var allEqual = metrics.Select((_, m) => differences.Select(d => d[m]).Distinct().Count() == 1).ToArray();
            var slot = clipGroup.Clips.Length >= ClipBootstrap.MinimumClips ? clipGroups.Count : -1;
            if (slot >= 0)
            {
                clipGroups.Add(clipGroup);
            }
            pending.Add(new Pending(group, metrics, members.Count, clipGroup, slot, allEqual,
                metrics.Select(m => m.PointOf(modelMembers)).ToArray(), metrics.Select(m => m.PointOf(members)).ToArray()));
        }

        // One stream per comparison: first the bootstrap replicates, then the random sign flips.
        var draws = new ClipDraws(seed);
        var replicates = ClipBootstrap.Replicates(clipIndex.Count, clipGroups, draws, options.Resamples, cancellationToken);
        var sampled = pending.Where(item => !SignFlipTest.IsExact(item.Clips.Clips.Length, options.Resamples)).ToList();
        var sampledSlots = new Dictionary<Pending, int>(ReferenceEqualityComparer.Instance);
        for (var g = 0; g < sampled.Count; g++)
        {
            sampledSlots[sampled[g]] = g;
        }
        var extreme = sampled.Select(item => new long[item.Metrics.Count]).ToArray();
        var bounds = sampled.Select(item => item.Metrics.Select((_, m) => SignFlipTest.Bound(item.Clips.Sums[m])).ToArray()).ToArray();
        if (sampled.Count > 0)
        {
            var signs = new double[clipIndex.Count];
            for (var b = 0; b < options.Resamples; b++)
            {
                if ((b & 63) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                draws.FlipSigns(signs);
                for (var g = 0; g < sampled.Count; g++)
                {
                    var clips = sampled[g].Clips.Clips;
                    for (var m = 0; m < sampled[g].Metrics.Count; m++)
                    {
                        var sums = sampled[g].Clips.Sums[m];
                        var t = 0.0;
                        for (var e = 0; e < clips.Length; e++)
                        {
                            t += signs[clips[e]] * sums[e];
                        }
                        if (Math.Abs(t) >= bounds[g][m])
                        {
                            extreme[g][m]++;
                        }
                    }
                }
            }
        }

        var modelThreshold = ThresholdOf(modelScores[0]);
        var referenceThreshold = ThresholdOf(referenceScores[0]);
        foreach (var item in pending)
        {
            var sampledSlot = sampledSlots.TryGetValue(item, out var slot) ? slot : -1;
            for (var m = 0; m < item.Metrics.Count; m++)
            {
                var difference = item.Values[m] - item.ReferenceValues[m];
                (double Lower, double Upper)? interval = item.Slot < 0 ? null
                    : item.AllEqual[m] ? (difference, difference)
                    : ClipBootstrap.Percentile(replicates[item.Slot][m], options.ConfidenceLevel);
                var exact = sampledSlot < 0;
                yield return new ScoreComparison
                {
                    Model = model,
                    Reference = reference,
                    Group = item.Group.Label,
                    GroupKind = item.Group.Kind,
                    GroupName = item.Group.Name,
                    Metric = item.Metrics[m],
                    TopFraction = fraction,
                    Frames = item.Frames,
                    Clips = item.Clips.Clips.Length,
                    Value = item.Values[m],
                    ReferenceValue = item.ReferenceValues[m],
                    Difference = difference,
                    Lower = interval?.Lower,
                    Upper = interval?.Upper,
                    PValue = exact ? SignFlipTest.Exact(item.Clips.Sums[m]) : SignFlipTest.Sampled(extreme[sampledSlot][m], options.Resamples),
                    PValueExact = exact,
                    ConfidenceLevel = options.ConfidenceLevel,
                    Resamples = item.Slot < 0 ? null : replicates[item.Slot][m].Length,
                    Seed = seed,
                    Threshold = modelThreshold,
                    ReferenceThreshold = referenceThreshold,
                };
            }
        }
    }

    private sealed record Pending(ScoreGroup Group, IReadOnlyList<TableMetric> Metrics, int Frames, ClipGroup Clips, int Slot,
        bool[] AllEqual, double[] Values, double[] ReferenceValues);

    private static (string VideoId, int FrameIndex) Key(FrameScore score) => (score.VideoId, score.FrameIndex);

    private static double? ThresholdOf(FrameScore score) => score.ThresholdSource == ThresholdSource.PerFrame ? null : score.Threshold;

    private static string Describe(double fraction) =>
        double.IsNaN(fraction) ? "no top fraction (Fixed or PerFrame)" : FormattableString.Invariant($"top fraction {fraction:G4}");

    private static string FrameName((string VideoId, int FrameIndex) key) => FormattableString.Invariant($"{key.VideoId}/{key.FrameIndex:D5}");

    private static Dictionary<(string VideoId, int FrameIndex), FrameScore> Index(string model, double? fraction, List<FrameScore> scores)
    {
        var index = new Dictionary<(string, int), FrameScore>(scores.Count);
        var duplicates = new List<(string, int)>();
        foreach (var score in scores)
        {
            if (!index.TryAdd(Key(score), score))
            {
                duplicates.Add(Key(score));
            }
        }
        if (duplicates.Count > 0)
        {
            throw new AvatarDataException("DuplicateFrameScore", AvatarErrorKind.InvalidData, null,
                $"model '{model}' has more than one score at {Describe(fraction ?? double.NaN)} for {duplicates.Count} frame(s): {List(duplicates.Select(FrameName))}; give each frame once per model.");
        }
        return index;
    }

    private static void CheckShared(string model, Dictionary<(string, int), FrameScore> modelIndex, string reference,
        Dictionary<(string, int), FrameScore> referenceIndex, double? fraction)
    {
        var onlyModel = modelIndex.Keys.Where(key => !referenceIndex.ContainsKey(key)).Select(key => $"{FrameName(key)} (only {model})");
        var onlyReference = referenceIndex.Keys.Where(key => !modelIndex.ContainsKey(key)).Select(key => $"{FrameName(key)} (only {reference})");
        var unshared = onlyModel.Concat(onlyReference).ToList();
        if (unshared.Count > 0)
        {
            throw new AvatarDataException("FramesNotShared", AvatarErrorKind.InvalidData, null,
                $"models '{model}' and '{reference}' must be scored on the same frames ({Describe(fraction ?? double.NaN)}); {unshared.Count} frame(s) are scored for only one of them: {List(unshared)}.");
        }
        var mismatched = modelIndex
            .Where(pair => pair.Value.IsOffScreen != referenceIndex[pair.Key].IsOffScreen || !pair.Value.Scenarios.SequenceEqual(referenceIndex[pair.Key].Scenarios))
            .Select(pair => FrameName(pair.Key))
            .ToList();
        if (mismatched.Count > 0)
        {
            throw new AvatarDataException("FrameMismatch", AvatarErrorKind.InvalidData, null,
                $"models '{model}' and '{reference}' have frames of the same id with different scenarios (frames of different datasets?): {List(mismatched)}.");
        }
    }

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        var shown = string.Join(", ", all.Take(ListedFrames));
        return all.Count > ListedFrames ? $"{shown} and {all.Count - ListedFrames} more" : shown;
    }
}
