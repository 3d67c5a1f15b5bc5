using System.Buffers.Binary;

namespace AvatarTools.Core.Media;

/// <summary>
/// The frame rate and duration of an mp4's first video track, read from its box tree
/// (moov/trak/mdia: mdhd timescale and duration, hdlr 'vide', stbl/stts sample counts) without decoding.
/// </summary>
public sealed record Mp4Info(double FrameRate, double DurationSeconds, int FrameCount)
{
    private const int MaxBoxBytes = 64 << 20;

    /// <summary>Reads the header of the mp4 at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an mp4 this reader understands (no moov box, no video track...).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Mp4Info Read(string path)
    {
        using var stream = File.OpenRead(path);
        var moov = FindBox(stream, 0, stream.Length, "moov")
            ?? throw new InvalidDataException($"{path}: no 'moov' box; not an mp4 file");
        if (moov.Length > MaxBoxBytes)
        {
            throw new InvalidDataException($"{path}: the 'moov' box is implausibly large ({moov.Length} bytes)");
        }
        var bytes = new byte[moov.Length];
        stream.Position = moov.Start;
        stream.ReadExactly(bytes);
        foreach (var trak in Children(bytes, 0, bytes.Length, "trak"))
        {
            var mdia = Children(bytes, trak.Start, trak.End, "mdia").FirstOrDefault();
            if (mdia.End == 0)
            {
                continue;
            }
            var hdlr = Children(bytes, mdia.Start, mdia.End, "hdlr").FirstOrDefault();
            if (hdlr.End == 0 || hdlr.End - hdlr.Start < 12 || System.Text.Encoding.ASCII.GetString(bytes, hdlr.Start + 8, 4) != "vide")
            {
                continue;
            }
            var mdhd = Children(bytes, mdia.Start, mdia.End, "mdhd").First();
            var version = bytes[mdhd.Start];
            uint timescale;
            ulong duration;
            if (version == 1)
            {
                timescale = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(mdhd.Start + 20));
                duration = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(mdhd.Start + 24));
            }
            else
            {
                timescale = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(mdhd.Start + 12));
                duration = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(mdhd.Start + 16));
            }
            var minf = Children(bytes, mdia.Start, mdia.End, "minf").First();
            var stbl = Children(bytes, minf.Start, minf.End, "stbl").First();
            var stts = Children(bytes, stbl.Start, stbl.End, "stts").First();
            var entries = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(stts.Start + 4));
            long samples = 0;
            for (var i = 0; i < entries; i++)
            {
                samples += BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(stts.Start + 8 + (i * 8)));
            }
            if (timescale == 0 || duration == 0 || samples == 0)
            {
                throw new InvalidDataException($"{path}: the video track has no duration or no samples");
            }
            var seconds = duration / (double)timescale;
            return new Mp4Info(samples / seconds, seconds, (int)samples);
        }
        throw new InvalidDataException($"{path}: no video track");
    }

    /// <summary>The video's frame rate from its header, or null when the file is missing or not an mp4 this reader understands.</summary>
    public static double? TryReadFrameRate(string path) => TryRead(path, out var info, out _) ? info.FrameRate : null;

    /// <summary>Reads the header as <see cref="Read"/> does; false, with the reason, when it cannot.</summary>
    public static bool TryRead(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Mp4Info? info, out string reason)
    {
        try
        {
            info = Read(path);
            reason = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentOutOfRangeException or InvalidOperationException or IndexOutOfRangeException)
        {
            info = null;
            reason = ex is InvalidOperationException or ArgumentOutOfRangeException or IndexOutOfRangeException ? "its box tree is damaged" : ex.Message;
            return false;
        }
    }

    private readonly record struct Box(int Start, int End);

    private readonly record struct StreamBox(long Start, long Length);

    private static StreamBox? FindBox(Stream stream, long start, long end, string type)
    {
        Span<byte> header = stackalloc byte[16];
        var position = start;
        while (position + 8 <= end)
        {
            stream.Position = position;
            stream.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var name = System.Text.Encoding.ASCII.GetString(header.Slice(4, 4));
            var headerSize = 8;
            if (size == 1)
            {
                stream.ReadExactly(header.Slice(8, 8));
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = end - position;
            }
            if (size < headerSize)
            {
                throw new InvalidDataException("corrupt mp4 box size");
            }
            if (name == type)
            {
                return new StreamBox(position + headerSize, size - headerSize);
            }
            position += size;
        }
        return null;
    }

    /// <summary>The payloads of the child boxes of the given type (full-box headers included in the payload).</summary>
    private static IEnumerable<Box> Children(byte[] bytes, int start, int end, string type)
    {
        var position = start;
        while (position + 8 <= end)
        {
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position));
            var headerSize = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(position + 8));
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = end - position;
            }
            if (size < headerSize || position + size > end)
            {
                yield break;
            }
            if (bytes[position + 4] == type[0] && bytes[position + 5] == type[1] && bytes[position + 6] == type[2] && bytes[position + 7] == type[3])
            {
                yield return new Box(position + headerSize, (int)(position + size));
            }
            position += (int)size;
        }
    }
}
