using AvatarTools.Core.Features;
using Xunit;

namespace AvatarTools.Core.Tests.Features;

public class SpectrogramTests
{
    private const int Fs = 16000;
    private const int Nperseg = 512;
    private const int Step = 238;

    [Theory]
    [InlineData(48000, 200)]
    [InlineData(160000, 671)]
    [InlineData(512, 1)]
    [InlineData(749, 1)]
    [InlineData(750, 2)]
    [InlineData(80000, 334)] // 79726 / 238 = 334.98
    public void FrameCountFollowsScipy(int samples, int frames)
    {
        Assert.Equal(frames, SpectrogramSettings.EzVsl.FrameCount(samples));
        Assert.Equal(new[] { 1, 257, frames }, Spectrogram.Compute(new float[samples], SpectrogramSettings.EzVsl).Shape);
    }

    [Fact]
    public void PresetShapes()
    {
        Assert.Equal(160000, SpectrogramSettings.EzVsl.SampleCount);
        Assert.Equal(274, SpectrogramSettings.EzVsl.Overlap);
        Assert.Equal(new[] { 1, 257, 671 }, SpectrogramSettings.EzVsl.Shape());
        Assert.Equal(new[] { 1, 257, 670 }, SpectrogramSettings.SslTie.Shape());
    }

    [Fact]
    public void TukeyWindowIsScipysPeriodicOne()
    {
        // Independent statement: a periodic Tukey(0.25) of 512 has tapers of α·512/2 = 64 samples,
        // w[n] = 0.5(1 − cos(2π n / 128)) for n < 64, mirrored at the end around n = 512, 1 in between.
        var window = Spectrogram.TukeyWindow(512, 0.25);
        for (var n = 0; n < 512; n++)
        {
            Assert.Equal(Tukey(n), window[n], 1e-12);
        }
        Assert.Equal(0.0, window[0]);
        Assert.Equal(0.5 * (1 - Math.Cos(2 * Math.PI / 128)), window[511], 1e-12);
    }

    [Fact]
    public void ConstantSignalIsRemovedByDetrending()
    {
        var samples = Enumerable.Repeat(0.5f, 3000).ToArray();
        var result = Spectrogram.Compute(samples, SpectrogramSettings.EzVsl);
        var floor = Math.Log(1e-7) / 12;
        Assert.All(result.Values, v => Assert.Equal(floor, v, 1e-4));
    }

    [Fact]
    public void CosineAtAnExactBinHasItsPeakWhereTheWindowPutsIt()
    {
        const int bin = 32;
        const double amplitude = 0.5;
        var samples = new float[3000];
        for (var n = 0; n < samples.Length; n++)
        {
            samples[n] = (float)(amplitude * Math.Cos(2 * Math.PI * bin * n / Nperseg));
        }
        var result = Spectrogram.Compute(samples, SpectrogramSettings.EzVsl);
        var frames = result.Shape[2];
        double sumW = 0, sumW2 = 0;
        for (var n = 0; n < Nperseg; n++)
        {
            sumW += Tukey(n);
            sumW2 += Tukey(n) * Tukey(n);
        }

        // |X_k| ≈ A/2 Σw (the mirror term at −k is far down the window's spectrum): P = 2 |X_k|² / (fs Σw²).
        var peak = 2 * Math.Pow(amplitude / 2 * sumW, 2) / (Fs * sumW2);
        for (var t = 0; t < frames; t++)
        {
            Assert.Equal(Math.Log(peak + 1e-7) / 12, result.Values[(bin * frames) + t], 2e-3);
        }
        AssertMatchesDirectDft(samples, result);
    }

    [Fact]
    public void ArbitrarySignalMatchesADirectDft()
    {
        var samples = new float[2000];
        var state = 12345u;
        for (var n = 0; n < samples.Length; n++)
        {
            state = (state * 1664525u) + 1013904223u;
            samples[n] = (float)((state / (double)uint.MaxValue * 2) - 1) * 0.3f + (float)(0.2 * Math.Sin(n * 0.05)) + 0.1f;
        }
        AssertMatchesDirectDft(samples, Spectrogram.Compute(samples, SpectrogramSettings.EzVsl));
    }

    [Fact]
    public void RejectsTooFewSamplesAndWrongDestinations()
    {
        Assert.Throws<ArgumentException>(() => Spectrogram.Compute(new float[100], SpectrogramSettings.EzVsl));
        Assert.Throws<ArgumentException>(() => Spectrogram.ComputeInto(new float[1000], SpectrogramSettings.EzVsl, new float[10]));
        Assert.Throws<ArgumentException>(() => Spectrogram.Compute(new float[1000], SpectrogramSettings.SslTie));
    }

    private static double Tukey(int n)
    {
        var distance = Math.Min(n, 512 - n);
        return distance < 64 ? 0.5 * (1 - Math.Cos(2 * Math.PI * distance / 128)) : 1.0;
    }

    // scipy's definition written out: detrend, window, O(N²) DFT, density scaling, one-sided doubling, log / 12.
    private static void AssertMatchesDirectDft(float[] samples, FeatureTensor result)
    {
        var frames = (samples.Length - (Nperseg - Step)) / Step;
        Assert.Equal(new[] { 1, 257, frames }, result.Shape);
        double sumW2 = 0;
        for (var n = 0; n < Nperseg; n++)
        {
            sumW2 += Tukey(n) * Tukey(n);
        }
        var cos = new double[Nperseg];
        var sin = new double[Nperseg];
        for (var i = 0; i < Nperseg; i++)
        {
            cos[i] = Math.Cos(2 * Math.PI * i / Nperseg);
            sin[i] = Math.Sin(2 * Math.PI * i / Nperseg);
        }
        var segment = new double[Nperseg];
        for (var t = 0; t < frames; t++)
        {
            var mean = 0.0;
            for (var n = 0; n < Nperseg; n++)
            {
                mean += samples[(t * Step) + n];
            }
            mean /= Nperseg;
            for (var n = 0; n < Nperseg; n++)
            {
                segment[n] = (samples[(t * Step) + n] - mean) * Tukey(n);
            }
            for (var k = 0; k <= 256; k++)
            {
                double re = 0, im = 0;
                for (var n = 0; n < Nperseg; n++)
                {
                    var phase = (k * n) % Nperseg;
                    re += segment[n] * cos[phase];
                    im -= segment[n] * sin[phase];
                }
                var power = ((re * re) + (im * im)) / (Fs * sumW2) * (k is 0 or 256 ? 1 : 2);
                Assert.Equal(Math.Log(power + 1e-7) / 12, result.Values[(k * frames) + t], 1e-4);
            }
        }
    }
}
