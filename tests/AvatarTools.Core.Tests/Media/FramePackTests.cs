using AvatarTools.Core.Media;
using Xunit;

namespace AvatarTools.Core.Tests.Media;

public sealed class FramePackTests
{
    private static VideoFrame Frame(int index, int width, int height, Func<int, byte> value) =>
        new(index, width, height, Enumerable.Range(0, width * height * 3).Select(value).ToArray());

    [Fact]
    public void FramesComeBackExactly()
    {
        var random = new Random(5);
        var frames = new[]
        {
            Frame(3, 7, 5, _ => (byte)random.Next(256)),
            Frame(4, 7, 5, i => (byte)(255 - (i % 256))),
            Frame(40, 7, 5, _ => (byte)random.Next(256)),
        };
        using var stream = new MemoryStream();
        FramePack.Write(stream, 7, 5, frames);
        var read = FramePack.TryRead(stream.ToArray());
        Assert.NotNull(read);
        Assert.Equal(frames.Select(f => f.Index), read!.Select(f => f.Index));
        for (var k = 0; k < frames.Length; k++)
        {
            Assert.Equal((7, 5), (read[k].Width, read[k].Height));
            Assert.Equal(frames[k].Rgb24, read[k].Rgb24);
        }
    }

    [Fact]
    public void AlikeFramesTakeLittleRoom()
    {
        // 40 identical 112 x 112 frames: 1.5 MB of pixels; the differences are zeros.
        var frames = Enumerable.Range(0, 40).Select(k => Frame(k, 112, 112, i => (byte)(i * 7 % 251))).ToArray();
        using var stream = new MemoryStream();
        FramePack.Write(stream, 112, 112, frames);
        Assert.InRange(stream.Length, 1, 60_000);
    }

    [Fact]
    public void DamagedPacksAreRefused()
    {
        var frames = new[] { Frame(0, 4, 4, i => (byte)i), Frame(1, 4, 4, i => (byte)(2 * i)) };
        using var stream = new MemoryStream();
        FramePack.Write(stream, 4, 4, frames);
        var bytes = stream.ToArray();
        Assert.Null(FramePack.TryRead(bytes.AsSpan(0, bytes.Length - 3)));
        Assert.Null(FramePack.TryRead(bytes.AsSpan(0, 20)));
        var wrongMagic = bytes.ToArray();
        wrongMagic[0] = (byte)'X';
        Assert.Null(FramePack.TryRead(wrongMagic));
        Assert.Null(FramePack.TryRead([.. bytes, 1, 2, 3]));
        Assert.Throws<ArgumentException>(() => FramePack.Write(new MemoryStream(), 4, 4, [Frame(0, 4, 3, i => 0)]));
    }
}
