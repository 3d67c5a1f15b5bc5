using AvatarTools.Core.Media;
using Xunit;

namespace AvatarTools.Core.Tests.Media;

public sealed class AudioPackTests
{
    [Fact]
    public void SamplesComeBackExactlyEvenAtTheExtremes()
    {
        var random = new Random(11);
        // Full-scale jumps make the order-2 prediction leave the 16-bit range: the differences wrap modulo 2^16.
        var samples = new short[] { short.MaxValue, short.MinValue, short.MaxValue, 0, short.MinValue, short.MinValue, 1, -1 }
            .Concat(Enumerable.Range(0, 5000).Select(_ => (short)random.Next(short.MinValue, short.MaxValue + 1)))
            .ToArray();
        using var stream = new MemoryStream();
        AudioPack.Write(stream, samples, 16000);
        var read = AudioPack.TryRead(stream.ToArray());
        Assert.NotNull(read);
        Assert.Equal(16000, read!.Value.SampleRate);
        Assert.Equal(samples, read.Value.Samples);
    }

    [Fact]
    public void SmoothSoundTakesLessThanRawPcm()
    {
        // 10 s of a 440 Hz tone at 16 kHz: 320,000 bytes as 16-bit PCM; the second-order differences are small.
        var tone = Enumerable.Range(0, 160_000).Select(n => (short)Math.Round(8000 * Math.Sin(2 * Math.PI * 440 * n / 16000.0))).ToArray();
        using var stream = new MemoryStream();
        AudioPack.Write(stream, tone, 16000);
        Assert.InRange(stream.Length, 1, 320_000 / 2);
        Assert.Equal(tone, AudioPack.TryRead(stream.ToArray())!.Value.Samples);
    }

    [Fact]
    public void DamagedPacksAreRefused()
    {
        using var stream = new MemoryStream();
        AudioPack.Write(stream, new short[] { 1, 2, 3, 4, 5 }, 16000);
        var bytes = stream.ToArray();
        Assert.Null(AudioPack.TryRead(bytes.AsSpan(0, bytes.Length - 2)));
        Assert.Null(AudioPack.TryRead(bytes.AsSpan(0, 12)));
        Assert.Null(AudioPack.TryRead([.. bytes, 0]));
        var wrong = bytes.ToArray();
        wrong[1] = (byte)'X';
        Assert.Null(AudioPack.TryRead(wrong));
        Assert.Null(AudioPack.TryRead(new byte[100]));
    }
}
