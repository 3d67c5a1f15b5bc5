namespace AvatarTools.Core.Synthetic;

/// <summary>The outline a synthetic object is drawn with.</summary>
internal enum ShapeKind
{
    Disc,
    Rectangle,
    Triangle,
    Star,
    Hexagon,
    /// <summary>Two separate discs (a drum kit): two polygons for one instance.</summary>
    TwoDiscs,
}

/// <summary>How a category's sound is made before its envelope is applied.</summary>
internal enum SoundKind
{
    /// <summary>A pure sine at the base frequency.</summary>
    Tone,
    /// <summary>Five harmonics of the base frequency with amplitudes 1/k.</summary>
    Harmonics,
    /// <summary>A band of many sines with seeded frequencies between the base and top frequencies.</summary>
    NoiseBand,
}

/// <summary>One AVATAR-like audio-visual category: how it looks and how it sounds.</summary>
internal sealed record SyntheticCategory(
    string Name,
    ShapeKind Shape,
    double Aspect,
    byte Red,
    byte Green,
    byte Blue,
    SoundKind Sound,
    double BaseFrequency,
    double TopFrequency,
    bool Bursts)
{
    /// <summary>The eight categories, in a fixed order (seeded choices index this list).</summary>
    public static readonly IReadOnlyList<SyntheticCategory> All = new SyntheticCategory[]
    {
        new("playing violin", ShapeKind.Triangle, 1, 235, 165, 60, SoundKind.Harmonics, 440, 0, false),
        new("dog barking", ShapeKind.Rectangle, 1.4, 205, 135, 75, SoundKind.NoiseBand, 500, 1500, true),
        new("male speech", ShapeKind.Disc, 1, 225, 190, 160, SoundKind.Harmonics, 120, 0, false),
        new("playing drums", ShapeKind.TwoDiscs, 1, 235, 85, 70, SoundKind.NoiseBand, 80, 400, true),
        new("car engine", ShapeKind.Hexagon, 1, 120, 150, 225, SoundKind.Harmonics, 60, 0, false),
        new("bird chirping", ShapeKind.Star, 1, 240, 230, 70, SoundKind.Tone, 3000, 0, true),
        new("playing piano", ShapeKind.Rectangle, 2.2, 235, 235, 235, SoundKind.Harmonics, 262, 0, false),
        new("baby crying", ShapeKind.Disc, 1, 240, 125, 185, SoundKind.Harmonics, 400, 0, false),
    };

    public static SyntheticCategory Drums => All[3];
}
