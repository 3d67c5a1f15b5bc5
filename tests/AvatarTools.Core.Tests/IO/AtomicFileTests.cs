using AvatarTools.Core.IO;
using Xunit;

namespace AvatarTools.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("atomic-file-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WritesTheWholeFileAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_folder, "sub", "a.bin");
        AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { "a.bin" }, Directory.GetFiles(Path.Combine(_folder, "sub")).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailingWriteLeavesThePreviousFileAsItWas()
    {
        var path = Path.Combine(_folder, "report.csv");
        File.WriteAllText(path, "previous");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of the new"u8);
            throw new InvalidOperationException("interrupted");
        }));
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void TheTemporaryFileIsHiddenBesideTheTarget()
    {
        var path = Path.Combine(_folder, "x.npy");
        string? seen = null;
        AtomicFile.Write(path, _ => seen = Directory.GetFiles(_folder).Single());
        Assert.NotNull(seen);
        Assert.Matches(@"^\.x\.npy\.[0-9a-f]{8}\.tmp$", Path.GetFileName(seen));
        Assert.False(File.Exists(seen));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void WritesTextWithTheEncodingsPreamble()
    {
        var path = Path.Combine(_folder, "t.txt");
        AtomicFile.WriteAllText(path, "é", new System.Text.UTF8Encoding(true));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, 0xC3, 0xA9 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void ATargetThatIsAFolderIsAnErrorAndLeavesNothing()
    {
        var path = Path.Combine(_folder, "taken");
        Directory.CreateDirectory(path);
        var error = Record.Exception(() => AtomicFile.WriteAllBytes(path, new byte[] { 1 }));
        Assert.True(error is IOException or UnauthorizedAccessException, error?.ToString());
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
