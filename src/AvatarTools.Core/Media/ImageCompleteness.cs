using System.Buffers.Binary;

namespace AvatarTools.Core.Media;

/// <summary>
/// Whether a JPEG or PNG file holds all its data, told from its structure (decoders fill what is missing silently).
/// </summary>
internal static class ImageCompleteness
{
    private static ReadOnlySpan<byte> PngSignature => new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.StartsWith(PngSignature);

    /// <summary>True when the file starts with a JPEG start-of-image marker followed by another marker.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> bytes) => bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;

    /// <summary>
    /// True when the chunks (length, type, data, CRC) run from the signature to an <c>IEND</c> chunk within the file.
    /// </summary>
    public static bool PngEndsWithIend(ReadOnlySpan<byte> bytes)
    {
        long position = PngSignature.Length;
        while (position + 8 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[(int)position..]);
            var type = bytes.Slice((int)position + 4, 4);
            var end = position + 12 + length;
            if (end > bytes.Length)
            {
                return false;
            }
            if (type.SequenceEqual("IEND"u8))
            {
                return true;
            }
            position = end;
        }
        return false;
    }

    /// <summary>
    /// True when the marker segments, and the entropy-coded data after each start-of-scan, lead to an end-of-image
    /// marker (FF D9) within the file. Bytes after that marker are allowed, as decoders allow them; stray bytes between
    /// segments are skipped up to the next marker, as libjpeg does.
    /// </summary>
    public static bool JpegReachesEndOfImage(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
        {
            return false;
        }
        var position = 2;
        while (true)
        {
            // Find the next marker: 0xFF (any fill bytes 0xFF) then a marker code.
            var start = bytes[position..].IndexOf((byte)0xFF);
            if (start < 0)
            {
                return false;
            }
            position += start;
            while (position < bytes.Length && bytes[position] == 0xFF)
            {
                position++;
            }
            if (position >= bytes.Length)
            {
                return false;
            }
            var marker = bytes[position++];
            if (marker == 0xD9)
            {
                return true;
            }
            if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
            {
                continue; // A stuffed byte, TEM, a restart marker outside a scan or SOI: no length.
            }
            if (position + 2 > bytes.Length)
            {
                return false;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length < 2 || position + length > bytes.Length)
            {
                return false;
            }
            position += length;
            if (marker == 0xDA)
            {
                // Entropy-coded data: runs to the first 0xFF not followed by 0x00 (stuffing) or a restart marker.
                while (true)
                {
                    var next = bytes[position..].IndexOf((byte)0xFF);
                    if (next < 0 || position + next + 1 >= bytes.Length)
                    {
                        return false;
                    }
                    position += next;
                    var code = bytes[position + 1];
                    if (code == 0x00 || (code >= 0xD0 && code <= 0xD7))
                    {
                        position += 2;
                        continue;
                    }
                    if (code == 0xFF)
                    {
                        position++;
                        continue;
                    }
                    break;
                }
            }
        }
    }
}
