namespace AvatarTools.Core.Dataset;

/// <summary>
/// The Cross-event selection of the supplementary material (Algorithm 1): walk a clip's labelled frames
/// in time order; each frame's category set is the audio_visual_category of all its annotations
/// (Off-Screen included). The first frame seeds the seen set (the spec's decision); the clip is
/// cross-event when a later frame brings a category not seen before.
/// </summary>
public static class CrossEventSelector
{
    /// <summary>Whether a clip whose frames are given (any order) is cross-event.</summary>
    public static bool IsCrossEvent(IEnumerable<AvatarFrame> clipFrames)
    {
        var ordered = clipFrames.OrderBy(frame => frame.FrameIndex).ToList();
        if (ordered.Count < 2)
        {
            return false;
        }
        var seen = new HashSet<string>(ordered[0].Categories, StringComparer.Ordinal);
        for (var i = 1; i < ordered.Count; i++)
        {
            foreach (var category in ordered[i].Categories)
            {
                if (!seen.Contains(category))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The ids of the cross-event clips among the frames (any order, any mix of clips).</summary>
    public static ISet<string> CrossEventClips(IEnumerable<AvatarFrame> frames) =>
        frames.GroupBy(frame => frame.VideoId, StringComparer.Ordinal)
              .Where(IsCrossEvent)
              .Select(group => group.Key)
              .ToHashSet(StringComparer.Ordinal);
}
