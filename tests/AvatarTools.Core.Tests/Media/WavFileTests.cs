using System.Buffers.Binary;
using AvatarTools.Core.Media;
using Xunit;

namespace AvatarTools.Core.Tests.Media;

public sealed class WavFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-wav-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SixteenBitRoundTripIsLossless()
    {
        var path = Path.Combine(_folder, "a.wav");
        float[] samples = [0f, 0.5f, -0.5f, -1f, 32767 / 32768f, 1.5f];
        WavFile.Write(path, samples, 16000);
        var clip = WavFile.Read(path);
        Assert.Equal(16000, clip.SampleRate);
        Assert.Equal(new[] { 0f, 0.5f, -0.5f, -1f, 32767 / 32768f, 32767 / 32768f }, clip.Samples);
        Assert.Equal(44 + 12, new FileInfo(path).Length);
    }

    [Fact]
    public void EightBitStereoIsAveragedAndUnknownChunksSkipped()
    {
        // Frames (L, R): (255, 1) -> ((127 + -127) / 128) / 2 = 0; (192, 128) -> (64 / 128 + 0) / 2 = 0.25.
        var bytes = Build(1, 2, 8000, 8, [255, 1, 192, 128], extraChunk: true);
        var clip = WavFile.Parse(bytes);
        Assert.Equal(8000, clip.SampleRate);
        Assert.Equal(new[] { 0f, 0.25f }, clip.Samples);
    }

    [Fact]
    public void TwentyFourAndThirtyTwoBitIntegers()
    {
        // 24-bit: 0x400000 = 0.5, 0xC00000 = −0.5.
        var clip24 = WavFile.Parse(Build(1, 1, 16000, 24, [0x00, 0x00, 0x40, 0x00, 0x00, 0xC0]));
        Assert.Equal(new[] { 0.5f, -0.5f }, clip24.Samples);
        var data32 = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(data32, int.MinValue);
        BinaryPrimitives.WriteInt32LittleEndian(data32.AsSpan(4), 1 << 29);
        Assert.Equal(new[] { -1f, 0.25f }, WavFile.Parse(Build(1, 1, 16000, 32, data32)).Samples);
    }

    [Fact]
    public void FloatSamplesAlsoInsideExtensible()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(data, 0.125f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -3f);
        Assert.Equal(new[] { 0.125f, -1f }, WavFile.Parse(Build(3, 1, 44100, 32, data)).Samples);
        Assert.Equal(new[] { 0.125f, -1f }, WavFile.Parse(Build(3, 1, 44100, 32, data, extensible: true)).Samples);
    }

    [Fact]
    public void RejectsWhatIsNotAWav()
    {
        Assert.Equal("InvalidWav", Assert.Throws<AvatarDataException>(() => WavFile.Parse("RIFX0000WAVE"u8, "x.wav")).ErrorId);
        var noData = Build(1, 1, 16000, 16, [1, 2]).AsSpan(0, 36).ToArray();
        Assert.Equal("InvalidWav", Assert.Throws<AvatarDataException>(() => WavFile.Parse(noData)).ErrorId);
        Assert.Equal("UnsupportedWav", Assert.Throws<AvatarDataException>(() => WavFile.Parse(Build(2, 1, 16000, 16, [1, 2]))).ErrorId);
        Assert.Equal("UnsupportedWav", Assert.Throws<AvatarDataException>(() => WavFile.Parse(Build(1, 1, 16000, 12, [1, 2]))).ErrorId);

        var path = Path.Combine(_folder, "bad.wav");
        File.WriteAllText(path, "hello");
        var error = Assert.Throws<AvatarDataException>(() => WavFile.Read(path));
        Assert.Equal("InvalidWav", error.ErrorId);
        Assert.Equal(path, error.Path);
        Assert.Equal("WavNotFound", Assert.Throws<AvatarDataException>(() => WavFile.Read(Path.Combine(_folder, "none.wav"))).ErrorId);
    }

    [Fact]
    public void AWavCutShorterThanItsHeaderSaysIsTruncatedWav()
    {
        // 16 kHz mono 16-bit: the header declares 32,000 bytes (1 s), the file holds 8,000 (0.25 s).
        var whole = new byte[44 + 32000];
        WavFile.Write(new MemoryStream(whole), new float[16000], 16000);
        var path = Path.Combine(_folder, "cut.wav");
        File.WriteAllBytes(path, whole.AsSpan(0, 44 + 8000).ToArray());
        var error = Assert.Throws<AvatarDataException>(() => WavFile.Read(path));
        Assert.Equal("TruncatedWav", error.ErrorId);
        Assert.Equal(AvatarErrorKind.InvalidData, error.Kind);
        Assert.Equal(path, error.Path);
        Assert.Contains("32000 bytes (1 s)", error.Message);
        Assert.Contains("8000 bytes (0.25 s)", error.Message);
    }

    [Fact]
    public void AStreamedWavWithAPlaceholderSizeIsReadToItsEnd()
    {
        // ffmpeg writing a WAV to a pipe declares 0xFFFFFFFF bytes; some writers declare 0.
        var data = new byte[] { 0x00, 0x40, 0x00, 0xC0 };
        foreach (var placeholder in new[] { uint.MaxValue, 0u })
        {
            var bytes = Build(1, 1, 16000, 16, data);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), placeholder);
            Assert.Equal(new[] { 0.5f, -0.5f }, WavFile.Parse(bytes).Samples);
        }
    }

    [Fact]
    public void SixteenBitSamplesAreWrittenAsTheyAre()
    {
        using var stream = new MemoryStream();
        WavFile.Write(stream, new short[] { 0, 16384, -32768, 32767 }, 16000);
        var clip = WavFile.Parse(stream.ToArray());
        Assert.Equal(new[] { 0f, 0.5f, -1f, 32767 / 32768f }, clip.Samples);
    }

    [Fact]
    public void ReadingAtAnotherRateResamples()
    {
        var path = Path.Combine(_folder, "48k.wav");
        WavFile.Write(path, Enumerable.Repeat(0.25f, 4800).ToArray(), 48000);
        var clip = WavFile.Read(path, 16000);
        Assert.Equal(16000, clip.SampleRate);
        Assert.Equal(1600, clip.Samples.Length);
        Assert.All(clip.Samples, s => Assert.Equal(0.25f, s, 1e-6));
    }

    private static byte[] Build(ushort tag, ushort channels, int rate, ushort bits, byte[] data, bool extraChunk = false, bool extensible = false)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(0u);
        writer.Write("WAVE"u8);
        if (extraChunk)
        {
            writer.Write("LIST"u8);
            writer.Write(3u);
            writer.Write(new byte[] { 1, 2, 3, 0 }); // odd size + pad byte
        }
        writer.Write("fmt "u8);
        writer.Write(extensible ? 40u : 16u);
        writer.Write(extensible ? (ushort)0xFFFE : tag);
        writer.Write(channels);
        writer.Write((uint)rate);
        writer.Write((uint)(rate * channels * bits / 8));
        writer.Write((ushort)(channels * bits / 8));
        writer.Write(bits);
        if (extensible)
        {
            writer.Write((ushort)22);
            writer.Write(bits);
            writer.Write(0u);
            writer.Write(tag);
            writer.Write(new byte[14]);
        }
        writer.Write("data"u8);
        writer.Write((uint)data.Length);
        writer.Write(data);
        return stream.ToArray();
    }
}
