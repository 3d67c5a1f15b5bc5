using AvatarTools.Core.Features;
using Xunit;

namespace AvatarTools.Core.Tests.Features;

public class MelSpectrogramTests
{
    [Fact]
    public void HtkMelScale()
    {
        Assert.Equal(781.1728387480, MelFilterBank.HzToMel(700), 1e-8);
        Assert.Equal(2840.0230467083, MelFilterBank.HzToMel(8000), 1e-8);
        Assert.Equal(0.0, MelFilterBank.HzToMel(0));
        Assert.Equal(1234.5, MelFilterBank.MelToHz(MelFilterBank.HzToMel(1234.5)), 1e-9);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 6.8707037425)]
    [InlineData(2, 13.8088454421)]
    [InlineData(3, 20.8150870218)]
    [InlineData(129, 1767.7925358506)]
    [InlineData(200, 4237.2665801343)]
    [InlineData(201, 4285.7272886629)]
    [InlineData(202, 4334.6636531507)]
    [InlineData(257, 7915.4369784410)]
    [InlineData(258, 8000.0)]
    public void FilterEdgesAreEquallySpacedInHtkMel(int index, double hertz)
    {
        // Hand-computed: 700 (10^(i · 2840.0230467083 / 258 / 2595) − 1).
        var edges = MelFilterBank.EdgeFrequencies(257, 0, 8000);
        Assert.Equal(259, edges.Length);
        Assert.Equal(hertz, edges[index], 1e-6);
    }

    [Fact]
    public void FilterWeightsAreTrianglesAtTheBinFrequencies()
    {
        var bank = MelFilterBank.Create(257, 257, 16000, 0, 8000);

        // Filter 200 rises from 4237.27 Hz to 4285.73 Hz and falls to 4334.66 Hz; bins are 31.25 Hz apart.
        Assert.Equal(0.9076099215, bank[(137 * 257) + 200], 1e-8); // 4281.25 Hz on the rising edge
        Assert.Equal(0.4529076359, bank[(138 * 257) + 200], 1e-8); // 4312.5 Hz on the falling edge
        Assert.Equal(0.2627576082, bank[(136 * 257) + 200], 1e-8); // 4250 Hz
        Assert.Equal(0.0, bank[(135 * 257) + 200]);
        Assert.Equal(0.0, bank[(139 * 257) + 200]);

        // Filter 0 (0 to 13.8 Hz) lies between bins 0 and 1: all zero, as torchaudio's.
        for (var f = 0; f < 257; f++)
        {
            Assert.Equal(0.0, bank[(f * 257) + 0]);
        }
    }

    [Fact]
    public void SilenceIsTheFloor()
    {
        var result = MelSpectrogram.Compute(new float[160000], SpectrogramSettings.SslTie);
        Assert.Equal(new[] { 1, 257, 670 }, result.Shape);
        Assert.All(result.Values, v => Assert.Equal(-100f, v));
    }

    [Fact]
    public void MatchesTheTorchaudioDefinitionWrittenOut()
    {
        var samples = new float[2000];
        for (var n = 0; n < samples.Length; n++)
        {
            samples[n] = (float)((0.4 * Math.Cos(2 * Math.PI * 1000 * n / 16000.0)) + (0.2 * Math.Sin(2 * Math.PI * 3217 * n / 16000.0)) + (0.05 * Math.Sin(n * 0.9)));
        }
        var result = MelSpectrogram.Compute(samples, SpectrogramSettings.SslTie);
        var frames = 1 + (2000 / 239);
        Assert.Equal(new[] { 1, 257, frames }, result.Shape);

        // Reflect pad by 256, periodic Hann, |DFT|² / Σw² (Σw² = 3N/8 = 192), triangle filters, 10 log10(max(x, 1e-10)).
        var edges = new double[259];
        var melMax = 2595 * Math.Log10(1 + (8000 / 700.0));
        for (var i = 0; i < 259; i++)
        {
            edges[i] = 700 * (Math.Pow(10, i * melMax / 258 / 2595) - 1);
        }
        var padded = new double[2000 + 512];
        for (var i = 0; i < padded.Length; i++)
        {
            var j = i - 256;
            j = j < 0 ? -j : j >= 2000 ? (2 * 1999) - j : j;
            padded[i] = samples[j];
        }
        var power = new double[257];
        for (var t = 0; t < frames; t++)
        {
            for (var k = 0; k <= 256; k++)
            {
                double re = 0, im = 0;
                for (var n = 0; n < 512; n++)
                {
                    var x = padded[(t * 239) + n] * (0.5 - (0.5 * Math.Cos(2 * Math.PI * n / 512)));
                    re += x * Math.Cos(2 * Math.PI * k * n / 512);
                    im -= x * Math.Sin(2 * Math.PI * k * n / 512);
                }
                power[k] = ((re * re) + (im * im)) / 192.0;
            }
            for (var m = 0; m < 257; m++)
            {
                double mel = 0;
                for (var k = 0; k <= 256; k++)
                {
                    var f = k * 31.25;
                    var weight = Math.Max(0, Math.Min((f - edges[m]) / (edges[m + 1] - edges[m]), (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1])));
                    mel += weight * power[k];
                }
                Assert.Equal(10 * Math.Log10(Math.Max(mel, 1e-10)), result.Values[(m * frames) + t], 1e-3);
            }
        }
    }
}
