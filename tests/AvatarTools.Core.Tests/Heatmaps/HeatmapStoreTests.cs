using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using Xunit;

namespace AvatarTools.Core.Tests.Heatmaps;

public sealed class HeatmapStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "store-tests-" + Guid.NewGuid().ToString("N"));

    public HeatmapStoreTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static AvatarFrame Frame(string clip, int index, double? fps = 25) =>
        new(clip, index, 640, 360, Array.Empty<AvatarInstance>(), "", "", "", fps);

    private static Heatmap Constant(float value) => new(2, 2, new[] { value, value, value, value + 1 });

    [Fact]
    public void FindsPerFrameFilesInClipFolders()
    {
        var frame = Frame("abc_00010", 42);
        var path = new HeatmapWriter(_folder).Write(new Localization(frame, "m", Constant(3)));
        Assert.Equal(Path.Combine(_folder, "abc_00010", "00042.npy"), path);
        Assert.Equal(3f, new HeatmapStore(_folder).Read(frame)[0, 0]);
    }

    [Fact]
    public void FindsFlatPerFrameFiles()
    {
        NpyWriter.Write(Path.Combine(_folder, "a_b_00003_00007.npy"), Constant(5));
        Assert.Equal(5f, new HeatmapStore(_folder).Read(Frame("a_b_00003", 7))[0, 0]);
    }

    [Fact]
    public void InterpolatesPerClipArraysInTime()
    {
        // Samples at 5 per second: sample t at t / 5 s, values 0, 10, 20, 30.
        NpyWriter.WriteSequence(Path.Combine(_folder, "clip_00000.npy"), new[] { Constant(0), Constant(10), Constant(20), Constant(30) });
        var store = new HeatmapStore(_folder, sampleRate: 5);
        // Frame 10 at 25 fps: 0.4 s → position 2.0 → sample 2 exactly.
        Assert.Equal(20f, store.Read(Frame("clip_00000", 10))[0, 0]);
        // Frame 11: 0.44 s → position 2.2 → 0.8 · 20 + 0.2 · 30 = 22.
        Assert.Equal(22f, store.Read(Frame("clip_00000", 11))[0, 0], 4);
        Assert.Equal(23f, store.Read(Frame("clip_00000", 11))[1, 1], 4);
        // Clamped at the ends.
        Assert.Equal(30f, store.Read(Frame("clip_00000", 250))[0, 0]);
        Assert.Equal(0f, store.Read(Frame("clip_00000", 0))[0, 0]);
    }

    [Fact]
    public void ReportsWhatIsMissing()
    {
        var missing = Assert.Throws<AvatarDataException>(() => new HeatmapStore(_folder).Read(Frame("none_00000", 1)));
        Assert.Equal("HeatmapNotFound", missing.ErrorId);

        NpyWriter.WriteSequence(Path.Combine(_folder, "clip_00001.npy"), new[] { Constant(0) });
        Assert.Equal("HeatmapSampleRateRequired", Assert.Throws<AvatarDataException>(() => new HeatmapStore(_folder).Read(Frame("clip_00001", 1))).ErrorId);
        Assert.Equal("FrameTimeUnknown", Assert.Throws<AvatarDataException>(() => new HeatmapStore(_folder, 8).Read(Frame("clip_00001", 1, null))).ErrorId);
    }

    [Fact]
    public async Task AFifoWhereAMapIsLookedForIsRefusedNotOpened()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "abc_00010"));
        var fifo = Path.Combine(_folder, "abc_00010", "00001.npy");
        if (!IO.SpecialFiles.TryMakeFifo(fifo))
        {
            return;
        }
        var store = new HeatmapStore(_folder);
        var read = Task.Run(() => Record.Exception(() => store.Read(Frame("abc_00010", 1))));
        Assert.True(await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))) == read, "reading a FIFO hung");
        var error = Assert.IsType<AvatarDataException>(await read);
        Assert.Equal("NotARegularFile", error.ErrorId);
        Assert.Equal(fifo, error.Path);
    }

    [Fact]
    public void AFolderNamedLikeAMapIsRefusedAndTheOtherFramesAreRead()
    {
        var writer = new HeatmapWriter(_folder);
        writer.Write(new Localization(Frame("abc_00010", 2), "m", Constant(7)));
        Directory.CreateDirectory(Path.Combine(_folder, "abc_00010", "00001.npy"));
        var store = new HeatmapStore(_folder);
        Assert.Equal("NotARegularFile", Assert.Throws<AvatarDataException>(() => store.Read(Frame("abc_00010", 1))).ErrorId);
        Assert.Equal(7f, store.Read(Frame("abc_00010", 2))[0, 0]);
    }

    [Fact]
    public void AFileLockedByAWriterIsUnreadableNotFatal()
    {
        var path = new HeatmapWriter(_folder).Write(new Localization(Frame("abc_00010", 3), "m", Constant(1)));
        using var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var error = Assert.Throws<AvatarDataException>(() => new HeatmapStore(_folder).Read(Frame("abc_00010", 3)));
        Assert.Equal(("HeatmapUnreadable", AvatarErrorKind.ReadError), (error.ErrorId, error.Kind));
    }

    [Fact]
    public void ClipIdsFromDataAreMappedTheSameWayOnBothSides()
    {
        var frame = Frame("../../evil_00001", 4);
        var path = new HeatmapWriter(_folder).Write(new Localization(frame, "m", Constant(2)));
        Assert.Equal(Path.Combine(_folder, "%2E.%2F..%2Fevil_00001", "00004.npy"), path);
        Assert.Equal(2f, new HeatmapStore(_folder).Read(frame)[0, 0]);
    }
}
