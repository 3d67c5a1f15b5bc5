using AvatarTools.Core.Media;
using AvatarTools.Core.Tests.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace AvatarTools.Core.Tests.Media;

/// <summary>The image catalogue of the robustness issue: each file a named error, or a documented acceptance.</summary>
public sealed class FrameImageFileTests : IDisposable
{
    private const long Limit = 50_000_000;

    private readonly string _folder = Directory.CreateTempSubdirectory("frame-image-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static AvatarDataException Fails(string path) => Assert.Throws<AvatarDataException>(() => FrameImageFile.Load(path, Limit).Dispose());

    [Fact]
    public void ReadsAGoodJpegAndPng()
    {
        using var jpeg = FrameImageFile.Load(Write("a.jpg", TestImages.Jpeg()), Limit);
        Assert.Equal((320, 180), (jpeg.Width, jpeg.Height));
        using var png = FrameImageFile.Load(Write("a.png", TestImages.Png()), Limit);
        using var expected = TestImages.Ramp(64, 48);
        Assert.Equal(expected[63, 47], png[63, 47]);
        Assert.Equal((64, 48), FrameImageFile.Identify(Path.Combine(_folder, "a.png"), Limit));
    }

    [Fact]
    public void AnEmptyFileIsInvalid()
    {
        var error = Fails(Write("empty.jpg", Array.Empty<byte>()));
        Assert.Equal(("InvalidImage", AvatarErrorKind.InvalidData), (error.ErrorId, error.Kind));
        Assert.Contains("empty (0 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void AJpegCutShortIsTruncated(double kept)
    {
        var jpeg = TestImages.Jpeg();
        // ImageSharp alone decodes it, the missing rows black: the reason for the check.
        var cut = jpeg[..(int)(jpeg.Length * kept)];
        using (var silently = Image.Load<Rgb24>(cut))
        {
            Assert.Equal(320, silently.Width);
        }
        var error = Fails(Write("cut.jpg", cut));
        Assert.Equal(("TruncatedImage", AvatarErrorKind.InvalidData), (error.ErrorId, error.Kind));
        Assert.Contains("end-of-image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AJpegCutInsideItsHeadersIsTruncated()
    {
        var jpeg = TestImages.Jpeg();
        Assert.Equal("TruncatedImage", Fails(Write("header.jpg", jpeg[..200])).ErrorId);
        Assert.Equal("TruncatedImage", Fails(Write("soi.jpg", jpeg[..3])).ErrorId);
    }

    [Fact]
    public void AJpegWithoutItsEndMarkerIsTruncatedEvenWithAThumbnailMarkerInside()
    {
        var jpeg = TestImages.Jpeg();
        Assert.Equal("TruncatedImage", Fails(Write("no-eoi.jpg", jpeg[..^2])).ErrorId);
        var withThumbnail = TestImages.JpegWithThumbnailMarker(jpeg);
        FrameImageFile.Load(Write("thumb.jpg", withThumbnail), Limit).Dispose();
        Assert.Equal("TruncatedImage", Fails(Write("thumb-cut.jpg", withThumbnail[..(withThumbnail.Length / 2)])).ErrorId);
    }

    [Fact]
    public void BytesAfterTheEndMarkerAreAccepted()
    {
        var jpeg = TestImages.Jpeg().Concat(new byte[] { 0, 1, 2, 3 }).ToArray();
        FrameImageFile.Load(Write("trailing.jpg", jpeg), Limit).Dispose();
    }

    [Fact]
    public void APngCutShortIsTruncatedOrInvalid()
    {
        var png = TestImages.Png();
        Assert.Equal("TruncatedImage", Fails(Write("no-iend.png", png[..^12])).ErrorId);
        Assert.Contains(Fails(Write("half.png", png[..(png.Length / 2)])).ErrorId, new[] { "TruncatedImage", "InvalidImage" });
    }

    [Fact]
    public void PngBytesNamedJpgAreReadByContent()
    {
        using var image = FrameImageFile.Load(Write("really-a-png.jpg", TestImages.Png()), Limit);
        using var expected = TestImages.Ramp(64, 48);
        Assert.Equal(expected[10, 20], image[10, 20]);
    }

    [Fact]
    public void OtherFormatsAndNonImagesAreInvalid()
    {
        using var bmp = new MemoryStream();
        using (var image = TestImages.Ramp(4, 4))
        {
            image.SaveAsBmp(bmp);
        }
        Assert.Equal("InvalidImage", Fails(Write("bitmap.jpg", bmp.ToArray())).ErrorId);
        Assert.Equal("InvalidImage", Fails(Write("text.jpg", "not an image"u8.ToArray())).ErrorId);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public void ADecompressionBombIsRefusedFromItsHeader(string format)
    {
        var bomb = format == "jpeg" ? TestImages.JpegClaiming(TestImages.Jpeg(16, 16), 65000, 65000) : TestImages.PngClaiming(100_000, 100_000);
        Assert.True(bomb.Length < 10_000);
        var path = Write("bomb." + format, bomb);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Fails(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(("ImageTooLarge", AvatarErrorKind.InvalidData), (error.ErrorId, error.Kind));
        Assert.Contains(format == "jpeg" ? "65000x65000" : "100000x100000", error.Message, StringComparison.Ordinal);
        // Decoding would allocate gigabytes; the header check a few hundred kilobytes at most.
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void FoldersFifosAndMissingFilesAreRefusedUnopened()
    {
        var folder = Path.Combine(_folder, "00001.jpg");
        Directory.CreateDirectory(folder);
        Assert.Equal("NotARegularFile", Fails(folder).ErrorId);
        var missing = Fails(Path.Combine(_folder, "none.jpg"));
        Assert.Equal(("ImageNotFound", AvatarErrorKind.NotFound), (missing.ErrorId, missing.Kind));
        var fifo = Path.Combine(_folder, "pipe.jpg");
        if (SpecialFiles.TryMakeFifo(fifo))
        {
            Assert.Equal("NotARegularFile", Fails(fifo).ErrorId);
        }
    }
}
