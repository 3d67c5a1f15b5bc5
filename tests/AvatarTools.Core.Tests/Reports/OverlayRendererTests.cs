using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Reports;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace AvatarTools.Core.Tests.Reports;

public sealed class OverlayRendererTests : IDisposable
{
    private static readonly Rgb24 White = new(255, 255, 255);
    private static readonly Rgb24 Magenta = new(255, 0, 255);
    private static readonly Rgb24 Gold = new(255, 215, 0);
    private static readonly OverlayOptions NoCaption = new() { ShowCaption = false, Threshold = 0.5 };

    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-report-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void RenderedFrameHasTheFrameSize()
    {
        using var image = ReportTestData.Decode(OverlayRenderer.RenderFrame(ReportTestData.Localization(ReportTestData.Frame())));
        Assert.Equal(160, image.Width);
        Assert.Equal(90, image.Height);
    }

    [Fact]
    public void ImageOfAnotherSizeIsResizedToTheFrameSize()
    {
        var path = Path.Combine(_folder, "frame.png");
        using (var source = new Image<Rgb24>(320, 180, new Rgb24(200, 0, 0)))
        {
            source.SaveAsPng(path);
        }
        using var image = ReportTestData.Decode(OverlayRenderer.RenderFrame(ReportTestData.Localization(ReportTestData.Frame(imagePath: path)), NoCaption));
        Assert.Equal((160, 90), (image.Width, image.Height));
        // (10, 80): value 0, opacity 0.2 over red 200: R = round(0.8·200 + 0.2·48) = 170 (Turbo entry 0 is (48, 18, 59)).
        Assert.Equal(new Rgb24(170, 4, 12), image[10, 80]);
    }

    [Fact]
    public void MissingImageGivesDarkGreyCanvasUnderTheMap()
    {
        using var image = ReportTestData.Decode(OverlayRenderer.RenderFrame(ReportTestData.Localization(ReportTestData.Frame()), NoCaption));
        // Value 0 at x < 40: 0.8·48 + 0.2·(48, 18, 59) = (48, 42, 50.2 → 50).
        Assert.Equal(new Rgb24(48, 42, 50), image[10, 80]);
    }

    [Theory]
    [InlineData(40, 40)]
    [InlineData(41, 30)]
    [InlineData(100, 50)]
    [InlineData(60, 20)]
    [InlineData(60, 60)]
    [InlineData(90, 59)]
    public void GroundTruthOutlineHasTheTruthColour(int x, int y)
    {
        using var image = ReportTestData.Decode(OverlayRenderer.RenderFrame(ReportTestData.Localization(ReportTestData.Frame()), NoCaption));
        Assert.Equal(White, image[x, y]);
    }

    [Theory]
    [InlineData(80, 10)]
    [InlineData(81, 75)]
    [InlineData(159, 40)]
    [InlineData(120, 0)]
    [InlineData(120, 89)]
    public void PredictedRegionOutlineHasThePredictionColour(int x, int y)
    {
        using var image = ReportTestData.Decode(OverlayRenderer.RenderFrame(ReportTestData.Localization(ReportTestData.Frame()), NoCaption));
        Assert.Equal(Magenta, image[x, y]);
    }

    [Fact]
    public void PerFrameRuleGivesTheTopHalf()
    {
        var options = NoCaption with { Threshold = null };
        using var image = ReportTestData.Decode(OverlayRenderer.RenderFrame(ReportTestData.Localization(ReportTestData.Frame()), options));
        Assert.Equal(Magenta, image[80, 10]);
        Assert.NotEqual(Magenta, image[79, 10]);
        Assert.NotEqual(Magenta, image[82, 10]);
    }

    [Fact]
    public void ModelThresholdTakesPrecedence()
    {
        // τ = 0.25: src ≥ 0.25 ⇔ (x + 0.5)/80 ≥ 0.75 ⇔ x ≥ 59.5, so the region starts at x = 60.
        var options = NoCaption with { ModelThresholds = new Dictionary<string, double> { ["EZ-VSL"] = 0.25 } };
        using var image = ReportTestData.Decode(OverlayRenderer.RenderFrame(ReportTestData.Localization(ReportTestData.Frame()), options));
        Assert.Equal(Magenta, image[60, 10]);
        Assert.NotEqual(Magenta, image[80, 10]);
    }

