namespace AvatarTools.Core.Scoring;

/// <summary>
/// Adds the clip-bootstrap intervals (<see cref="ClipBootstrap"/>) to the rows of one model and threshold. The clips are those
/// of all the set's frames (on- and Off-Screen), numbered in ordinal order of their ids, so the same seed draws the same clips
/// for every model and threshold scored on the same clips. Degenerate cases: a group of fewer than two clips gets no interval
/// (null bounds and Resamples); a metric whose per-frame values are all equal gets the interval [value, value] (every
/// replicate equals the estimate); a group that is empty in a replicate is left out of that replicate.
/// </summary>
internal static class ScoreIntervals
{
    /// <summary>The intervals of the rows from <paramref name="first"/> on, whose member frames <paramref name="members"/> lists in row order.</summary>
    public static void Apply(List<AvatarScore> rows, int first, IReadOnlyList<IReadOnlyList<FrameScore>> members,
        IReadOnlyList<FrameScore> items, ScoreOptions options, int seed)
    {
        var level = options.ConfidenceLevel!.Value;
        var groups = Enumerable.Range(first, rows.Count - first)
            .Select(r => (members[r - first], (IReadOnlyList<TableMetric>)TableMetric.For(rows[r].Benchmark, rows[r].GroupKind)))
            .ToList();
        var intervals = Of(groups, ClipIndex(items), level, options.Resamples, seed);
        for (var r = first; r < rows.Count; r++)
        {
            var (metrics, bounds, resamples) = intervals[r - first];
            var row = rows[r];
            if (resamples is not null)
            {
                for (var m = 0; m < metrics.Count; m++)
                {
                    row = metrics[m].WriteBounds(row, bounds[m]);
                }
            }
            rows[r] = row with { ConfidenceLevel = level, Resamples = resamples, BootstrapSeed = seed };
        }
    }

    /// <summary>
    /// The clip-bootstrap intervals of each group's metrics (any averaged <see cref="TableMetric"/>), one draw of the clips of
    /// <paramref name="clipIndex"/> for all: per group, its metrics, their bounds and the replicates they rest on (null
    /// bounds and replicates for a group of fewer than two clips).
    /// </summary>
    public static List<(IReadOnlyList<TableMetric> Metrics, (double Lower, double Upper)?[] Bounds, int? Resamples)> Of(
        IReadOnlyList<(IReadOnlyList<FrameScore> Members, IReadOnlyList<TableMetric> Metrics)> groups, Dictionary<string, int> clipIndex,
        double level, int resamples, int seed)
    {
        var clipGroups = new List<ClipGroup>();
        var slots = new List<(int Group, bool[] AllEqual)>();
        var result = groups.Select(group => (group.Metrics, new (double Lower, double Upper)?[group.Metrics.Count], (int?)null)).ToList();
        for (var g = 0; g < groups.Count; g++)
        {
            var (frames, metrics) = groups[g];
            var clipGroup = ClipGroup.Of(frames.Select(score => (clipIndex[score.VideoId], metrics.Select(m => m.FrameValue!(score)).ToArray())),
                metrics.Count);
            if (clipGroup.Clips.Length < ClipBootstrap.MinimumClips)
            {
                continue;
            }
            var allEqual = metrics.Select(m => frames.Select(score => m.FrameValue!(score)).Distinct().Count() == 1).ToArray();
            clipGroups.Add(clipGroup);
            slots.Add((g, allEqual));
        }
        var replicates = ClipBootstrap.Replicates(clipIndex.Count, clipGroups, new ClipDraws(seed), resamples);
        for (var s = 0; s < slots.Count; s++)
        {
            var (g, allEqual) = slots[s];
            var (frames, metrics) = groups[g];
            var bounds = result[g].Item2;
            for (var m = 0; m < metrics.Count; m++)
            {
                var point = metrics[m].PointOf(frames);
                bounds[m] = allEqual[m] ? (point, point) : ClipBootstrap.Percentile(replicates[s][m], level);
            }
            result[g] = (metrics, bounds, replicates[s][0].Length);
        }
        return result;
    }

    /// <summary>Clip id → index, in ordinal order of the ids.</summary>
    public static Dictionary<string, int> ClipIndex(IEnumerable<FrameScore> items) => ClipIndex(items.Select(score => score.VideoId));

    /// <summary>Clip id → index, in ordinal order of the distinct ids (the numbering every clip bootstrap draws by).</summary>
    public static Dictionary<string, int> ClipIndex(IEnumerable<string> clipIds)
    {
        var clips = clipIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(clips.Length, StringComparer.Ordinal);
        for (var c = 0; c < clips.Length; c++)
        {
            index[clips[c]] = c;
        }
        return index;
    }
}
