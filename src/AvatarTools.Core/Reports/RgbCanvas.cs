using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace AvatarTools.Core.Reports;

/// <summary>A plain RGB24 pixel buffer to draw into, converted to and from ImageSharp images at the edges.</summary>
internal sealed class RgbCanvas
{
    private static readonly PngEncoder Encoder = new()
    {
        ColorType = PngColorType.Rgb,
        BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.Level6,
        FilterMethod = PngFilterMethod.Adaptive,
        InterlaceMethod = PngInterlaceMode.None,
        IgnoreMetadata = true,
    };

    public RgbCanvas(int width, int height, RgbColor background)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A canvas needs a positive size; got {width} × {height}.");
        }
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 3)];
        FillRectangle(0, 0, width, height, background);
    }

    private RgbCanvas(int width, int height, byte[] pixels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major R, G, B bytes.</summary>
    public byte[] Pixels { get; }

    public static RgbCanvas FromImage(Image<Rgb24> image)
    {
        var width = image.Width;
        var height = image.Height;
        var pixels = new byte[checked(width * height * 3)];
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                MemoryMarshal.AsBytes(accessor.GetRowSpan(y)).CopyTo(pixels.AsSpan(y * width * 3, width * 3));
            }
        });
        return new RgbCanvas(width, height, pixels);
    }

    /// <summary>A copy to draw into, leaving this canvas as it is.</summary>
    public RgbCanvas Clone() => new(Width, Height, (byte[])Pixels.Clone());

    public RgbColor this[int x, int y]
    {
        get
        {
            var offset = ((y * Width) + x) * 3;
            return new RgbColor(Pixels[offset], Pixels[offset + 1], Pixels[offset + 2]);
        }
        set
        {
            var offset = ((y * Width) + x) * 3;
            Pixels[offset] = value.Red;
            Pixels[offset + 1] = value.Green;
            Pixels[offset + 2] = value.Blue;
        }
    }

    /// <summary>Fills the rectangle, clipped to the canvas.</summary>
    public void FillRectangle(int left, int top, int width, int height, RgbColor color)
    {
        var x0 = Math.Max(0, left);
        var y0 = Math.Max(0, top);
        var x1 = Math.Min(Width, left + width);
        var y1 = Math.Min(Height, top + height);
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                this[x, y] = color;
            }
        }
    }

    /// <summary>Copies <paramref name="source"/> with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>), clipped.</summary>
    public void Draw(RgbCanvas source, int left, int top)
    {
        var x0 = Math.Max(0, left);
        var x1 = Math.Min(Width, left + source.Width);
        if (x1 <= x0)
        {
            return;
        }
        for (var y = Math.Max(0, top); y < Math.Min(Height, top + source.Height); y++)
        {
            source.Pixels.AsSpan((((y - top) * source.Width) + (x0 - left)) * 3, (x1 - x0) * 3)
                .CopyTo(Pixels.AsSpan(((y * Width) + x0) * 3));
        }
    }

    /// <summary>Paints every pixel set in <paramref name="mask"/> (row-major, canvas size).</summary>
    public void Paint(bool[] mask, RgbColor color)
    {
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                Pixels[i * 3] = color.Red;
                Pixels[(i * 3) + 1] = color.Green;
                Pixels[(i * 3) + 2] = color.Blue;
            }
        }
    }

    /// <summary>The canvas as a PNG with fixed encoder settings and no metadata, so equal pixels give equal bytes.</summary>
    public byte[] ToPng()
    {
        using var image = Image.LoadPixelData<Rgb24>(Pixels, Width, Height);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream, Encoder);
        return stream.ToArray();
    }
}
