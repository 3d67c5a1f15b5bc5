namespace AvatarTools.Core;

/// <summary>Derives independent, stable seeds (SplitMix64) from the user's seed and a stream number (a clip, a frame, a repeat); never uses hash codes, which vary per process.</summary>
internal static class SeedMixer
{
    public static int Mix(int seed, int stream)
    {
        var z = ((ulong)(uint)seed << 32) | (uint)stream;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
