namespace AvatarTools.Core.Synthetic;

/// <summary>Writes mono 16-bit PCM WAV files (RIFF, a 16-byte 'fmt ' chunk, one 'data' chunk; little-endian).</summary>
internal static class WavFileWriter
{
    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate)
    {
        const short Channels = 1;
        const short BitsPerSample = 16;
        const short BlockAlign = Channels * BitsPerSample / 8;
        var dataBytes = samples.Length * BlockAlign;
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write(Channels);
        writer.Write(sampleRate);
        writer.Write(sampleRate * BlockAlign);
        writer.Write(BlockAlign);
        writer.Write(BitsPerSample);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        foreach (var sample in samples)
        {
            writer.Write(sample);
        }
    }
}
