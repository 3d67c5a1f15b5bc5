using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using Xunit;

namespace AvatarTools.Core.Tests.Heatmaps;

public sealed class HeatmapWriterTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("heatmap-writer-tests").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string Folder => Path.Combine(_parent, "a", "b", "maps");

    private static AvatarFrame Frame(string clip, int index) =>
        new(clip, index, 640, 360, Array.Empty<AvatarInstance>(), "", "", "", 25);

    private static Localization Map(string clip, int index, string model, float value = 1) =>
        new(Frame(clip, index), model, new Heatmap(1, 2, new[] { value, value + 1 }));

    private IReadOnlyList<string> FilesUnderParent() =>
        Directory.GetFiles(_parent, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(_parent, path)).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("..", "%2E%2E")]
    [InlineData("../../x", "%2E.%2F..%2Fx")]
    [InlineData("/etc/x", "%2Fetc%2Fx")]
    [InlineData("C:\\x", "C%3A%5Cx")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a:b*?\"", "a%3Ab%2A%3F%22")]
    public void EveryClipIdLandsInsideTheFolder(string clip, string folderName)
    {
        new HeatmapWriter(Folder).Write(Map(clip, 1, "m"));
        Assert.Equal(new[] { Path.Combine("a", "b", "maps", folderName, "00001.npy") }, FilesUnderParent());
    }

    [Fact]
    public void EveryModelNameLandsInsideTheFolderWithPerModel()
    {
        var writer = new HeatmapWriter(Folder, perModel: true);
        foreach (var model in new[] { "..", "../../x", "/etc/x", "C:\\x", "." })
        {
            writer.Write(Map("clip_00001", 1, model));
        }
        Assert.All(FilesUnderParent(), file => Assert.StartsWith(Path.Combine("a", "b", "maps") + Path.DirectorySeparatorChar, file, StringComparison.Ordinal));
        Assert.Equal(5, FilesUnderParent().Count);
        Assert.True(File.Exists(Path.Combine(Folder, "%2E%2E", "clip_00001", "00001.npy")));
    }

    [Fact]
    public void ASecondModelInAOneModelFolderIsRefusedAndTheFirstKept()
    {
        var writer = new HeatmapWriter(Folder);
        writer.Write(Map("clip_00001", 1, "Center", 5));
        var error = Assert.Throws<AvatarDataException>(() => writer.Write(Map("clip_00001", 1, "AVSync", 9)));
        Assert.Equal(("SeveralModels", AvatarErrorKind.InvalidArgument), (error.ErrorId, error.Kind));
        Assert.Contains("'Center'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'AVSync'", error.Message, StringComparison.Ordinal);
        Assert.Equal(5f, NpyReader.ReadHeatmap(Path.Combine(Folder, "clip_00001", "00001.npy"))[0, 0]);
        writer.Write(Map("clip_00001", 2, "Center"));
    }

    [Fact]
    public void PerModelWritesOneSubfolderPerModelThatImportReadsBack()
    {
        var writer = new HeatmapWriter(Folder, perModel: true);
        writer.Write(Map("clip_00001", 1, "Center", 5));
        writer.Write(Map("clip_00001", 1, "AVSync", 9));
        Assert.Equal(5f, new HeatmapStore(Path.Combine(Folder, "Center")).Read(Frame("clip_00001", 1))[0, 0]);
        Assert.Equal(9f, new HeatmapStore(Path.Combine(Folder, "AVSync")).Read(Frame("clip_00001", 1))[0, 0]);
    }

    [Fact]
    public void TheSameFrameTwiceIsADuplicateAndTheFirstIsKept()
    {
        var writer = new HeatmapWriter(Folder);
        writer.Write(Map("clip_00001", 1, "m", 5));
        Assert.Equal("DuplicateOutput", Assert.Throws<AvatarDataException>(() => writer.Write(Map("clip_00001", 1, "m", 9))).ErrorId);
        Assert.Equal(5f, NpyReader.ReadHeatmap(Path.Combine(Folder, "clip_00001", "00001.npy"))[0, 0]);
    }

    [Fact]
    public void AFileThatCannotBeWrittenIsOneErrorAndTheNextIsWritten()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "blocked_00001"), "a file where the clip's folder would go");
        var writer = new HeatmapWriter(Folder);
        var error = Assert.Throws<AvatarDataException>(() => writer.Write(Map("blocked_00001", 1, "m")));
        Assert.Equal(("HeatmapNotWritten", AvatarErrorKind.WriteError), (error.ErrorId, error.Kind));
        writer.Write(Map("fine_00001", 1, "m"));
        Assert.True(File.Exists(Path.Combine(Folder, "fine_00001", "00001.npy")));
    }
}
