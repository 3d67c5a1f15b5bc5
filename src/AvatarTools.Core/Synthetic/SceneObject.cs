namespace AvatarTools.Core.Synthetic;

/// <summary>
/// One object of a synthetic clip. Visible objects pulse (size and brightness) with their envelope all the time;
/// they make sound only within <see cref="Sound"/>. Off-screen objects are heard but never drawn.
/// </summary>
internal sealed record SceneObject(
    SyntheticCategory Category,
    double CentreX,
    double CentreY,
    double Radius,
    PulseEnvelope Envelope,
    bool OnScreen,
    double AppearsAt,
    IReadOnlyList<SoundInterval> Sound,
    int SoundSeed)
{
    public bool IsVisible(double time) => OnScreen && time >= AppearsAt;

    public bool IsSounding(double time) => Sound.Any(interval => interval.Contains(time));

    public double Gate(double time)
    {
        var gate = 0.0;
        foreach (var interval in Sound)
        {
            gate = Math.Max(gate, interval.Gate(time));
        }
        return gate;
    }

    /// <summary>The size factor at a time: 0.8 to 1.1 of the radius.</summary>
    public double Scale(double time) => 0.8 + (0.3 * Envelope.Value(time));

    /// <summary>The brightness factor at a time: 0.55 to 1 of the category colour.</summary>
    public double Brightness(double time) => 0.55 + (0.45 * Envelope.Value(time));

    /// <summary>The polygons drawn at a time, in pixels, vertices rounded to 0.1 (exactly what the JSON holds).</summary>
    public IReadOnlyList<double[]> Polygons(double time) =>
        ShapeGeometry.Polygons(Category.Shape, Category.Aspect, CentreX, CentreY, Radius * Scale(time));

    /// <summary>The largest distance from the centre any vertex reaches, at the largest scale.</summary>
    public static double ExtentFactor => 1.3;
}
