namespace AvatarTools.Core.Synthetic;

/// <summary>
/// The sound track of a clip at 16 kHz: each source's category sound (tone, harmonic stack or noise band)
/// times the same envelope that drives its picture, times its on/off gate; summed with a faint seeded noise floor.
/// </summary>
internal static class ClipAudioSynthesizer
{
    private const double SourceGain = 0.3;
    private const double NoiseFloor = 0.002;

    public static float[] Synthesize(ClipPlan plan, double durationSeconds, int sampleRate)
    {
        var count = (int)Math.Round(durationSeconds * sampleRate, MidpointRounding.AwayFromZero);
        var mix = new double[count];
        foreach (var source in plan.Objects)
        {
            if (source.Sound.Count == 0)
            {
                continue;
            }
            var components = Components(source);
            for (var n = 0; n < count; n++)
            {
                var time = (double)n / sampleRate;
                var gate = source.Gate(time);
                if (gate <= 0)
                {
                    continue;
                }
                var value = 0.0;
                foreach (var (frequency, amplitude, phase) in components)
                {
                    value += amplitude * Math.Sin((2 * Math.PI * frequency * time) + phase);
                }
                mix[n] += SourceGain * gate * source.Envelope.Value(time) * value;
            }
        }
        var noise = new Random(SeedMixer.Mix(plan.Seed, 2));
        var samples = new float[count];
        for (var n = 0; n < count; n++)
        {
            var value = mix[n] + (NoiseFloor * ((2 * noise.NextDouble()) - 1));
            samples[n] = (float)Math.Clamp(value, -1, 1);
        }
        return samples;
    }

    /// <summary>Sines (frequency, amplitude, phase) whose sum has a peak amplitude of about 1.</summary>
    private static (double Frequency, double Amplitude, double Phase)[] Components(SceneObject source)
    {
        var category = source.Category;
        var random = new Random(source.SoundSeed);
        switch (category.Sound)
        {
            case SoundKind.Tone:
                return new[] { (category.BaseFrequency, 1.0, 0.0) };
            case SoundKind.Harmonics:
            {
                const int Count = 5;
                var norm = Enumerable.Range(1, Count).Sum(k => 1.0 / k);
                return Enumerable.Range(1, Count).Select(k => (category.BaseFrequency * k, 1.0 / k / norm, 2 * Math.PI * random.NextDouble())).ToArray();
            }
            case SoundKind.NoiseBand:
            {
                const int Count = 10;
                var components = new (double, double, double)[Count];
                for (var i = 0; i < Count; i++)
                {
                    var frequency = category.BaseFrequency + ((category.TopFrequency - category.BaseFrequency) * random.NextDouble());
                    components[i] = (frequency, 2.0 / Count, 2 * Math.PI * random.NextDouble());
                }
                return components;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(source));
        }
    }
}
