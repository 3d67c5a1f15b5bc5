using AvatarTools.Core.IO;
using Xunit;

namespace AvatarTools.Core.Tests.IO;

public sealed class StagingFolderTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("staging-tests").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string Target => Path.Combine(_parent, "report");

    [Fact]
    public void ANewTargetAppearsWholeOnPublish()
    {
        using (var staging = StagingFolder.Create(Target))
        {
            Assert.Equal(_parent, Path.GetDirectoryName(staging.Path));
            Assert.StartsWith(".report.partial-", Path.GetFileName(staging.Path), StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(staging.Path, "index.html"), "new");
            Assert.False(Directory.Exists(Target));
            staging.Publish(new[] { "index.html" });
        }
        Assert.Equal("new", File.ReadAllText(Path.Combine(Target, "index.html")));
        Assert.Equal(new[] { Target }, Directory.GetDirectories(_parent));
    }

    [Fact]
    public void AnUnpublishedBuildLeavesNothing()
    {
        using (var staging = StagingFolder.Create(Target))
        {
            File.WriteAllText(Path.Combine(staging.Path, "index.html"), "half");
        }
        Assert.Empty(Directory.GetFileSystemEntries(_parent));
    }

    [Fact]
    public void OverAnExistingTargetTheEntriesAreReplacedAndOtherFilesKept()
    {
        Directory.CreateDirectory(Path.Combine(Target, "images"));
        File.WriteAllText(Path.Combine(Target, "images", "strip-4-old.png"), "old strip");
        File.WriteAllText(Path.Combine(Target, "index.html"), "old");
        File.WriteAllText(Path.Combine(Target, "notes.txt"), "mine");
        using (var staging = StagingFolder.Create(Target))
        {
            Directory.CreateDirectory(Path.Combine(staging.Path, "images"));
            File.WriteAllText(Path.Combine(staging.Path, "images", "strip-1-new.png"), "new strip");
            File.WriteAllText(Path.Combine(staging.Path, "index.html"), "new");
            staging.Publish(new[] { "images", "scores.csv", "index.html" });
        }
        Assert.Equal("new", File.ReadAllText(Path.Combine(Target, "index.html")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Target, "notes.txt")));
        Assert.Equal(new[] { "strip-1-new.png" }, Directory.GetFiles(Path.Combine(Target, "images")).Select(Path.GetFileName));
        Assert.Equal(new[] { Target }, Directory.GetDirectories(_parent));
    }
}
