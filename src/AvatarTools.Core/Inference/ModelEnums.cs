namespace AvatarTools.Core.Inference;

/// <summary>Whether a model sees one frame per heatmap or a clip of frames.</summary>
public enum ModelLevel
{
    /// <summary>One image [N, 3, H, W] and one audio tensor per heatmap (EZ-VSL, SLAVC, SSL-TIE, LVS).</summary>
    Image,
    /// <summary>A clip of frames [N, T, 3, H, W] and its audio per heatmap (TAVLO-like, the built-in AVSync).</summary>
    Video,
}

/// <summary>Where the audio window sits.</summary>
public enum AudioWindowPlacement
{
    /// <summary>The clip's audio from its start, tiled if shorter than the window, then cut (AVATAR's 10 s global audio).</summary>
    ClipStart,
    /// <summary>A window centred on the labelled frame's time, zero-padded outside the clip (the supplementary's 5/2/1 s study).</summary>
    CenteredOnFrame,
}

/// <summary>How the heatmap output is laid out.</summary>
public enum HeatmapLayout
{
    /// <summary>Accept [N, h, w] or [N, 1, h, w], whichever the model has.</summary>
    Auto,
    /// <summary>[N, h, w].</summary>
    Maps,
    /// <summary>[N, 1, h, w].</summary>
    ChannelMaps,
}

/// <summary>Which frames a video-level model sees for a labelled frame.</summary>
public enum FrameWindow
{
    /// <summary>
    /// T frames centred on the labelled frame, t_k = t0 + (k − (T − 1) / 2) / rate; one item and one heatmap
    /// [N, h, w] per labelled frame (the built-in AVSync).
    /// </summary>
    AroundFrame,
    /// <summary>
    /// T frames over the whole clip, t_k = k / rate; one run per clip whose output [1, T, h, w] holds a map per
    /// sampled frame; a labelled frame's map is interpolated in time between the two nearest (TAVLO-like).
    /// </summary>
    WholeClip,
}
