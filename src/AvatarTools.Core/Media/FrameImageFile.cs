using AvatarTools.Core.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace AvatarTools.Core.Media;

/// <summary>
/// Decodes a frame image file (JPEG or PNG) for everything that reads one: the model inputs
/// (<see cref="Features.ImagePreprocessor"/>) and the pictures of the reports. One set of checks and error ids:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>ImageNotFound</c>: nothing at the path; <c>NotARegularFile</c>: a folder, FIFO or device, refused before it is opened;
/// <c>ImageUnreadable</c>: an I/O error or no permission.</item>
/// <item><c>ImageTooLarge</c>: over the pixel limit, read from the header before any pixel is decoded (a decompression
/// bomb of a few bytes that claims 65,000 × 65,000 pixels is refused at once), or a file over 256 MiB.</item>
/// <item><c>InvalidImage</c>: empty (0 bytes), neither JPEG nor PNG, or not decodable.</item>
/// <item><c>TruncatedImage</c>: a JPEG that ends before its end-of-image marker, or a PNG that ends before its IEND chunk.
/// The decoder would fill the missing rows silently (with black), and the frame would be scored on them.</item>
/// </list>
/// <para>The format is taken from the content, not the file name: PNG bytes in a file named <c>.jpg</c> are read as PNG
/// (the metadata of AVATAR names every frame <c>.jpg</c>, and a re-encoded frame is still the frame). Other formats
/// (GIF, BMP, WebP, TIFF, ...) are refused as <c>InvalidImage</c>.</para>
/// </remarks>
public static class FrameImageFile
{
    /// <summary>The largest image file read: 256 MiB.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private static readonly InputFileErrors Errors = new("image", "ImageNotFound", "ImageUnreadable", "ImageTooLarge");

    /// <summary>Only the two formats frames come in; nothing else is parsed.</summary>
    private static readonly Configuration Formats = new(new JpegConfigurationModule(), new PngConfigurationModule());

    /// <summary>The size of the image, from its header, after the same checks as <see cref="Load"/> except the decoding.</summary>
    /// <exception cref="AvatarDataException">See the remarks.</exception>
    public static (int Width, int Height) Identify(string path, long maxPixels)
    {
        var bytes = Read(path);
        var info = Check(path, bytes, maxPixels);
        return (info.Width, info.Height);
    }

    /// <summary>The image as RGB pixels (alpha dropped, EXIF orientation ignored, as PIL's <c>convert('RGB')</c>).</summary>
    /// <exception cref="AvatarDataException">See the remarks.</exception>
    public static Image<Rgb24> Load(string path, long maxPixels)
    {
        var bytes = Read(path);
        Check(path, bytes, maxPixels);
        try
        {
            return Image.Load<Rgb24>(Formats, bytes);
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw Invalid(path, $"is not a valid JPEG or PNG image ({ex.Message})", ex);
        }
    }

    private static byte[] Read(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new AvatarDataException("ImageNotFound", AvatarErrorKind.NotFound, path, "the frame has no image path");
        }
        return InputFile.ReadAllBytes(path, MaxFileBytes, Errors);
    }

    private static IImageInfo Check(string path, byte[] bytes, long maxPixels)
    {
        if (bytes.Length == 0)
        {
            throw Invalid(path, "is empty (0 bytes); expected a JPEG or PNG image", null);
        }
        IImageInfo? info;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            info = Image.Identify(Formats, stream);
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            // A file cut short inside its headers fails here already; say so rather than "invalid".
            throw IsComplete(bytes) ? Invalid(path, $"is not a valid JPEG or PNG image ({ex.Message})", ex) : Truncated(path, bytes, ex);
        }
        if (info is null)
        {
            throw !IsComplete(bytes) ? Truncated(path, bytes, null) : Invalid(path, "is not a JPEG or PNG image (its first bytes are neither format's signature)", null);
        }
        if ((long)info.Width * info.Height > maxPixels)
        {
            throw new AvatarDataException("ImageTooLarge", AvatarErrorKind.InvalidData, path,
                $"is {info.Width}x{info.Height} ({(long)info.Width * info.Height} pixels), over the limit of {maxPixels} pixels; raise the limit to accept it");
        }
        if (!IsComplete(bytes))
        {
            throw Truncated(path, bytes, null);
        }
        return info;
    }

    /// <summary>Whether a JPEG reaches its end-of-image marker, or a PNG its IEND chunk (other content: true).</summary>
    private static bool IsComplete(byte[] bytes) =>
        ImageCompleteness.IsPng(bytes) ? ImageCompleteness.PngEndsWithIend(bytes)
        : ImageCompleteness.IsJpeg(bytes) ? ImageCompleteness.JpegReachesEndOfImage(bytes)
        : true;

    private static AvatarDataException Truncated(string path, byte[] bytes, Exception? inner) =>
        new("TruncatedImage", AvatarErrorKind.InvalidData, path,
            ImageCompleteness.IsPng(bytes)
                ? $"is a truncated PNG ({bytes.Length} bytes, no IEND chunk): its missing rows would be made up; download or extract the frame again"
                : $"is a truncated JPEG ({bytes.Length} bytes, no end-of-image marker): its missing rows would be made up; download or extract the frame again",
            inner);

    private static AvatarDataException Invalid(string path, string message, Exception? inner) =>
        new("InvalidImage", AvatarErrorKind.InvalidData, path, message, inner);
}
