namespace AvatarTools.Core.Scoring;

/// <summary>What kind of set of frames a score row summarises.</summary>
public enum ScoreGroupKind
{
    /// <summary>Every on-screen frame once.</summary>
    Total,

    /// <summary>The on-screen frames with at least one instance of a scenario (Single-Sound, Mixed-Sound, Multi-Entity).</summary>
    Scenario,

    /// <summary>The Off-Screen frames, scored as TN%.</summary>
    OffScreen,

    /// <summary>The on-screen frames of the cross-event clips.</summary>
    CrossEvent,

    /// <summary>The on-screen frames with an on-screen instance of one category.</summary>
    Category,

    /// <summary>The on-screen frames of one clip.</summary>
    Video,

    /// <summary>The samples of one test list (VGG-SS, Flickr-SoundNet: the frame's <c>TestList</c>).</summary>
    TestList,
}
