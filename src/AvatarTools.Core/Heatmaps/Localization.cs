using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Heatmaps;

/// <summary>A model's heatmap for one labelled frame.</summary>
public sealed record Localization(AvatarFrame Frame, string Model, Heatmap Heatmap)
{
    public string VideoId => Frame.VideoId;

    public int FrameIndex => Frame.FrameIndex;

    public override string ToString() => $"{Model}: {Frame} {Heatmap.Height}×{Heatmap.Width}";
}
