using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Reports;
using Xunit;

namespace AvatarTools.Core.Tests.Reports;

public sealed class OverlayWriterTests : IDisposable
{
    private static readonly OverlayOptions Small = new() { ThumbnailWidth = 40, Threshold = 0.5, ShowCaption = false };

    private readonly string _parent = Directory.CreateTempSubdirectory("overlay-writer-tests").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string Folder => Path.Combine(_parent, "a", "b", "pictures");

    private IReadOnlyList<string> FilesUnderParent() =>
        Directory.GetFiles(_parent, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(Folder, path)).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("..", "%2E%2E")]
    [InlineData("../../x", "%2E.%2F..%2Fx")]
    [InlineData("/etc/x", "%2Fetc%2Fx")]
    [InlineData("C:\\x", "C%3A%5Cx")]
    [InlineData("a:b*?\"", "a%3Ab%2A%3F%22")]
    public void ModelNamesAndClipIdsFromDataStayInsideTheFolder(string name, string safe)
    {
        var writer = new OverlayWriter(Folder, Small);
        writer.WriteFrame(ReportTestData.Localization(ReportTestData.Frame("clip_00000", 1), name));
        writer.WriteFrame(ReportTestData.Localization(ReportTestData.Frame(name, 1), "m"));
        Assert.Single(writer.WriteStrips(new[] { ReportTestData.Localization(ReportTestData.Frame(name, 1), "m") }), strip => strip.Error is null);
        Assert.Equal(
            new[] { Path.Combine(safe, "clip_00000", "00001.png"), Path.Combine("m", safe, "00001.png"), Path.Combine("strips", safe + ".png") }.Order(StringComparer.Ordinal),
            FilesUnderParent());
    }

    [Fact]
    public void TwoModelsGetTwoFoldersAndTheSamePictureTwiceIsADuplicate()
    {
        var writer = new OverlayWriter(Folder, Small);
        var frame = ReportTestData.Frame("clip_00000", 1);
        writer.WriteFrame(ReportTestData.Localization(frame, "A"));
        writer.WriteFrame(ReportTestData.Localization(frame, "B"));
        var error = Assert.Throws<AvatarDataException>(() => writer.WriteFrame(ReportTestData.Localization(frame, "B")));
        Assert.Equal(("DuplicateOutput", AvatarErrorKind.Conflict), (error.ErrorId, error.Kind));
        Assert.Equal(new[] { Path.Combine("A", "clip_00000", "00001.png"), Path.Combine("B", "clip_00000", "00001.png") }, FilesUnderParent());
    }

    [Fact]
    public void AFrameWhoseImageCannotBeReadIsNotWritten()
    {
        var empty = Path.Combine(_parent, "empty.jpg");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        var writer = new OverlayWriter(Folder, Small);
        var error = Assert.Throws<AvatarDataException>(() => writer.WriteFrame(ReportTestData.Localization(ReportTestData.Frame("clip_00000", 1, empty))));
        Assert.Equal("InvalidImage", error.ErrorId);
        Assert.DoesNotContain(FilesUnderParent(), file => file.EndsWith(".png", StringComparison.Ordinal));
    }

    [Fact]
    public void AClipWhoseStripCannotBeWrittenIsOneErrorAndTheOthersAreWritten()
    {
        var empty = Path.Combine(_parent, "empty.jpg");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        Directory.CreateDirectory(Path.Combine(Folder, "strips", "b_00000.png"));
        var localizations = new[]
        {
            ReportTestData.Localization(ReportTestData.Frame("a_00000", 1)),
            ReportTestData.Localization(ReportTestData.Frame("a_00000", 2, empty)),
            ReportTestData.Localization(ReportTestData.Frame("b_00000", 1)),
            ReportTestData.Localization(ReportTestData.Frame("c_00000", 1)),
        };
        var strips = new OverlayWriter(Folder, Small).WriteStrips(localizations).ToList();
        Assert.Equal(new[] { "a_00000", "b_00000", "c_00000" }, strips.Select(strip => strip.ClipId));
        Assert.Null(strips[0].Error);
        Assert.Equal("InvalidImage", Assert.Single(strips[0].ImageErrors).Error.ErrorId);
        Assert.Equal(2, strips[0].ImageErrors[0].Frame.FrameIndex);
        Assert.Equal(("OverlayNotWritten", AvatarErrorKind.WriteError), (strips[1].Error!.ErrorId, strips[1].Error!.Kind));
        Assert.Null(strips[1].Path);
        Assert.True(File.Exists(strips[2].Path));
        Assert.True(File.Exists(strips[0].Path));
    }
}
