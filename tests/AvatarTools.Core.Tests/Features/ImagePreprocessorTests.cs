using AvatarTools.Core.Features;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace AvatarTools.Core.Tests.Features;

public sealed class ImagePreprocessorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-image-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void NormalisesEachChannelInChwOrder()
    {
        // 2x2, already the output size: no resampling, so every value is (v / 255 − mean) / std.
        var path = WritePng("colours.png", 2, 2, (x, y) => (x, y) switch
        {
            (0, 0) => new Rgb24(255, 0, 0),
            (1, 0) => new Rgb24(0, 255, 0),
            (0, 1) => new Rgb24(0, 0, 255),
            _ => new Rgb24(128, 64, 32),
        });
        var tensor = new ImagePreprocessor(size: 2).Process(path);
        Assert.Equal(new[] { 3, 2, 2 }, tensor.Shape);
        float[] expected =
        [
            // R plane: (255, 0, 0, 128)
            (1f - 0.485f) / 0.229f, -0.485f / 0.229f, -0.485f / 0.229f, ((128 / 255f) - 0.485f) / 0.229f,
            // G plane: (0, 255, 0, 64)
            -0.456f / 0.224f, (1f - 0.456f) / 0.224f, -0.456f / 0.224f, ((64 / 255f) - 0.456f) / 0.224f,
            // B plane: (0, 0, 255, 32)
            -0.406f / 0.225f, -0.406f / 0.225f, (1f - 0.406f) / 0.225f, ((32 / 255f) - 0.406f) / 0.225f,
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], tensor.Values[i], 1e-5);
        }
    }

    [Fact]
    public void CustomMeanAndStdAndRawPixels()
    {
        var pre = new ImagePreprocessor(size: 1, mean: [0.5f, 0.5f, 0.5f], std: [0.5f, 0.25f, 1f]);
        var destination = new float[3];
        pre.Process(new byte[] { 255, 0, 51 }, 1, 1, destination);
        Assert.Equal(1f, destination[0], 1e-6);
        Assert.Equal(-2f, destination[1], 1e-6);
        Assert.Equal(-0.3f, destination[2], 1e-6);
    }

    [Theory]
    [InlineData(4, 2, 1)] // (4 − 2) / 2 = 1
    [InlineData(6, 2, 2)]
    [InlineData(5, 2, 2)] // round(1.5) = 2
    [InlineData(7, 2, 2)] // round(2.5) = 2 (Python rounds halves to even)
    public void CentreCropTakesTheMiddleColumns(int width, int height, int left)
    {
        Assert.Equal((left, 0), ImagePreprocessor.CenterCropOffset(width, height, 2));

        // Column x has red = 10 x; the short side is already 2, so no resampling happens.
        var path = WritePng($"crop{width}.png", width, height, (x, _) => new Rgb24((byte)(10 * x), 0, 0));
        var tensor = new ImagePreprocessor(size: 2, mode: ImageResizeMode.ShortSideCenterCrop, mean: [0, 0, 0], std: [1, 1, 1]).Process(path);
        Assert.Equal(10 * left / 255f, tensor.Values[0], 1e-6);
        Assert.Equal(10 * (left + 1) / 255f, tensor.Values[1], 1e-6);
        Assert.Equal(10 * left / 255f, tensor.Values[2], 1e-6);
    }

    [Fact]
    public void ResizeGeometryFollowsTorchvision()
    {
        Assert.Equal((398, 224), ImagePreprocessor.ResizedSize(640, 360, 224, ImageResizeMode.ShortSideCenterCrop));
        Assert.Equal((224, 398), ImagePreprocessor.ResizedSize(360, 640, 224, ImageResizeMode.ShortSideCenterCrop));
        Assert.Equal((224, 224), ImagePreprocessor.ResizedSize(640, 360, 224, ImageResizeMode.Squash));
        Assert.Equal((87, 0), ImagePreprocessor.CenterCropOffset(398, 224, 224));
    }

    [Theory]
    [InlineData(ImageResizeMode.Squash)]
    [InlineData(ImageResizeMode.ShortSideCenterCrop)]
    public void UniformImagesStayUniformAfterBicubicResizing(ImageResizeMode mode)
    {
        var path = WritePng("uniform.png", 37, 23, (_, _) => new Rgb24(200, 100, 50));
        var tensor = new ImagePreprocessor(mode: mode).Process(path);
        Assert.Equal(3 * 224 * 224, tensor.Values.Length);
        var plane = 224 * 224;
        Assert.All(tensor.Values.AsSpan(0, plane).ToArray(), v => Assert.Equal(((200 / 255f) - 0.485f) / 0.229f, v, 1e-5));
        Assert.All(tensor.Values.AsSpan(2 * plane, plane).ToArray(), v => Assert.Equal(((50 / 255f) - 0.406f) / 0.225f, v, 1e-5));
    }

    [Fact]
    public void WritesIntoASliceOfABatch()
    {
        var path = WritePng("one.png", 1, 1, (_, _) => new Rgb24(0, 0, 0));
        var pre = new ImagePreprocessor(size: 1, mean: [0, 0, 0], std: [1, 1, 1]);
        var batch = Enumerable.Repeat(9f, 9).ToArray();
        pre.Process(path, batch.AsSpan(3, 3));
        Assert.Equal(new float[] { 9, 9, 9, 0, 0, 0, 9, 9, 9 }, batch);
        Assert.Throws<ArgumentException>(() => pre.Process(path, new float[4]));
    }

    [Fact]
    public void RefusesImagesOverThePixelLimitBeforeDecoding()
    {
        var path = WritePng("big.png", 100, 60, (_, _) => new Rgb24(1, 2, 3));
        var error = Assert.Throws<AvatarDataException>(() => new ImagePreprocessor(maxPixels: 5999).Process(path));
        Assert.Equal("ImageTooLarge", error.ErrorId);
        Assert.Equal(path, error.Path);
        Assert.Contains("5999", error.Message);
        new ImagePreprocessor(maxPixels: 6000).Process(path);
        Assert.Equal("ImageTooLarge", Assert.Throws<AvatarDataException>(() => new ImagePreprocessor(maxPixels: 3).Process(new byte[12], 2, 2, new float[3 * 224 * 224])).ErrorId);
    }

    [Fact]
    public void CorruptAndMissingFiles()
    {
        // SOI, an APP0 segment of 4 bytes, EOI: complete, but no frame header or scan.
        var corrupt = Path.Combine(_folder, "corrupt.jpg");
        File.WriteAllBytes(corrupt, [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1, 2, 0xFF, 0xD9]);
        var error = Assert.Throws<AvatarDataException>(() => new ImagePreprocessor().Process(corrupt));
        Assert.Equal("InvalidImage", error.ErrorId);
        Assert.Equal(corrupt, error.Path);

        // An APP0 segment that declares 0x0102 = 258 bytes and holds 5: the file was cut short.
        var cut = Path.Combine(_folder, "cut.jpg");
        File.WriteAllBytes(cut, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5]);
        Assert.Equal("TruncatedImage", Assert.Throws<AvatarDataException>(() => new ImagePreprocessor().Process(cut)).ErrorId);

        var text = Path.Combine(_folder, "text.png");
        File.WriteAllText(text, "not an image");
        Assert.Equal("InvalidImage", Assert.Throws<AvatarDataException>(() => new ImagePreprocessor().Process(text)).ErrorId);

        var missing = Path.Combine(_folder, "missing.jpg");
        var notFound = Assert.Throws<AvatarDataException>(() => new ImagePreprocessor().Process(missing));
        Assert.Equal("ImageNotFound", notFound.ErrorId);
        Assert.Equal(AvatarErrorKind.NotFound, notFound.Kind);

        Assert.Equal("InvalidImage", Assert.Throws<AvatarDataException>(() => new ImagePreprocessor().Process(new byte[5], 2, 2, new float[3 * 224 * 224])).ErrorId);
    }

    private string WritePng(string name, int width, int height, Func<int, int, Rgb24> colour)
    {
        using var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = colour(x, y);
            }
        }
        var path = Path.Combine(_folder, name);
        image.SaveAsPng(path);
        return path;
    }
}
