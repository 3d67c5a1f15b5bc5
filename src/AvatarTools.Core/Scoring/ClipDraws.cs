using System.Buffers.Binary;
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
/// machine and any number of cores. A bootstrap replicate takes 4·C bytes with <c>NextBytes</c> (C = the clips of the whole
/// run, numbered in ordinal order of their ids) and draws clip ⌊u_j · C / 2^32⌋ for each little-endian 32-bit u_j: C clips
/// with replacement. A sign-flip replicate takes C bytes and flips clip c when byte c is odd. Replicates follow one another
/// in the stream.
/// </summary>
internal sealed class ClipDraws : IClipDraws
{
    private readonly Xoshiro256StarStar _random;
    private byte[] _bytes = Array.Empty<byte>();

    public ClipDraws(int seed) => _random = new Xoshiro256StarStar(seed, threadSafe: false);

    public void DrawClips(Span<int> weights)
    {
        weights.Clear();
        var count = weights.Length;
        var bytes = Bytes(4 * count);
        for (var j = 0; j < count; j++)
        {
            var u = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * j, 4));
            weights[(int)(((ulong)u * (ulong)count) >> 32)]++;
        }
    }

    /// <summary>Sets signs[c] to +1 or −1, one fair coin per clip.</summary>
    public void FlipSigns(Span<double> signs)
    {
        var bytes = Bytes(signs.Length);
        for (var c = 0; c < signs.Length; c++)
        {
            signs[c] = (bytes[c] & 1) == 0 ? 1.0 : -1.0;
        }
    }

    private byte[] Bytes(int count)
    {
        if (_bytes.Length != count)
        {
            _bytes = new byte[count];
        }
        _random.NextBytes(_bytes);
        return _bytes;
    }
}
