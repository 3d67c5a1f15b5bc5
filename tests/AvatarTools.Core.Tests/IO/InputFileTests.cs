using AvatarTools.Core.IO;
using Xunit;

namespace AvatarTools.Core.Tests.IO;

public sealed class InputFileTests : IDisposable
{
    private static readonly InputFileErrors Errors = new("thing", "ThingNotFound", "ThingUnreadable", "ThingTooLarge");

    private readonly string _folder = Directory.CreateTempSubdirectory("input-file-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void KindsAreToldApart()
    {
        var file = Path.Combine(_folder, "f");
        File.WriteAllText(file, "x");
        Assert.Equal(FileKind.Regular, FileKinds.Of(file));
        Assert.Equal(FileKind.Directory, FileKinds.Of(_folder));
        Assert.Equal(FileKind.Missing, FileKinds.Of(Path.Combine(_folder, "none")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/null"));
            var link = Path.Combine(_folder, "link");
            File.CreateSymbolicLink(link, file);
            Assert.Equal(FileKind.Regular, FileKinds.Of(link));
        }
    }

    [Fact]
    public async Task AFifoIsRefusedWithoutOpeningIt()
    {
        var fifo = Path.Combine(_folder, "pipe.npy");
        if (!SpecialFiles.TryMakeFifo(fifo))
        {
            return; // No FIFOs on this platform.
        }
        Assert.Equal(FileKind.Fifo, FileKinds.Of(fifo));
        // Opening a FIFO with no writer blocks forever, so a hang here fails the test by its timeout: run it on a task.
        var read = Task.Run(() => Record.Exception(() => InputFile.ReadAllBytes(fifo, 1000, Errors)));
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == read, "reading a FIFO hung");
        var error = Assert.IsType<AvatarDataException>(await read);
        Assert.Equal("NotARegularFile", error.ErrorId);
        Assert.Equal(fifo, error.Path);
        Assert.Contains("FIFO", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FoldersAndDevicesAreRefused()
    {
        var folder = Path.Combine(_folder, "map.npy");
        Directory.CreateDirectory(folder);
        var error = Assert.Throws<AvatarDataException>(() => InputFile.ReadAllBytes(folder, 1000, Errors));
        Assert.Equal("NotARegularFile", error.ErrorId);
        Assert.Contains("a folder", error.Message, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            // /dev/zero never ends: it must be refused, not read.
            Assert.Equal("NotARegularFile", Assert.Throws<AvatarDataException>(() => InputFile.ReadAllBytes("/dev/zero", 1000, Errors)).ErrorId);
        }
    }

    [Fact]
    public void MissingLargeAndLockedFilesGiveTheReadersIds()
    {
        var missing = Assert.Throws<AvatarDataException>(() => InputFile.ReadAllBytes(Path.Combine(_folder, "none"), 1000, Errors));
        Assert.Equal(("ThingNotFound", AvatarErrorKind.NotFound), (missing.ErrorId, missing.Kind));

        var large = Path.Combine(_folder, "large");
        File.WriteAllBytes(large, new byte[1001]);
        var tooLarge = Assert.Throws<AvatarDataException>(() => InputFile.ReadAllBytes(large, 1000, Errors));
        Assert.Equal(("ThingTooLarge", AvatarErrorKind.InvalidData), (tooLarge.ErrorId, tooLarge.Kind));
        Assert.Contains("1001 bytes", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal(1001, InputFile.ReadAllBytes(large, 1001, Errors).Length);

        // Another process writing the file with exclusive access (an I/O error on open, as the issue saw): one error, named.
        using (new FileStream(large, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var locked = Assert.Throws<AvatarDataException>(() => InputFile.ReadAllBytes(large, 2000, Errors));
            Assert.Equal(("ThingUnreadable", AvatarErrorKind.ReadError), (locked.ErrorId, locked.Kind));
            Assert.IsAssignableFrom<IOException>(locked.InnerException);
        }
    }
}
