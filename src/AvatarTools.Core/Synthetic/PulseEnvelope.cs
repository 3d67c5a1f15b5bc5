namespace AvatarTools.Core.Synthetic;

/// <summary>
/// The amplitude envelope of an object, in [0, 1]: <c>0.5 + 0.5 sin(2π f t + φ)</c>, or on/off bursts
/// (the same sine pushed through a smoothstep). A sounding object's size, brightness and audio all follow it.
/// </summary>
internal sealed record PulseEnvelope(double Frequency, double Phase, bool Bursts)
{
    public double Value(double time)
    {
        var sine = Math.Sin((2 * Math.PI * Frequency * time) + Phase);
        if (!Bursts)
        {
            return 0.5 + (0.5 * sine);
        }
        var x = Math.Clamp(0.5 + (1.5 * sine), 0, 1);
        return x * x * (3 - (2 * x));
    }
}

/// <summary>A time span in seconds during which an object sounds; the gate ramps over <see cref="RampSeconds"/> at each end.</summary>
internal readonly record struct SoundInterval(double Start, double End)
{
    public const double RampSeconds = 0.08;

    /// <summary>An interval that covers any clip (starts before 0, ends after any duration).</summary>
    public static SoundInterval Always => new(-1, 1e9);

    public static SoundInterval Until(double end) => new(-1, end);

    public static SoundInterval From(double start) => new(start, 1e9);

    public bool Contains(double time) => time >= Start && time < End;

    /// <summary>The gate in [0, 1]: 1 inside, ramping linearly to 0 at the ends.</summary>
    public double Gate(double time) => Math.Clamp(Math.Min(time - Start, End - time) / RampSeconds, 0, 1);
}
