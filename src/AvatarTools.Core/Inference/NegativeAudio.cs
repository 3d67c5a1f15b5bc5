using System.Text;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Media;

namespace AvatarTools.Core.Inference;

/// <summary>
/// The negative-audio replacements of <see cref="AudioCondition"/>, made reproducibly: every random draw depends only on the
/// run's seed, the repeat and the frame (its clip id and index), never on the order frames arrive in or on threads.
/// </summary>
public static class NegativeAudio
{
    /// <summary>An all-zero waveform as long as <paramref name="clip"/>, at its rate.</summary>
    public static AudioClip Silence(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        return new AudioClip(new float[clip.Samples.Length], clip.SampleRate);
    }

    /// <summary>
    /// <paramref name="length"/> i.i.d. N(0, 1) samples (Box–Muller on <see cref="Random"/> seeded with <paramref name="seed"/>:
    /// z = √(−2 ln(1 − u₁)) · cos(2π u₂)); not clipped to [−1, 1].
    /// </summary>
    public static float[] Noise(int length, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var random = new Random(seed);
        var samples = new float[length];
        for (var n = 0; n < length; n++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            samples[n] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }
        return samples;
    }

    /// <summary>The seed of one frame's draw: a mix of the run's seed (already including the repeat) and the frame's identity.</summary>
    public static int FrameSeed(int seed, AvatarFrame frame, int stream)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var identity = StableHash(frame.VideoId + "/" + frame.FrameIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return SeedMixer.Mix(SeedMixer.Mix(seed, stream), (int)(identity ^ (identity >> 32)));
    }

    /// <summary>
    /// The donor of an OffScreen frame: among <paramref name="pool"/> (clip id and categories, any order), the clips other than the
    /// frame's own whose categories share none with the frame's, sorted ordinally, the one at a seeded uniform index; null when none qualifies.
    /// </summary>
    public static string? ChooseDonor(AvatarFrame frame, IEnumerable<(string Clip, IReadOnlyCollection<string> Categories)> pool, int seed)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(pool);
        var own = new HashSet<string>(frame.Categories, StringComparer.Ordinal);
        var candidates = pool
            .Where(entry => !string.Equals(entry.Clip, frame.VideoId, StringComparison.Ordinal) && !entry.Categories.Any(own.Contains))
            .Select(entry => entry.Clip)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return candidates.Length == 0 ? null : candidates[new Random(FrameSeed(seed, frame, 2)).Next(candidates.Length)];
    }

    /// <summary>64-bit FNV-1a of the UTF-8 bytes (stable across processes, unlike <see cref="string.GetHashCode()"/>).</summary>
    internal static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return hash;
    }
}
