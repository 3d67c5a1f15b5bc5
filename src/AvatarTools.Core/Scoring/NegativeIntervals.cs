namespace AvatarTools.Core.Scoring;

/// <summary>
/// The clip-bootstrap intervals of the negatives rows (<see cref="ClipBootstrap"/>: clips resampled, never frames; the
/// percentile interval). Each metric of a row is a mean over its negative maps of a per-map value, so a replicate is
/// 100 × Σ w·sum / Σ w·maps as for the positives:
/// <list type="bullet">
/// <item>pIA: the map's pIA;</item>
/// <item>AUC_N: the map's share of the trapezoid, a(p) = Σ_i (t_{i+1} − t_i) · ([p ≤ t_i] + [p ≤ t_{i+1}]) / 2 over
/// t_i = 0.05 · i (the mean of a(p_k) over the maps is AUC_N, as the curve #{pIA_k ≤ t}/K is a mean of indicators);</item>
/// <item>TN% (Off-Screen row): 1 when the map counts as empty under the run's Off-Screen rule, else 0;</item>
/// <item>the positive–negative IoU: the map's IoU, over the maps that have their frame's positive map.</item>
/// </list>
/// The clips are numbered in ordinal order of their ids over the positives' clips of the same model and threshold (with any
/// clip only the negatives hold added), and drawn with the positives' seed: when the negatives' clips are among the
/// positives' (the usual case), replicate b draws the same clips for both. A group of fewer than two clips has no interval;
/// a metric whose per-map values are all equal gets [value, value].
/// </summary>
internal static class NegativeIntervals
{
    public static void Apply(List<NegativeScore> rows, int first, IReadOnlyList<IReadOnlyList<NegativeFrameScore>> members,
        IEnumerable<string> positiveClips, ScoreOptions options, int seed)
    {
        var level = options.ConfidenceLevel!.Value;
        var clipIndex = ScoreIntervals.ClipIndex(positiveClips.Concat(members.SelectMany(list => list.Select(score => score.VideoId))));
        var groups = new List<ClipGroup>();
        // Per row: the group of all its maps (pIA, AUC_N, TN%) and of its paired maps (IoU), as indices into groups (−1: none).
        var slots = new List<(int Row, int Maps, int Paired, bool[] AllEqual, bool IoUEqual)>();
        for (var r = first; r < rows.Count; r++)
        {
            var maps = members[r - first];
            var values = maps.Select(score => PerMap(score, options)).ToArray();
            var group = ClipGroup.Of(maps.Select((score, k) => (clipIndex[score.VideoId], values[k])), 3);
            var paired = maps.Where(score => score.IoU is not null).ToArray();
            var pairedGroup = ClipGroup.Of(paired.Select(score => (clipIndex[score.VideoId], new[] { score.IoU!.Value })), 1);
            var mapsSlot = -1;
            var pairedSlot = -1;
            if (group.Clips.Length >= ClipBootstrap.MinimumClips)
            {
                mapsSlot = groups.Count;
                groups.Add(group);
            }
            if (pairedGroup.Clips.Length >= ClipBootstrap.MinimumClips)
            {
                pairedSlot = groups.Count;
                groups.Add(pairedGroup);
            }
            var allEqual = Enumerable.Range(0, 3).Select(m => values.Select(v => v[m]).Distinct().Count() == 1).ToArray();
            slots.Add((r, mapsSlot, pairedSlot, allEqual, paired.Select(score => score.IoU!.Value).Distinct().Count() == 1));
        }
        var replicates = ClipBootstrap.Replicates(clipIndex.Count, groups, new ClipDraws(seed), options.Resamples);
        foreach (var (r, mapsSlot, pairedSlot, allEqual, iouEqual) in slots)
        {
            var row = rows[r];
            (double, double)? Bounds(int slot, int metric, double? point, bool equal) =>
                slot < 0 || point is not double value ? null : equal ? (value, value) : ClipBootstrap.Percentile(replicates[slot][metric], level);
            var pia = Bounds(mapsSlot, 0, row.PIA, allEqual[0]);
            var aucn = Bounds(mapsSlot, 1, row.AUCN, allEqual[1]);
            var tn = Bounds(mapsSlot, 2, row.TNRate, allEqual[2]);
            var iou = Bounds(pairedSlot, 0, row.IoU, iouEqual);
            rows[r] = row with
            {
                ConfidenceLevel = level,
                BootstrapSeed = seed,
                Resamples = mapsSlot < 0 ? null : replicates[mapsSlot][0].Length,
                PIALower = pia?.Item1,
                PIAUpper = pia?.Item2,
                AUCNLower = aucn?.Item1,
                AUCNUpper = aucn?.Item2,
                TNRateLower = tn?.Item1,
                TNRateUpper = tn?.Item2,
                IoULower = iou?.Item1,
                IoUUpper = iou?.Item2,
            };
        }
    }

    /// <summary>The per-map values of pIA, AUC_N's trapezoid share a(p) and the empty-map indicator (see the class summary).</summary>
    public static double[] PerMap(NegativeFrameScore score, ScoreOptions options)
    {
        var pia = score.Pia;
        var thresholds = ScoreMetrics.AucThresholds;
        var area = 0.0;
        for (var i = 0; i + 1 < thresholds.Count; i++)
        {
            area += (thresholds[i + 1] - thresholds[i]) * ((pia <= thresholds[i] ? 1.0 : 0.0) + (pia <= thresholds[i + 1] ? 1.0 : 0.0)) / 2.0;
        }
        var quiet = options.OffScreenRule == OffScreenRule.AnyPixel
            ? score.PredictedPixels == 0
            : score.PredictedPixels < options.OffScreenArea * score.GridPixels;
        return new[] { pia, area, quiet ? 1.0 : 0.0 };
    }
}
