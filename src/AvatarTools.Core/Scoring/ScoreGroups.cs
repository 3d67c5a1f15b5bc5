using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The one place that says which groups a run's frames form and which frames are members of each: the summary rows
/// (<see cref="ScoreSummary"/>, <see cref="ImageEvaluation"/>) and the comparisons (<see cref="PairedComparison"/>) all read it.
/// </summary>
internal static class ScoreGroups
{
    /// <summary>
    /// The non-empty groups of the frame scores of one model and threshold of one benchmark, in the table's order, each with its
    /// member frames in input order. AVATAR: Total (the on-screen frames), Single-Sound, Mixed-Sound, Multi-Entity (the on-screen
    /// frames with an instance of the scenario), Off-Screen, Cross-event (the on-screen frames of
    /// <paramref name="crossEventClips"/>; none when null), then per category (the on-screen frames with an on-screen instance
    /// of it, categories in ordinal order) or per clip (in order of first appearance). VGG-SS and Flickr-SoundNet: Total (every
    /// sample), per category, per test list (ordinal order), per clip.
    /// </summary>
    public static IEnumerable<(ScoreGroup Group, IReadOnlyList<FrameScore> Members)> Of(IReadOnlyList<FrameScore> frames, ScoreGrouping groupBy,
        ISet<string>? crossEventClips)
    {
        if (frames.Count == 0)
        {
            yield break;
        }
        var avatar = frames[0].Benchmark == Benchmark.Avatar;
        var onScreen = frames.Where(score => !score.IsOffScreen).ToList();
        var candidates = new List<(ScoreGroup, IReadOnlyList<FrameScore>)> { (ScoreGroup.Total, onScreen) };
        if (avatar)
        {
            foreach (var scenario in ScoreGroup.OnScreenScenarios)
            {
                candidates.Add((ScoreGroup.Scenario(scenario), onScreen.Where(score => score.Scenarios.Contains(scenario)).ToList()));
            }
            candidates.Add((ScoreGroup.OffScreen, frames.Where(score => score.IsOffScreen).ToList()));
            if (crossEventClips is not null)
            {
                candidates.Add((ScoreGroup.CrossEvent, onScreen.Where(score => crossEventClips.Contains(score.VideoId)).ToList()));
            }
        }
        if (groupBy == ScoreGrouping.Category)
        {
            foreach (var category in onScreen.SelectMany(score => score.Categories).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                candidates.Add((ScoreGroup.Category(category), onScreen.Where(score => score.Categories.Contains(category)).ToList()));
            }
        }
        if (!avatar)
        {
            foreach (var list in onScreen.Where(score => score.TestList is not null).GroupBy(score => score.TestList!, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                candidates.Add((ScoreGroup.TestList(list.Key), list.ToList()));
            }
        }
        if (groupBy == ScoreGrouping.Video)
        {
            foreach (var clip in onScreen.GroupBy(score => score.VideoId, StringComparer.Ordinal))
            {
                candidates.Add((ScoreGroup.Video(clip.Key), clip.ToList()));
            }
        }
        foreach (var candidate in candidates)
        {
            if (candidate.Item2.Count > 0)
            {
                yield return candidate;
            }
        }
    }

    /// <summary>The row with the group's kind, name and label.</summary>
    public static AvatarScore WithGroup(this AvatarScore row, ScoreGroup group) =>
        row with { Group = group.Label, GroupKind = group.Kind, GroupName = group.Name };
}
