using System.Buffers.Binary;
using System.Globalization;

namespace AvatarTools.Core.Media;

/// <summary>
/// Reads and writes RIFF/WAVE files. Reading accepts PCM integer samples of 8 (unsigned), 16, 24 or 32 bits
/// and IEEE float samples of 32 bits (also inside WAVE_FORMAT_EXTENSIBLE), any number of channels
/// (averaged to mono), and skips chunks it does not know. Writing produces 16-bit mono PCM.
/// </summary>
/// <remarks>
/// Integer samples are scaled by 1 / 2^(bits−1) (8-bit: (b − 128) / 128), so 16-bit values map to
/// [−1, 32767/32768] as soundfile and torchaudio do; float samples are clamped to [−1, 1].
/// </remarks>
public static class WavFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Reads a WAV file as mono samples at its own sample rate.</summary>
    /// <exception cref="AvatarDataException">WavNotFound, WavUnreadable, InvalidWav, TruncatedWav or UnsupportedWav, naming the file.</exception>
    public static AudioClip Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AvatarDataException("WavNotFound", AvatarErrorKind.NotFound, path, "the WAV file does not exist", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AvatarDataException("WavUnreadable", AvatarErrorKind.NotFound, path, $"the WAV file cannot be read ({ex.Message})", ex);
        }
        return Parse(bytes, path);
    }

    /// <summary>Reads a WAV file as mono samples resampled to <paramref name="sampleRate"/> (see <see cref="AudioResampler"/>).</summary>
    public static AudioClip Read(string path, int sampleRate) => Read(path).ResampleTo(sampleRate);

    /// <summary>Parses WAV bytes; <paramref name="path"/> only names the source in errors.</summary>
    public static AudioClip Parse(ReadOnlySpan<byte> bytes, string? path = null)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw Invalid(path, "is not a WAV file: it does not start with a RIFF/WAVE header");
        }
        Format? format = null;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = bytes.Slice(position, 4);
            var size = (long)BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var start = position + 8;
            var available = bytes.Length - start;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || size > available)
                {
                    throw Invalid(path, $"has a truncated 'fmt ' chunk ({size} bytes declared, 16 needed, {available} present)");
                }
                format = ReadFormat(bytes.Slice(start, (int)size), path);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw Invalid(path, "has its 'data' chunk before the 'fmt ' chunk");
                }

                // Streamed WAVs (ffmpeg writing to a pipe) declare a placeholder size (0xFFFFFFFF, or 0): take what is there.
                // Any other size larger than what the file holds means the file was cut short.
                var placeholder = size is 0 or uint.MaxValue;
                if (!placeholder && size > available)
                {
                    var bytesPerSecond = format.Value.BlockAlign * (double)format.Value.SampleRate;
                    throw new AvatarDataException("TruncatedWav", AvatarErrorKind.InvalidData, path,
                        string.Create(CultureInfo.InvariantCulture,
                            $"is cut short: its 'data' chunk declares {size} bytes ({size / bytesPerSecond:0.###} s) but only {available} bytes ({available / bytesPerSecond:0.###} s) are in the file; extract it again (e.g. ffmpeg -i <clip>.mp4 -ac 1 -ar 16000 -acodec pcm_s16le <clip>.wav)"));
                }
                var length = placeholder ? available : (int)size;
                return Decode(bytes.Slice(start, length), format.Value);
            }
            position = (int)Math.Min(bytes.Length, start + size + (size & 1));
        }
        throw Invalid(path, format is null ? "has no 'fmt ' chunk" : "has no 'data' chunk");
    }

    /// <summary>Writes mono samples as a 16-bit PCM WAV file: round(x · 32768), clamped to [−32768, 32767].</summary>
    public static void Write(string path, ReadOnlySpan<float> samples, int sampleRate)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(stream, samples, sampleRate);
    }

    /// <summary>Writes mono samples as 16-bit PCM WAV to a stream.</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var dataBytes = checked(samples.Length * 2);
        var buffer = new byte[44 + dataBytes];
        var span = buffer.AsSpan();
        WriteHeader(span, dataBytes, sampleRate);
        for (var i = 0; i < samples.Length; i++)
        {
            var value = Math.Clamp(Math.Round(samples[i] * 32768.0, MidpointRounding.AwayFromZero), short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (2 * i))..], (short)value);
        }
        stream.Write(buffer);
    }

    /// <summary>Writes 16-bit mono PCM samples as they are (no scaling) as a WAV file to a stream.</summary>
    public static void Write(Stream stream, ReadOnlySpan<short> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var dataBytes = checked(samples.Length * 2);
        var buffer = new byte[44 + dataBytes];
        WriteHeader(buffer, dataBytes, sampleRate);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(44 + (2 * i)), samples[i]);
        }
        stream.Write(buffer);
    }

    private static void WriteHeader(Span<byte> span, int dataBytes, int sampleRate)
    {
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(sampleRate * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
    }

    private readonly record struct Format(bool IsFloat, int Channels, int SampleRate, int BitsPerSample, int BlockAlign);

    private static Format ReadFormat(ReadOnlySpan<byte> chunk, string? path)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(chunk[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
        if (tag == FormatExtensible)
        {
            if (chunk.Length < 40)
            {
                throw Invalid(path, "has a WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk shorter than 40 bytes");
            }

            // The sub-format GUID starts with the format tag.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]);
        }
        var isFloat = tag == FormatFloat;
        if (tag != FormatPcm && !isFloat)
        {
            throw new AvatarDataException("UnsupportedWav", AvatarErrorKind.InvalidData, path,
                $"uses audio format {tag}; expected PCM (1) or IEEE float (3), e.g. re-encode with ffmpeg -acodec pcm_s16le");
        }
        if (isFloat ? bits != 32 : bits is not (8 or 16 or 24 or 32))
        {
            throw new AvatarDataException("UnsupportedWav", AvatarErrorKind.InvalidData, path,
                $"has {bits}-bit {(isFloat ? "float" : "integer")} samples; expected 8, 16, 24 or 32-bit integer or 32-bit float");
        }
        if (channels == 0 || sampleRate == 0 || sampleRate > int.MaxValue)
        {
            throw Invalid(path, $"declares {channels} channels at {sampleRate} Hz");
        }
        if (blockAlign != channels * (bits / 8))
        {
            throw Invalid(path, $"declares a block size of {blockAlign} bytes; {channels} channels of {bits} bits need {channels * (bits / 8)}");
        }
        return new Format(isFloat, channels, (int)sampleRate, bits, blockAlign);
    }

    private static AudioClip Decode(ReadOnlySpan<byte> data, Format format)
    {
        var frames = data.Length / format.BlockAlign;
        if (format is { IsFloat: false, BitsPerSample: 16, Channels: 1 })
        {
            // The common case (every WAV this tool writes): one 16-bit sample per frame, x / 32768.
            var mono = new float[frames];
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(data[..(2 * frames)]);
            for (var i = 0; i < frames; i++)
            {
                mono[i] = (BitConverter.IsLittleEndian ? values[i] : BinaryPrimitives.ReverseEndianness(values[i])) / 32768f;
            }
            return new AudioClip(mono, format.SampleRate);
        }
        var bytesPerSample = format.BitsPerSample / 8;
        var samples = new float[frames];
        var scale = 1.0 / format.Channels;
        for (var frame = 0; frame < frames; frame++)
        {
            var block = data.Slice(frame * format.BlockAlign, format.BlockAlign);
            double sum = 0;
            for (var channel = 0; channel < format.Channels; channel++)
            {
                sum += ReadSample(block.Slice(channel * bytesPerSample, bytesPerSample), format);
            }
            samples[frame] = (float)(sum * scale);
        }
        return new AudioClip(samples, format.SampleRate);
    }

    private static double ReadSample(ReadOnlySpan<byte> bytes, Format format)
    {
        if (format.IsFloat)
        {
            var value = BinaryPrimitives.ReadSingleLittleEndian(bytes);
            return float.IsNaN(value) ? 0.0 : Math.Clamp(value, -1.0, 1.0);
        }
        return format.BitsPerSample switch
        {
            8 => (bytes[0] - 128) / 128.0,
            16 => BinaryPrimitives.ReadInt16LittleEndian(bytes) / 32768.0,
            24 => (((bytes[2] << 24) | (bytes[1] << 16) | (bytes[0] << 8)) >> 8) / 8388608.0,
            _ => BinaryPrimitives.ReadInt32LittleEndian(bytes) / 2147483648.0,
        };
    }

    private static AvatarDataException Invalid(string? path, string message) =>
        new("InvalidWav", AvatarErrorKind.InvalidData, path, message);
}
