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
    private static readonly AvatarScenario[] OnScreenScenarios = { AvatarScenario.SingleSound, AvatarScenario.MixedSound, AvatarScenario.MultiEntity };

    public static IReadOnlyList<AvatarScore> Summarize(IReadOnlyList<FrameScore> frameScores, ScoreOptions options, ISet<string>? crossEventClips,
        IReadOnlyList<ModelCoverage>? coverage)
    {
        var rows = new List<AvatarScore>();
        var unseen = coverage?.ToDictionary(item => item.Model, item => item.UnseenFrames, StringComparer.Ordinal);
        var seed = options.ConfidenceLevel is null ? 0 : options.BootstrapSeed ?? Random.Shared.Next();
        foreach (var set in frameScores.GroupBy(score => (score.Model, score.TopFraction)))
        {
            var items = set.ToList();
            var template = Template(set.Key.Model, items[0], options, unseen);
            var onScreen = items.Where(score => !score.IsOffScreen).ToList();
            var first = rows.Count;
            var membersOf = new Dictionary<string, IReadOnlyList<FrameScore>>(StringComparer.Ordinal);
            AvatarScore? Row(ScoreGroupKind kind, string name, string group, IReadOnlyList<FrameScore> members)
            {
                if (members.Count == 0)
                {
                    return null;
                }
                var values = members.Select(score => score.CIoU).ToArray();
                membersOf[group] = members;
                return template with
                {
                    Group = group,
                    GroupKind = kind,
                    GroupName = name,
                    Frames = members.Count,
                    Clips = ClipCount(members),
                    CIoU = ScoreMetrics.MeanPercent(values),
                    AUC = ScoreMetrics.AucPercent(values),
                    Success50 = ScoreMetrics.SuccessPercent(values),
                };
            }
            void Add(AvatarScore? row)
            {
                if (row is not null)
                {
                    rows.Add(row);
                }
            }

            var total = Row(ScoreGroupKind.Total, "Total", "Total", onScreen);
            Add(total);
            foreach (var scenario in OnScreenScenarios)
            {
                var name = scenario.ToTaskString();
                Add(Row(ScoreGroupKind.Scenario, name, name, onScreen.Where(score => score.Scenarios.Contains(scenario)).ToList()));
            }
            var offScreen = items.Where(score => score.IsOffScreen).ToList();
            if (offScreen.Count > 0)
            {
                var name = AvatarScenario.OffScreen.ToTaskString();
                var negatives = offScreen.Count(score => score.TrueNegative == true);
                membersOf[name] = offScreen;
                rows.Add(template with
                {
                    Group = name,
                    GroupKind = ScoreGroupKind.OffScreen,
                    GroupName = name,
                    Frames = offScreen.Count,
                    Clips = ClipCount(offScreen),
                    TNRate = 100 * ((double)negatives / offScreen.Count),
                });
            }
            if (options.CrossEvent)
            {
                var clips = crossEventClips ?? new HashSet<string>(StringComparer.Ordinal);
                var crossEvent = Row(ScoreGroupKind.CrossEvent, "Cross-event", "Cross-event", onScreen.Where(score => clips.Contains(score.VideoId)).ToList());
                Add(crossEvent is not null && total is not null ? crossEvent with { Delta = crossEvent.CIoU - total.CIoU } : crossEvent);
            }
            if (options.GroupBy == ScoreGrouping.Category)
            {
                foreach (var category in onScreen.SelectMany(score => score.Categories).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    Add(Row(ScoreGroupKind.Category, category, "Category:" + category, onScreen.Where(score => score.Categories.Contains(category)).ToList()));
                }
            }
            else if (options.GroupBy == ScoreGrouping.Video)
            {
                foreach (var clip in onScreen.GroupBy(score => score.VideoId, StringComparer.Ordinal))
                {
                    Add(Row(ScoreGroupKind.Video, clip.Key, "Video:" + clip.Key, clip.ToList()));
                }
            }
            if (options.ConfidenceLevel is not null)
            {
                ScoreIntervals.Apply(rows, first, membersOf, items, options, seed);
            }
        }
        return rows;
    }

    private static int ClipCount(IReadOnlyList<FrameScore> members) =>
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
        return new AvatarScore
        {
            Model = model,
            Group = "",
            GroupKind = ScoreGroupKind.Total,
            GroupName = "",
            Frames = 0,
            Threshold = provenance.Threshold,
            TopFraction = provenance.TopFraction,
            ThresholdSource = provenance.Source,
            CalibrationFrames = provenance.Calibration?.Frames,
            PredictedFraction = provenance.Calibration?.PredictedFraction,
            TieRule = provenance.TieRule,
            GridHeight = provenance.GridHeight,
            GridWidth = provenance.GridWidth,
            Interpolation = provenance.Interpolation,
            UnseenFrames = unseen is not null && unseen.TryGetValue(model, out var count) ? count : null,
        };
    }
}
