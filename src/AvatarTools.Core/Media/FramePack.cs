using System.Buffers.Binary;
using System.IO.Compression;

namespace AvatarTools.Core.Media;

/// <summary>
/// The compact, lossless file the media cache keeps decoded frames in: the frames of one clip at one
/// <see cref="FrameScale"/>, as RGB24, each stored as its byte-wise difference from the previous frame
/// (consecutive video frames are alike) and the whole compressed with Brotli.
/// </summary>
/// <remarks>
/// Layout: <c>AVTFRAME</c>, version (u32, little-endian), width, height, frame count (u32), the frame
/// indices (i32 each), then the Brotli stream of count · width · height · 3 bytes.
/// </remarks>
public static class FramePack
{
    /// <summary>The file extension of frame packs.</summary>
    public const string Extension = ".frames";

    private const int Version = 1;
    private const int BrotliQuality = 5;
    private const int BrotliWindowBits = 22;
    private const int MaxSide = 4096;
    private const int MaxFrames = 100_000;
    private static ReadOnlySpan<byte> Magic => "AVTFRAME"u8;

    /// <summary>Writes frames (all <paramref name="width"/> × <paramref name="height"/> RGB24, indices ascending) to a stream.</summary>
    public static void Write(Stream stream, int width, int height, IReadOnlyList<VideoFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var frameBytes = checked(width * height * 3);
        var header = new byte[8 + 16 + (4 * frames.Count)];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), width);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), height);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), frames.Count);
        var raw = new byte[checked(frameBytes * frames.Count)];
        for (var k = 0; k < frames.Count; k++)
        {
            var frame = frames[k];
            if (frame.Width != width || frame.Height != height || frame.Rgb24.Length != frameBytes)
            {
                throw new ArgumentException($"frame {frame.Index} is {frame.Width}x{frame.Height}; every frame of a pack must be {width}x{height}", nameof(frames));
            }
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24 + (4 * k)), frame.Index);
            var target = raw.AsSpan(k * frameBytes, frameBytes);
            if (k == 0)
            {
                frame.Rgb24.CopyTo(target);
                continue;
            }
            var previous = frames[k - 1].Rgb24;
            for (var i = 0; i < frameBytes; i++)
            {
                target[i] = unchecked((byte)(frame.Rgb24[i] - previous[i]));
            }
        }
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        if (!BrotliEncoder.TryCompress(raw, compressed, out var written, BrotliQuality, BrotliWindowBits))
        {
            throw new InvalidOperationException("Brotli could not compress the frames");
        }
        stream.Write(header);
        stream.Write(compressed, 0, written);
    }

    /// <summary>Reads a frame pack; null when the bytes are not a complete, valid pack (a damaged cache entry).</summary>
    public static IReadOnlyList<VideoFrame>? TryRead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 24 || !bytes[..8].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) != Version)
        {
            return null;
        }
        var width = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
        var height = BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[20..]);
        if (width is < 1 or > MaxSide || height is < 1 or > MaxSide || count is < 0 or > MaxFrames || bytes.Length < 24 + (4L * count))
        {
            return null;
        }
        var frameBytes = width * height * 3;
        var raw = new byte[(long)frameBytes * count];
        var payload = bytes[(24 + (4 * count))..];
        using (var decoder = new BrotliDecoder())
        {
            var status = decoder.Decompress(payload, raw, out var consumed, out var written);
            if (status != System.Buffers.OperationStatus.Done || consumed != payload.Length || written != raw.Length)
            {
                return null;
            }
        }
        var frames = new VideoFrame[count];
        var last = int.MinValue;
        for (var k = 0; k < count; k++)
        {
            var index = BinaryPrimitives.ReadInt32LittleEndian(bytes[(24 + (4 * k))..]);
            if (index <= last)
            {
                return null;
            }
            last = index;
            var pixels = raw.AsSpan(k * frameBytes, frameBytes).ToArray();
            if (k > 0)
            {
                var previous = frames[k - 1].Rgb24;
                for (var i = 0; i < frameBytes; i++)
                {
                    pixels[i] = unchecked((byte)(pixels[i] + previous[i]));
                }
            }
            frames[k] = new VideoFrame(index, width, height, pixels);
        }
        return frames;
    }
}
