using System.Buffers.Binary;
using System.Text;
using AvatarTools.Core.IO;

namespace AvatarTools.Core.Heatmaps;

/// <summary>
/// Writes heatmaps as NumPy <c>.npy</c> files: format 1.0, dtype <c>&lt;f4</c>, C order, the header laid out
/// exactly as <c>numpy.save</c> does (21-digit growth space, padded with spaces to a multiple of 64 bytes, ending in '\n').
/// Files are written whole or not at all (<see cref="AtomicFile"/>).
/// </summary>
public static class NpyWriter
{
    /// <summary>Writes one map of shape (h, w).</summary>
    public static void Write(string path, Heatmap heatmap) => AtomicFile.Write(path, stream => Write(stream, heatmap));

    /// <summary>Writes one map of shape (h, w) to a stream.</summary>
    public static void Write(Stream stream, Heatmap heatmap) =>
        Write(stream, new[] { heatmap.Height, heatmap.Width }, new[] { heatmap });

    /// <summary>Writes maps of one size as a per-clip array of shape (T, h, w).</summary>
    public static void WriteSequence(string path, IReadOnlyList<Heatmap> heatmaps)
    {
        if (heatmaps.Count == 0)
        {
            throw new ArgumentException("At least one heatmap is needed.", nameof(heatmaps));
        }
        var height = heatmaps[0].Height;
        var width = heatmaps[0].Width;
        if (heatmaps.Any(map => map.Height != height || map.Width != width))
        {
            throw new ArgumentException("All heatmaps of a sequence must have the same size.", nameof(heatmaps));
        }
        AtomicFile.Write(path, stream => Write(stream, new[] { heatmaps.Count, height, width }, heatmaps));
    }

    /// <summary>The header bytes (magic, version, length and padded dictionary) for a float32 C-order array.</summary>
    public static byte[] CreateHeader(IReadOnlyList<int> shape)
    {
        var shapeText = shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var text = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': ").Append(shapeText).Append(", }");
        if (shape.Count > 0)
        {
            text.Append(' ', Math.Max(0, 21 - shape[0].ToString(System.Globalization.CultureInfo.InvariantCulture).Length));
        }
        var headerLength = text.Length + 1;
        var padding = 64 - ((10 + headerLength) % 64);
        text.Append(' ', padding).Append('\n');
        var body = Encoding.Latin1.GetBytes(text.ToString());
        var result = new byte[10 + body.Length];
        result[0] = 0x93;
        "NUMPY"u8.CopyTo(result.AsSpan(1));
        result[6] = 1;
        result[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), checked((ushort)body.Length));
        body.CopyTo(result, 10);
        return result;
    }

    private static void Write(Stream stream, IReadOnlyList<int> shape, IReadOnlyList<Heatmap> heatmaps)
    {
        stream.Write(CreateHeader(shape));
        var buffer = new byte[4096];
        var used = 0;
        foreach (var heatmap in heatmaps)
        {
            foreach (var value in heatmap.Values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(used), value);
                used += 4;
                if (used == buffer.Length)
                {
                    stream.Write(buffer, 0, used);
                    used = 0;
                }
            }
        }
        stream.Write(buffer, 0, used);
    }
}