    [Fact]
    public void InteriorPixelsAreNeitherOutlineColour()
    {
        using var image = ReportTestData.Decode(OverlayRenderer.RenderFrame(ReportTestData.Localization(ReportTestData.Frame()), NoCaption));
        Assert.NotEqual(White, image[60, 40]);
        Assert.NotEqual(Magenta, image[60, 40]);
        Assert.NotEqual(Magenta, image[120, 40]);
    }

    [Fact]
    public void OffScreenFrameShowsTheLabelInTheCorner()
    {
        using var offScreen = ReportTestData.Decode(OverlayRenderer.RenderFrame(ReportTestData.Localization(ReportTestData.OffScreenFrame()), NoCaption));
        using var onScreen = ReportTestData.Decode(OverlayRenderer.RenderFrame(ReportTestData.Localization(ReportTestData.Frame()), NoCaption));
        Assert.True(CountInCorner(offScreen, Gold) > 20);
        Assert.Equal(0, CountInCorner(onScreen, Gold));
    }

    [Fact]
    public void CaptionIsDrawnInTheBottomLeftCorner()
    {
        var frame = ReportTestData.Frame();
        using var image = ReportTestData.Decode(OverlayRenderer.RenderFrame(new Localization(frame, "M", ReportTestData.Ramp()), new OverlayOptions { Threshold = 0.5 }, 0.5));
        // Two lines of 14-pixel glyphs, a 4-pixel gap and 4-pixel padding above and below: a 40-pixel black band (y 50 to 89).
        Assert.Equal(new Rgb24(0, 0, 0), image[1, 50]);
        Assert.NotEqual(new Rgb24(0, 0, 0), image[1, 49]);
        Assert.Contains(Enumerable.Range(0, 40).SelectMany(x => Enumerable.Range(50, 40).Select(y => image[x, y])), pixel => pixel == White);
    }

    [Fact]
    public void RenderingIsDeterministic()
    {
        var localization = ReportTestData.Localization(ReportTestData.Frame());
        Assert.Equal(OverlayRenderer.RenderFrame(localization, null, 0.25), OverlayRenderer.RenderFrame(localization, null, 0.25));
        var rows = new[] { new[] { localization } };
        Assert.Equal(OverlayRenderer.RenderStrip(rows).Png, OverlayRenderer.RenderStrip(rows).Png);
    }

    [Fact]
    public void StripIsColumnsTimesRowsOfThumbnailsPlusMargins()
    {
        var options = new OverlayOptions { ThumbnailWidth = 80 };
        var frames = new[] { ReportTestData.Frame(frameIndex: 30), ReportTestData.Frame(frameIndex: 10), ReportTestData.OffScreenFrame(frameIndex: 20) };
        var rows = new[]
        {
            frames.Select(frame => ReportTestData.Localization(frame, "A")).ToList(),
            frames.Select(frame => ReportTestData.Localization(frame, "B")).ToList(),
        };
        using var image = ReportTestData.Decode(OverlayRenderer.RenderStrip(rows, options).Png);
        // Thumbnails 80 × 45 (160 × 90 halved); width 160 (labels) + 4 + 3 · (80 + 4) = 416; height 28 (header) + 2 · (45 + 4) = 126.
        Assert.Equal(416, image.Width);
        Assert.Equal(126, image.Height);
        // The off-screen frame (index 20) is the middle column: its label sits in that thumbnail's top-right corner.
        var middleLeft = 160 + 4 + 84;
        var gold = 0;
        for (var y = 28; y < 28 + 20; y++)
        {
            for (var x = middleLeft + 20; x < middleLeft + 80; x++)
            {
                gold += image[x, y] == Gold ? 1 : 0;
            }
        }
        Assert.True(gold > 10);
    }

    [Fact]
    public void StripSizeHelperMatchesTheLayout()
    {
        var options = new OverlayOptions();
        Assert.Equal(135, OverlayRenderer.StripThumbnailHeight(640, 360, 240));
        Assert.Equal((160 + 4 + (5 * 244), 28 + (3 * 139)), OverlayRenderer.StripSize(5, 3, 135, options));
    }

    private static int CountInCorner(Image<Rgb24> image, Rgb24 color)
    {
        var count = 0;
        for (var y = 0; y < 30; y++)
        {
            for (var x = image.Width - 140; x < image.Width; x++)
            {
                count += image[x, y] == color ? 1 : 0;
            }
        }
        return count;
    }
}
