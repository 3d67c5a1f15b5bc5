namespace AvatarTools.Core.Scoring;

/// <summary>Progress of a scoring run: the stage, and frames done out of the total for that stage.</summary>
public sealed record ScoreProgress(string Stage, long FramesDone, long FramesTotal);
