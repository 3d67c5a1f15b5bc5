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
    public static void Apply(List<AvatarScore> rows, int first, IReadOnlyDictionary<string, IReadOnlyList<FrameScore>> members,
        IReadOnlyList<FrameScore> items, ScoreOptions options, int seed)
    {
        var level = options.ConfidenceLevel!.Value;
        var clipIndex = ClipIndex(items);
        var groups = new List<ClipGroup>();
        var slots = new List<(int Row, TableMetric[] Metrics, bool[] AllEqual)>();
        for (var r = first; r < rows.Count; r++)
        {
            var row = rows[r];
            var frames = members[row.Group];
            var metrics = FrameMetricValues.For(row.GroupKind);
            var group = ClipGroup.Of(frames.Select(score => (clipIndex[score.VideoId], metrics.Select(m => FrameMetricValues.Value(score, m)).ToArray())),
                metrics.Length);
            if (group.Clips.Length < ClipBootstrap.MinimumClips)
            {
                rows[r] = row with { ConfidenceLevel = level, BootstrapSeed = seed };
                continue;
            }
            var allEqual = metrics.Select(m => frames.Select(score => FrameMetricValues.Value(score, m)).Distinct().Count() == 1).ToArray();
            groups.Add(group);
            slots.Add((r, metrics, allEqual));
        }
        var replicates = ClipBootstrap.Replicates(clipIndex.Count, groups, new ClipDraws(seed), options.Resamples);
        for (var g = 0; g < slots.Count; g++)
        {
            var (r, metrics, allEqual) = slots[g];
            var row = rows[r];
            for (var m = 0; m < metrics.Length; m++)
            {
                var point = FrameMetricValues.Of(row, metrics[m]);
                var bounds = allEqual[m] && point is double value ? (value, value) : ClipBootstrap.Percentile(replicates[g][m], level);
                row = With(row, metrics[m], bounds);
            }
            rows[r] = row with { ConfidenceLevel = level, Resamples = replicates[g][0].Length, BootstrapSeed = seed };
        }
    }

    /// <summary>Clip id → index, in ordinal order of the ids.</summary>
    public static Dictionary<string, int> ClipIndex(IEnumerable<FrameScore> items)
    {
        var clips = items.Select(score => score.VideoId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(clips.Length, StringComparer.Ordinal);
        for (var c = 0; c < clips.Length; c++)
        {
            index[clips[c]] = c;
        }
        return index;
    }

    private static AvatarScore With(AvatarScore row, TableMetric metric, (double Lower, double Upper)? bounds) => metric switch
    {
        TableMetric.CIoU => row with { CIoULower = bounds?.Lower, CIoUUpper = bounds?.Upper },
        TableMetric.AUC => row with { AUCLower = bounds?.Lower, AUCUpper = bounds?.Upper },
        TableMetric.Success50 => row with { Success50Lower = bounds?.Lower, Success50Upper = bounds?.Upper },
        TableMetric.TNRate => row with { TNRateLower = bounds?.Lower, TNRateUpper = bounds?.Upper },
        _ => row,
    };
}
