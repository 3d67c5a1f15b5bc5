namespace AvatarTools.Core.Reports;

/// <summary>Progress of a report: the stage, and items done out of the total for that stage (0 of 0 when not counted).</summary>
public sealed record ReportProgress(string Stage, long Done, long Total);
