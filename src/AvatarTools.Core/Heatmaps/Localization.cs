using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Heatmaps;

/// <summary>A model's heatmap for one labelled frame.</summary>
public sealed record Localization(AvatarFrame Frame, string Model, Heatmap Heatmap)
{
    public string VideoId => Frame.VideoId;

    public int FrameIndex => Frame.FrameIndex;

    /// <summary>The audio the model heard: the frame's own (Positive, the default) or a negative replacement.</summary>
    public AudioCondition Condition { get; init; } = AudioCondition.Positive;

    /// <summary>OffScreen only: the clip whose audio replaced the frame's.</summary>
    public string? DonorClip { get; init; }

    /// <summary>Noise and OffScreen: the seed of the draw (the run's seed + <see cref="Repeat"/>); null otherwise.</summary>
    public int? Seed { get; init; }

    /// <summary>The repeat (0-based) of a run with several repeats of a negative condition; 0 otherwise.</summary>
    public int Repeat { get; init; }

    /// <summary>True for a localization made with negative audio.</summary>
    public bool IsNegative => Condition != AudioCondition.Positive;

    /// <summary>This localization as made under another audio condition (for scripts and tests; the map is the same).</summary>
    public Localization WithCondition(AudioCondition condition, string? donorClip = null, int? seed = null, int repeat = 0) =>
        this with { Condition = condition, DonorClip = donorClip, Seed = seed, Repeat = repeat };

    public override string ToString() => IsNegative
        ? $"{Model} [{Condition}{(Repeat > 0 ? $" #{Repeat}" : "")}]: {Frame} {Heatmap.Height}×{Heatmap.Width}"
        : $"{Model}: {Frame} {Heatmap.Height}×{Heatmap.Width}";
}
