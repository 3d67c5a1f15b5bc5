using System.Runtime.CompilerServices;
using AvatarTools.Core.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace AvatarTools.Core.Features;

/// <summary>
/// Turns a frame (a JPEG/PNG file, or RGB24 bytes from ffmpeg) into a model's image input: RGB, resized
/// (<see cref="ImageResizeMode"/>, bicubic), scaled to [0, 1], normalised per channel ((v − mean) / std), in
/// CHW float32 order, written into a caller-provided span so batches need no copies. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Bicubic resizing is ImageSharp's (Keys cubic, a = −0.5, kernel widened when shrinking, like PIL's), so values
/// agree with torchvision-on-PIL closely but not bit for bit. EXIF orientation is ignored, as PIL's
/// <c>Image.open</c> does; alpha is dropped without compositing, as <c>convert('RGB')</c> does.
/// </remarks>
public sealed class ImagePreprocessor
{
    /// <summary>The default refusal limit: 50 megapixels.</summary>
    public const long DefaultMaxPixels = 50_000_000;

    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    private readonly float[] _mean;
    private readonly float[] _std;

    /// <param name="size">The output side S (224 for every AVATAR model).</param>
    /// <param name="mode">Squash or short-side resize with centre crop.</param>
    /// <param name="mean">Per-channel mean (RGB) after /255; null for ImageNet's (0.485, 0.456, 0.406).</param>
    /// <param name="std">Per-channel std (RGB); null for ImageNet's (0.229, 0.224, 0.225).</param>
    /// <param name="maxPixels">Images with more pixels than this are refused before decoding.</param>
    public ImagePreprocessor(int size = 224, ImageResizeMode mode = ImageResizeMode.Squash, IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null, long maxPixels = DefaultMaxPixels,
        ImageInterpolation interpolation = ImageInterpolation.Bicubic)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPixels);
        _mean = (mean ?? ImageNetMean).ToArray();
        _std = (std ?? ImageNetStd).ToArray();
        if (_mean.Length != 3 || _std.Length != 3 || _std.Any(s => !(s > 0)))
        {
            throw new ArgumentException("mean and std need three values (R, G, B), and every std must be positive");
        }
        Size = size;
        Mode = mode;
        MaxPixels = maxPixels;
        Interpolation = interpolation;
    }

    public int Size { get; }

    public ImageResizeMode Mode { get; }

    public long MaxPixels { get; }

    /// <summary>The resize filter (bicubic for the EZ-VSL family, as torchvision on PIL images).</summary>
    public ImageInterpolation Interpolation { get; }

    public IReadOnlyList<float> Mean => _mean;

    public IReadOnlyList<float> Std => _std;

    /// <summary>The number of floats one image fills: 3 · Size · Size.</summary>
    public int TensorLength => 3 * Size * Size;

    /// <summary>Decodes an image file and writes its tensor [3, S, S] into <paramref name="destination"/>.</summary>
    /// <exception cref="AvatarDataException">ImageNotFound, NotARegularFile, ImageUnreadable, InvalidImage, TruncatedImage, ImageTooLarge,
    /// naming the file (see <see cref="FrameImageFile"/>).</exception>
    public void Process(string path, Span<float> destination)
    {
        CheckDestination(destination);
        using var image = Load(path);
        Write(image, destination);
    }

    /// <summary>Decodes an image file into a new [3, S, S] tensor.</summary>
    public FeatureTensor Process(string path)
    {
        var values = new float[TensorLength];
        Process(path, values);
        return new FeatureTensor(values, [3, Size, Size]);
    }

    /// <summary>Writes the tensor of packed RGB24 pixels (width · height · 3 bytes, row-major) into <paramref name="destination"/>.</summary>
    /// <param name="source">Names the frame in errors.</param>
    public void Process(ReadOnlySpan<byte> rgb24, int width, int height, Span<float> destination, string? source = null)
    {
        CheckDestination(destination);
        if (width <= 0 || height <= 0 || (long)width * height * 3 != rgb24.Length)
        {
            throw new AvatarDataException("InvalidImage", AvatarErrorKind.InvalidData, source,
                $"holds {rgb24.Length} bytes; a {width}x{height} RGB24 frame needs {(long)Math.Max(width, 0) * Math.Max(height, 0) * 3}");
        }
        CheckPixelLimit(width, height, source);
        using var image = Image.LoadPixelData<Rgb24>(rgb24, width, height);
        Write(image, destination);
    }

    /// <summary>
    /// The size an image is resized to before cropping: (S, S) for Squash; for ShortSideCenterCrop the short side
    /// becomes S and the long side ⌊S · long / short⌋ (torchvision's rule).
    /// </summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int size, ImageResizeMode mode)
    {
        if (mode == ImageResizeMode.Squash)
        {
            return (size, size);
        }
        if (width <= height)
        {
            return (size, (int)((long)size * height / width));
        }
        return ((int)((long)size * width / height), size);
    }

    /// <summary>
    /// The top-left corner of the centre S × S crop of a width × height image: round((w − S) / 2), round((h − S) / 2)
    /// with Python's round (halves to even), as torchvision's CenterCrop.
    /// </summary>
    public static (int Left, int Top) CenterCropOffset(int width, int height, int size) =>
        ((int)Math.Round((width - size) / 2.0, MidpointRounding.ToEven), (int)Math.Round((height - size) / 2.0, MidpointRounding.ToEven));

    /// <summary>The file decoded by the shared frame-image reader (same checks and error ids as the reports).</summary>
    private Image<Rgb24> Load(string path) => FrameImageFile.Load(path, MaxPixels);

    private void CheckPixelLimit(int width, int height, string? source)
    {
        if ((long)width * height > MaxPixels)
        {
            throw new AvatarDataException("ImageTooLarge", AvatarErrorKind.InvalidData, source,
                $"is {width}x{height} ({(long)width * height} pixels), over the limit of {MaxPixels} pixels; raise the limit to accept it");
        }
    }

    private void CheckDestination(Span<float> destination)
    {
        if (destination.Length != TensorLength)
        {
            throw new ArgumentException($"the destination holds {destination.Length} floats; [3, {Size}, {Size}] needs {TensorLength}", nameof(destination));
        }
    }

    private void Write(Image<Rgb24> image, Span<float> destination)
    {
        var (width, height) = ResizedSize(image.Width, image.Height, Size, Mode);
        if (width != image.Width || height != image.Height)
        {
            image.Mutate(context => context.Resize(new ResizeOptions
            {
                Size = new Size(width, height),
                Mode = ResizeMode.Stretch,
                Sampler = Interpolation switch
                {
                    ImageInterpolation.Bilinear => KnownResamplers.Triangle,
                    ImageInterpolation.Nearest => KnownResamplers.NearestNeighbor,
                    _ => KnownResamplers.Bicubic,
                },
            }));
        }
        var (left, top) = CenterCropOffset(width, height, Size);
        var plane = Size * Size;
        var size = Size;
        var mean = _mean;
        var std = _std;
        var red = new float[plane];
        var green = new float[plane];
        var blue = new float[plane];
        image.ProcessPixelRows([MethodImpl(MethodImplOptions.AggressiveOptimization)] (accessor) =>
        {
            for (var y = 0; y < size; y++)
            {
                var row = accessor.GetRowSpan(top + y).Slice(left, size);
                for (var x = 0; x < size; x++)
                {
                    var pixel = row[x];
                    var index = (y * size) + x;
                    red[index] = ((pixel.R / 255f) - mean[0]) / std[0];
                    green[index] = ((pixel.G / 255f) - mean[1]) / std[1];
                    blue[index] = ((pixel.B / 255f) - mean[2]) / std[2];
                }
            }
        });
        red.CopyTo(destination);
        green.CopyTo(destination[plane..]);
        blue.CopyTo(destination[(2 * plane)..]);
    }
}
