namespace AvatarTools.Core.Scoring;

/// <summary>One frame as SLAVC's detection view sees it.</summary>
/// <param name="IsPositive">True for a frame with a visible sounding source (an on-screen frame); false for a negative.</param>
/// <param name="CIoU">The frame's cIoU (ignored for a negative).</param>
/// <param name="Confidence">The detection confidence (<see cref="FrameScore.Confidence"/>).</param>
public readonly record struct DetectionSample(bool IsPositive, double CIoU, double Confidence);
