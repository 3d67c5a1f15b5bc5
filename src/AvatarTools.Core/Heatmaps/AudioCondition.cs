namespace AvatarTools.Core.Heatmaps;

/// <summary>
/// Which audio a model heard for a localization: the frame's own (a positive), or one of the negative-audio replacements of
/// arXiv 2410.01020 (see <c>BENCHMARKS.md</c>, "Negative audio").
/// </summary>
public enum AudioCondition
{
    /// <summary>The frame's own audio (the default).</summary>
    Positive,

    /// <summary>An all-zero waveform of the same length as the frame's audio.</summary>
    Silence,

    /// <summary>i.i.d. N(0, 1) samples of the same length as the frame's audio, not clipped, seeded.</summary>
    Noise,

    /// <summary>The audio of a random clip whose categories share nothing with the frame's, seeded (see <see cref="Localization.DonorClip"/>).</summary>
    OffScreen,

    /// <summary>
    /// SLAVC's non-sounding pair: the image with the audio of the sample its <c>*_plus_silent.csv</c> row names (a fixed
    /// donor, <see cref="Localization.DonorClip"/>). Not chosen with -AudioCondition: the frames of such rows carry it
    /// (<see cref="Dataset.AvatarFrame.AudioId"/>).
    /// </summary>
    NonSounding,
}
