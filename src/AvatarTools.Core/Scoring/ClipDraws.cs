using MathNet.Numerics.Random;

namespace AvatarTools.Core.Scoring;

/// <summary>Where the clip bootstrap takes its replicates from: each call fills the next replicate's clip weights.</summary>
internal interface IClipDraws
{
    /// <summary>Sets weights[c] to the number of times clip c is drawn in the next replicate (the weights sum to the clip count).</summary>
    void DrawClips(Span<int> weights);
}

/// <summary>
/// The seeded draws of the clip bootstrap and of the sign-flip test: one xoshiro256** stream (MathNet.Numerics
/// <see cref="Xoshiro256StarStar"/>, seeded with the seed) consumed in a fixed order, so a seed gives the same numbers on any
/// machine and any number of cores. A bootstrap replicate draws C clip indices, one <c>Next(C)</c> each, with replacement
/// (C = the clips of the whole run, numbered in ordinal order of their ids); a sign-flip replicate draws one <c>Next(2)</c> per
/// clip (0 keeps the clip's sign, 1 flips it). Replicates follow one another in the stream.
/// </summary>
internal sealed class ClipDraws : IClipDraws
{
    private readonly Xoshiro256StarStar _random;

    public ClipDraws(int seed) => _random = new Xoshiro256StarStar(seed, threadSafe: false);

    public void DrawClips(Span<int> weights)
    {
        weights.Clear();
        var count = weights.Length;
        for (var j = 0; j < count; j++)
        {
            weights[_random.Next(count)]++;
        }
    }

    /// <summary>Sets signs[c] to +1 or −1, one fair coin per clip.</summary>
    public void FlipSigns(Span<double> signs)
    {
        for (var c = 0; c < signs.Length; c++)
        {
            signs[c] = _random.Next(2) == 0 ? 1.0 : -1.0;
        }
    }
}
