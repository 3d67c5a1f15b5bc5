using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The horizontal pass, run by input-column runs with SIMD, against the scalar loop it replaces, written out here:
/// target[x] = Σ_t Weights[x·T + t] · source[Indices[x·T + t]], summed first tap to last. Bit for bit, for every mode.
/// </summary>
public sealed class ResampleRowTests
{
    public static TheoryData<int, int, UpsampleMode> Cases()
    {
        var data = new TheoryData<int, int, UpsampleMode>();
        foreach (var mode in Enum.GetValues<UpsampleMode>())
        {
            foreach (var (input, output) in new[] { (1, 640), (7, 640), (7, 224), (14, 640), (16, 360), (224, 640), (224, 224), (9, 7), (3, 5) })
            {
                data.Add(input, output, mode);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EqualsTheScalarLoopBitForBit(int input, int output, UpsampleMode mode)
    {
        var weights = Upsampler.GetWeights(input, output, mode, vertical: false);
        var random = new Random((input * 1000) + output + (int)mode);
        for (var trial = 0; trial < 20; trial++)
        {
            var source = new float[input];
            for (var i = 0; i < input; i++)
            {
                // Mixed magnitudes, signs, exact zeros and ties, so rounding differences would show.
                source[i] = (random.Next(6)) switch
                {
                    0 => 0f,
                    1 => -0f,
                    2 => (float)(random.NextDouble() * 2 - 1) / 0.03f,
                    3 => (float)Math.ScaleB(random.NextDouble(), random.Next(-40, 40)),
                    4 => 1f,
                    _ => (float)(random.NextDouble() - 0.5),
                };
            }
            var expected = new float[output];
            var taps = weights.Taps;
            for (var x = 0; x < output; x++)
            {
                var sum = weights.Weights[x * taps] * source[weights.Indices[x * taps]];
                for (var t = 1; t < taps; t++)
                {
                    sum += weights.Weights[(x * taps) + t] * source[weights.Indices[(x * taps) + t]];
                }
                expected[x] = sum;
            }
            var actual = new float[output];
            UpsampleEngine.ResampleRow(weights, source, actual);
            for (var x = 0; x < output; x++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[x]) == BitConverter.SingleToInt32Bits(actual[x]),
                    $"{mode} {input}->{output}, x = {x}: expected {expected[x]:R}, got {actual[x]:R}");
            }
        }
    }
}
