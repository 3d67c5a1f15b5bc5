using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace AvatarTools.Core.Tests.Media;

/// <summary>Image files made by hand for the frame-image reader's catalogue: good, cut short, lying about their size.</summary>
internal static class TestImages
{
    /// <summary>A 320 × 180 JPEG of a ramp with a fine texture, so that most of the file is the entropy-coded scan.</summary>
    public static byte[] Jpeg(int width = 320, int height = 180)
    {
        using var image = Ramp(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = image[x, y];
                image[x, y] = new Rgb24(p.R, p.G, (byte)(((x * 7919) ^ (y * 104729)) & 0xFF));
            }
        }
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 90 });
        return stream.ToArray();
    }

    public static byte[] Png(int width = 64, int height = 48)
    {
        using var image = Ramp(width, height);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    public static Image<Rgb24> Ramp(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgb24((byte)(x * 255 / Math.Max(1, width - 1)), (byte)(y * 255 / Math.Max(1, height - 1)), 90);
            }
        }
        return image;
    }

    /// <summary>The JPEG with its frame header (SOF0) claiming <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] JpegClaiming(byte[] jpeg, ushort width, ushort height)
    {
        var bytes = (byte[])jpeg.Clone();
        for (var i = 2; i + 9 < bytes.Length; i++)
        {
            // SOF0: FF C0, length (2), precision (1), height (2), width (2).
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xC0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 7), width);
                return bytes;
            }
        }
        throw new InvalidOperationException("No SOF0 marker.");
    }

    /// <summary>A PNG of a few hundred bytes whose header (IHDR, with a valid CRC) claims <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] PngClaiming(uint width, uint height)
    {
        var png = Png(2, 2);
        // The IHDR chunk follows the 8-byte signature: length (4) = 13, "IHDR", width (4), height (4), ..., CRC (4).
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>The JPEG with an APP1 segment right after SOI whose payload holds an end-of-image marker (as an EXIF thumbnail does).</summary>
    public static byte[] JpegWithThumbnailMarker(byte[] jpeg)
    {
        var payload = new byte[] { (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0, 0xFF, 0xD8, 0xFF, 0xD9 };
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return jpeg[..2].Concat(segment).Concat(jpeg[2..]).ToArray();
    }

    /// <summary>CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), as PNG chunks use, bit by bit.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
