using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The summary step: per model and threshold, the rows Total, Single-Sound, Mixed-Sound, Multi-Entity, Off-Screen,
/// [Cross-event with Δ], [per category or clip], each carrying the provenance of its τ. Groups without frames are left out;
/// the Off-Screen row has TN% and no CIoU/AUC. With a confidence level, every row gets its clip-bootstrap intervals
/// (<see cref="ScoreIntervals"/>), one seed for the whole call.
/// </summary>
internal static class ScoreSummary
{
    public static IReadOnlyList<AvatarScore> Summarize(IReadOnlyList<FrameScore> frameScores, ScoreOptions options, ISet<string>? crossEventClips,
        IReadOnlyList<ModelCoverage>? coverage)
    {
        var rows = new List<AvatarScore>();
        var unseen = coverage?.ToDictionary(item => item.Model, item => item.UnseenFrames, StringComparer.Ordinal);
        var seed = options.SeedOfCall();
        var crossEvent = options.CrossEvent ? crossEventClips ?? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var set in frameScores.GroupBy(score => (score.Model, score.TopFraction)))
        {
            var items = set.ToList();
            var template = Template(set.Key.Model, items[0], options, unseen);
            var first = rows.Count;
            var members = new List<IReadOnlyList<FrameScore>>();
            AvatarScore? total = null;
            foreach (var (group, frames) in ScoreGroups.Of(items, options.GroupBy, crossEvent))
            {
                var row = Row(template, group, frames, TableMetric.Avatar);
                if (group.Kind == ScoreGroupKind.Total)
                {
                    total = row;
                }
                else if (group.Kind == ScoreGroupKind.CrossEvent && total is not null)
                {
                    row = row with { Delta = row.CIoU - total.CIoU };
                }
                rows.Add(row);
                members.Add(frames);
            }
            if (options.ConfidenceLevel is not null)
            {
                ScoreIntervals.Apply(rows, first, members, items, options, seed);
            }
        }
        return rows;
    }

    /// <summary>
    /// The summary step of one group: the template with the group, its frames and clips, and the value of each of
    /// <paramref name="metrics"/> that applies to the group's kind.
    /// </summary>
    public static AvatarScore Row(AvatarScore template, ScoreGroup group, IReadOnlyList<FrameScore> members, IEnumerable<TableMetric> metrics)
    {
        var row = template.WithGroup(group) with { Frames = members.Count, Clips = ClipCount(members) };
        foreach (var metric in metrics.Where(metric => metric.AppliesTo(group.Kind)))
        {
            row = metric.Write(row, metric.PointOf(members));
        }
        return row;
    }

    public static int ClipCount(IReadOnlyList<FrameScore> members) =>
        members.Select(score => score.VideoId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The provenance part of every row of one model and threshold.</summary>
    private static AvatarScore Template(string model, FrameScore first, ScoreOptions options, Dictionary<string, int?>? unseen)
    {
        var provenance = first.Provenance ?? new ScoreProvenance(
            options.Policy switch
            {
                ThresholdPolicy.PerFrame => ThresholdSource.PerFrame,
                ThresholdPolicy.Fixed => ThresholdSource.Fixed,
                _ => ThresholdSource.Calibrated,
            },
            options.Policy == ThresholdPolicy.PerFrame ? null : first.Threshold, first.TopFraction, options.TieRule,
            options.GridHeight, options.GridWidth, options.Upsample, null);
        return TemplateOf(model, provenance) with
        {
            UnseenFrames = unseen is not null && unseen.TryGetValue(model, out var count) ? count : null,
        };
    }

    /// <summary>A row of one model with the provenance of its τ and no group yet (the summaries' common part).</summary>
    internal static AvatarScore TemplateOf(string model, ScoreProvenance provenance) => new()
    {
        Model = model,
        Group = "",
        GroupKind = ScoreGroupKind.Total,
        GroupName = "",
        Frames = 0,
        Protocol = provenance.Protocol,
        Threshold = provenance.Threshold,
        TopFraction = provenance.TopFraction,
        ThresholdSource = provenance.Source,
        CalibrationFrames = provenance.Calibration?.Frames,
        PredictedFraction = provenance.Calibration?.PredictedFraction,
        TieRule = provenance.TieRule,
        GridHeight = provenance.GridHeight,
        GridWidth = provenance.GridWidth,
        Interpolation = provenance.Interpolation,
    };
}
