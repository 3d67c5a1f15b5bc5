using AvatarTools.Core.IO;
using Xunit;

namespace AvatarTools.Core.Tests.IO;

public sealed class OutputFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("output-folder-tests").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void PathsFromDataStayInsideTheFolder()
    {
        var output = new OutputFolder(Path.Combine(_root, "out"));
        Assert.Equal(Path.Combine(_root, "out", "%2E%2E", "00001.npy"), output.PathFor(new[] { ".." }, "00001", ".npy"));
        Assert.Equal(Path.Combine(_root, "out", "%2E.%2F..%2Fx", "00001.npy"), output.PathFor(new[] { "../../x" }, "00001", ".npy"));
        Assert.Equal(Path.Combine(_root, "out", "%2Fetc%2Fx", "00001.npy"), output.PathFor(new[] { "/etc/x" }, "00001", ".npy"));
        Assert.Equal(Path.Combine(_root, "out", "C%3A%5Cx.bin"), output.PathFor(Array.Empty<string>(), "C:\\x", ".bin"));
    }

    [Fact]
    public void AnExistingFileIsClaimedByDefaultAndRefusedWithNoClobber()
    {
        Directory.CreateDirectory(Path.Combine(_root, "clip"));
        File.WriteAllText(Path.Combine(_root, "clip", "00001.npy"), "old");
        Assert.Equal(Path.Combine(_root, "clip", "00001.npy"), new OutputFolder(_root).Claim(new[] { "clip" }, "00001", ".npy"));
        var careful = new OutputFolder(_root) { NoClobber = true };
        var error = Assert.Throws<AvatarDataException>(() => careful.Claim(new[] { "clip" }, "00001", ".npy"));
        Assert.Equal(("OutputExists", AvatarErrorKind.Conflict), (error.ErrorId, error.Kind));
        Assert.Equal(Path.Combine(_root, "clip", "00001.npy"), error.Path);
        Assert.Equal(Path.Combine(_root, "clip", "00002.npy"), careful.Claim(new[] { "clip" }, "00002", ".npy"));
    }

    [Fact]
    public void EmptyNamesAreUnsafe()
    {
        var output = new OutputFolder(_root);
        var error = Assert.Throws<AvatarDataException>(() => output.PathFor(new[] { "" }, "00001", ".npy"));
        Assert.Equal("UnsafeOutputName", error.ErrorId);
        Assert.Equal(AvatarErrorKind.InvalidData, error.Kind);
    }

    [Fact]
    public void TheSamePathTwiceIsADuplicate()
    {
        var output = new OutputFolder(_root);
        output.Claim(new[] { "clip_00001" }, "00001", ".npy");
        var error = Assert.Throws<AvatarDataException>(() => output.Claim(new[] { "clip_00001" }, "00001", ".npy"));
        Assert.Equal("DuplicateOutput", error.ErrorId);
        Assert.Equal(AvatarErrorKind.Conflict, error.Kind);
        Assert.Equal(Path.Combine(_root, "clip_00001", "00001.npy"), error.Path);
        // PathFor remembers nothing.
        Assert.Equal(output.PathFor(new[] { "clip_00001" }, "00001", ".npy"), output.PathFor(new[] { "clip_00001" }, "00001", ".npy"));
    }

    [Fact]
    public void NamesThatDifferInCaseAreBothWrittenOnACaseSensitiveFileSystem()
    {
        if (!CaseSensitive(_root))
        {
            return; // Windows, macOS: covered by the injected file system below.
        }
        var output = new OutputFolder(_root);
        var lower = output.Claim(new[] { "abc_00001" }, "00001", ".npy");
        AtomicFile.WriteAllText(lower, "lower", System.Text.Encoding.ASCII);
        var upper = output.Claim(new[] { "ABC_00001" }, "00001", ".npy");
        AtomicFile.WriteAllText(upper, "upper", System.Text.Encoding.ASCII);
        Assert.Equal("lower", File.ReadAllText(lower));
        Assert.Equal("upper", File.ReadAllText(upper));
    }

    [Fact]
    public void NamesThatDifferInCaseCollideOnACaseInsensitiveFileSystem()
    {
        // A file system that folds case: every pair of spellings that fold alike is one entry.
        var output = new OutputFolder(_root, (a, b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase));
        var first = output.Claim(new[] { "abc_00001" }, "00001", ".npy");
        var error = Assert.Throws<AvatarDataException>(() => output.Claim(new[] { "ABC_00001" }, "00001", ".npy"));
        Assert.Equal("OutputNameCollision", error.ErrorId);
        Assert.Equal(AvatarErrorKind.Conflict, error.Kind);
        Assert.Contains(Path.GetDirectoryName(first)!, error.Message, StringComparison.Ordinal);
        // Another frame of the first spelling is fine, and the refused claim is not remembered.
        output.Claim(new[] { "abc_00001" }, "00002", ".npy");
        Assert.Throws<AvatarDataException>(() => output.Claim(new[] { "ABC_00001" }, "00001", ".npy"));
    }

    private static bool CaseSensitive(string folder)
    {
        var probe = Path.Combine(folder, "case-probe");
        File.WriteAllText(probe, "");
        try
        {
            return !File.Exists(Path.Combine(folder, "CASE-PROBE"));
        }
        finally
        {
            File.Delete(probe);
        }
    }
}
