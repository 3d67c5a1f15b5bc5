namespace AvatarTools.Core.Inference;

/// <summary>Whether a model sees one frame per heatmap or a clip of frames.</summary>
public enum ModelLevel
{
    /// <summary>One image [N, 3, H, W] and one audio tensor per heatmap (EZ-VSL, SLAVC, SSL-TIE, LVS).</summary>
    Image,
    /// <summary>A clip of frames [N, T, 3, H, W] and its audio per heatmap (TAVLO-like, the built-in AVSync).</summary>
    Video,
}

/// <summary>How a frame is brought to the model's square input size.</summary>
public enum ImageResizeMode
{
    /// <summary>Resize both sides to the size, aspect not kept (torchvision <c>Resize((s, s))</c>).</summary>
    Squash,
    /// <summary>Resize the short side to the size, then crop the centre square (<c>Resize(s)</c> + <c>CenterCrop(s)</c>).</summary>
    ShortSideCenterCrop,
}

/// <summary>The resampling filter of the resize (PIL names).</summary>
public enum ImageInterpolation
{
    Bicubic,
    Bilinear,
    Nearest,
}

/// <summary>What the audio input holds.</summary>
public enum SpectrogramKind
{
    /// <summary>
    /// <c>scipy.signal.spectrogram(x, fs, nperseg, noverlap)</c> (periodic Tukey α = 0.25, mean removed,
    /// density scaling, one-sided), then ln(P + 1e-7) / 12; tensor [N, 1, nperseg / 2 + 1, T].
    /// </summary>
    Linear,
    /// <summary>Mel power spectrogram (n_fft, hop, bands), then 10·log10(max(x, 1e-10)); tensor [N, 1, bands, T].</summary>
    Mel,
    /// <summary>The RMS envelope of the audio at the T frame instants of a clip; tensor [N, T] (see <see cref="ModelDescription"/>).</summary>
    Envelope,
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
