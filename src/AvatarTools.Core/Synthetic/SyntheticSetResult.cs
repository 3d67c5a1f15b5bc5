using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Synthetic;

/// <summary>What <see cref="SyntheticSetWriter.Write"/> wrote.</summary>
/// <param name="Root">The dataset root (full path), ready for <see cref="AvatarDataset.Open"/>.</param>
/// <param name="ClipCount">Number of clips written.</param>
/// <param name="FrameCount">Number of labelled frames (frame JSON files) written.</param>
/// <param name="CountsPerScenario">Number of annotated instances per scenario (every scenario is a key, zero included).</param>
/// <param name="OffScreenFrameCount">Labelled frames with no on-screen instance (the spec's Off-Screen frames).</param>
/// <param name="CrossEventClipIds">Clips in which a later labelled frame brings a new category, in clip order.</param>
/// <param name="VideoWritten">True when <c>video/&lt;clip_id&gt;.mp4</c> files were encoded.</param>
/// <param name="ClipIds">The clip ids in the order they were generated (the scene pattern follows this order).</param>
/// <param name="Layout">Which files the set holds.</param>
public sealed record SyntheticSetResult(
    string Root,
    int ClipCount,
    int FrameCount,
    IReadOnlyDictionary<AvatarScenario, int> CountsPerScenario,
    int OffScreenFrameCount,
    IReadOnlyList<string> CrossEventClipIds,
    bool VideoWritten,
    IReadOnlyList<string> ClipIds,
    SyntheticLayout Layout = SyntheticLayout.Extracted);
