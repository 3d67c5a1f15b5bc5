using AvatarTools.Core.Scoring;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace AvatarTools.Core.Synthetic;

/// <summary>
/// Draws the video frames of one clip: a dim seeded background (gradient, soft texture, mild noise), computed once,
/// with the visible objects on top, each filled with its colour times its brightness at that time. Encodes JPEG.
/// </summary>
internal sealed class FrameRenderer
{
    public const int JpegQuality = 90;

    private static readonly JpegEncoder Encoder = new() { Quality = JpegQuality };

    private readonly ClipPlan _plan;
    private readonly byte[] _background;
    private readonly byte[] _canvas;

    public FrameRenderer(ClipPlan plan)
    {
        _plan = plan;
        _background = Background(plan);
        _canvas = new byte[_background.Length];
    }

    /// <summary>The RGB24 pixels of the frame at a time (the buffer is reused by the next call).</summary>
    public byte[] Render(double time)
    {
        Buffer.BlockCopy(_background, 0, _canvas, 0, _background.Length);
        foreach (var item in _plan.Objects)
        {
            if (!item.IsVisible(time))
            {
                continue;
            }
            var brightness = item.Brightness(time);
            var category = item.Category;
            var red = (byte)Math.Round(category.Red * brightness);
            var green = (byte)Math.Round(category.Green * brightness);
            var blue = (byte)Math.Round(category.Blue * brightness);
            // The scoring's fillPoly rasterizer: what is drawn is exactly the object's ground-truth mask.
            var mask = GroundTruthMask.FromPolygons(item.Polygons(time), _plan.Width, _plan.Height, _plan.Height, _plan.Width);
            for (var y = 0; y < _plan.Height; y++)
            {
                foreach (var (start, end) in mask.GetRowSpans(y))
                {
                    for (var offset = ((y * _plan.Width) + start) * 3; offset < ((y * _plan.Width) + end) * 3; offset += 3)
                    {
                        _canvas[offset] = red;
                        _canvas[offset + 1] = green;
                        _canvas[offset + 2] = blue;
                    }
                }
            }
        }
        return _canvas;
    }

    public byte[] RenderJpeg(double time) => EncodeJpeg(Render(time));

    /// <summary>The JPEG of RGB24 pixels of this clip's size.</summary>
    public byte[] EncodeJpeg(byte[] pixels)
    {
        using var image = Image.LoadPixelData<Rgb24>(pixels, _plan.Width, _plan.Height);
        using var stream = new MemoryStream(64 * 1024);
        image.SaveAsJpeg(stream, Encoder);
        return stream.ToArray();
    }

    private static byte[] Background(ClipPlan plan)
    {
        var random = new Random(SeedMixer.Mix(plan.Seed, 1));
        var top = new double[3];
        var bottom = new double[3];
        for (var c = 0; c < 3; c++)
        {
            top[c] = 14 + (30 * random.NextDouble());
            bottom[c] = 14 + (30 * random.NextDouble());
        }
        var waveX = 0.02 + (0.05 * random.NextDouble());
        var waveY = 0.02 + (0.05 * random.NextDouble());
        var phase = 2 * Math.PI * random.NextDouble();
        var pixels = new byte[plan.Width * plan.Height * 3];
        var offset = 0;
        for (var y = 0; y < plan.Height; y++)
        {
            for (var x = 0; x < plan.Width; x++)
            {
                var mix = ((double)x / plan.Width + (double)y / plan.Height) / 2;
                var texture = 5 * Math.Sin((waveX * x) + (waveY * y) + phase) * Math.Sin((waveY * x) - (waveX * 0.7 * y));
                for (var c = 0; c < 3; c++)
                {
                    var value = (top[c] * (1 - mix)) + (bottom[c] * mix) + texture + random.Next(-4, 5);
                    pixels[offset++] = (byte)Math.Clamp(Math.Round(value), 0, 255);
                }
            }
        }
        return pixels;
    }
}
