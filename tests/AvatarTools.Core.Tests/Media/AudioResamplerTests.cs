using AvatarTools.Core.Media;
using Xunit;

namespace AvatarTools.Core.Tests.Media;

public class AudioResamplerTests
{
    [Theory]
    [InlineData(48000)]
    [InlineData(44100)]
    [InlineData(8000)]
    public void ASineInTheCommonBandKeepsItsShape(int fromRate)
    {
        const double frequency = 440;
        var input = new float[fromRate];
        for (var n = 0; n < input.Length; n++)
        {
            input[n] = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * n / fromRate));
        }
        var output = AudioResampler.Resample(input, fromRate, 16000);
        Assert.Equal(16000, output.Length);

        // Away from the edges (where the kernel is cut) the output is the same sine sampled at 16 kHz.
        for (var i = 200; i < 15800; i++)
        {
            Assert.Equal(0.5 * Math.Sin(2 * Math.PI * frequency * i / 16000), output[i], 2e-3);
        }
    }

    [Fact]
    public void AToneAboveTheNewNyquistIsRemoved()
    {
        var input = new float[48000];
        for (var n = 0; n < input.Length; n++)
        {
            input[n] = (float)Math.Sin(2 * Math.PI * 12000 * n / 48000.0);
        }
        var output = AudioResampler.Resample(input, 48000, 16000);
        for (var i = 200; i < 15800; i++)
        {
            Assert.True(Math.Abs(output[i]) < 0.02, $"sample {i} = {output[i]}");
        }
    }
}
