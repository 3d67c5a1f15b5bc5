using AvatarTools.Core.Inference;
using Xunit;

namespace AvatarTools.Core.Tests.Inference;

public class ClipSamplingTests
{
    [Fact]
    public void InstantsAreCentredOnTheFrame()
    {
        // T = 16 at 8 fps: t_k = 5 + (k - 7.5) / 8 -> 4.0625 ... 5.9375.
        var instants = ClipSampling.Instants(BuiltInModels.AVSyncDescription, 5.0);
        Assert.Equal(16, instants.Length);
        Assert.Equal(4.0625, instants[0], 12);
        Assert.Equal(4.9375, instants[7], 12);
        Assert.Equal(5.0625, instants[8], 12);
        Assert.Equal(5.9375, instants[15], 12);
    }

    [Fact]
    public void EnvelopeIsTheWindowRms()
    {
        // fs = 8, frame rate 2: window |n/8 - t| < 0.25 -> n/8 in (t - 0.25, t + 0.25), 3 samples for t on a sample.
        // Samples 0..15 = constant 0.5 except sample 8 = 1. At t = 1: n = 7, 8, 9 -> sqrt((0.25 + 1 + 0.25) / 3) = sqrt(0.5).
        // At t = 0: n = -1 (outside, zero), 0, 1 -> sqrt((0 + 0.25 + 0.25) / 3) = sqrt(1/6).
        // At t = 10: n = 79..81 all outside -> 0.
        var samples = Enumerable.Repeat(0.5f, 16).ToArray();
        samples[8] = 1f;
        var envelope = ClipSampling.Envelope(samples, 8, [1.0, 0.0, 10.0, 0.5], 2);
        Assert.Equal((float)Math.Sqrt(0.5), envelope[0], 6);
        Assert.Equal((float)Math.Sqrt(1.0 / 6), envelope[1], 6);
        Assert.Equal(0f, envelope[2]);
        Assert.Equal(0.5f, envelope[3], 6); // n = 3, 4, 5
    }
}
