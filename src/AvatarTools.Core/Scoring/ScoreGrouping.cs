namespace AvatarTools.Core.Scoring;

/// <summary>An optional breakdown added after the standard groups.</summary>
public enum ScoreGrouping
{
    None,

    /// <summary>One row per category: the on-screen frames with an on-screen instance of that category.</summary>
    Category,

    /// <summary>One row per clip: its on-screen frames.</summary>
    Video,
}
