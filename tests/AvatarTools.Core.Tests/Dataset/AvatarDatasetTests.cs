using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Dataset;

public sealed class AvatarDatasetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("avatar-dataset-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteFrame(string clip, string name, string json)
    {
        var folder = Path.Combine(_root, "metadata", clip);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), json);
    }

    private const string Good = """{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "a", "task": "Single-Sound", "segmentation": [[0, 0, 4, 0, 4, 4]] } ] }""";

    [Fact]
    public void OrdersByClipIdOrdinallyThenByFrameIndex()
    {
        // Ordinal order puts '-' (0x2D) before digits and upper case before '_' (0x5F) and lower case.
        WriteFrame("b_x_00001", "00100.json", Good);
        WriteFrame("b_x_00001", "00020.json", Good);
        WriteFrame("B-x_00001", "00007.json", Good);
        WriteFrame("_a_00003", "00001.json", Good);
        WriteFrame("-z_00002", "00009.json", Good);
        var frames = AvatarDataset.Open(_root).ReadFrames().Select(r => r.Frame!).ToList();
        Assert.Equal(new[] { "-z_00002/9", "B-x_00001/7", "_a_00003/1", "b_x_00001/20", "b_x_00001/100" },
            frames.Select(f => $"{f.VideoId}/{f.FrameIndex}"));
    }

    [Fact]
    public void ABadFrameIsAFailedRecordAndTheOthersAreStillRead()
    {
        WriteFrame("clip_00001", "00001.json", Good);
        WriteFrame("clip_00001", "00002.json", "not json");
        WriteFrame("clip_00001", "00003.json", Good);
        WriteFrame("clip_00001", "notes.json", Good);
        var records = AvatarDataset.Open(_root).ReadFrames().ToList();
        Assert.Equal(4, records.Count);
        Assert.Equal(new[] { 1, 3 }, records.Where(r => r.Frame is not null).Select(r => r.Frame!.FrameIndex));
        var errors = records.Where(r => r.Error is not null).Select(r => r.Error!).ToList();
        Assert.Equal(new[] { "InvalidFrameJson", "InvalidFrameFileName" }, errors.Select(e => e.ErrorId));
        Assert.EndsWith("00002.json", errors[0].Path);
    }

    [Fact]
    public void AFolderThatIsNotAClipIdIsReported()
    {
        WriteFrame("notaclip", "00001.json", Good);
        var record = Assert.Single(AvatarDataset.Open(_root).ReadFrames());
        Assert.Equal("InvalidClipId", record.Error!.ErrorId);
    }

    [Fact]
    public void AMissingFolderOrOneWithoutMetadataIsRefused()
    {
        Assert.Equal("DatasetNotFound", Assert.Throws<AvatarDataException>(() => AvatarDataset.Open(Path.Combine(_root, "none"))).ErrorId);
        Assert.Equal("NotAnAvatarDataset", Assert.Throws<AvatarDataException>(() => AvatarDataset.Open(_root)).ErrorId);
    }

    [Fact]
    public void AcceptsTheMetadataFolderItselfAndFindsVideosInEitherPlace()
    {
        WriteFrame("clip_00001", "00001.json", Good);
        Directory.CreateDirectory(Path.Combine(_root, "video", "video"));
        File.WriteAllBytes(Path.Combine(_root, "video", "video", "clip_00001.mp4"), new byte[] { 0 });
        var dataset = AvatarDataset.Open(Path.Combine(_root, "metadata"));
        Assert.Equal(Path.GetFullPath(_root).TrimEnd(Path.DirectorySeparatorChar), dataset.Root);
        Assert.EndsWith(Path.Combine("video", "video", "clip_00001.mp4"), dataset.VideoPath("clip_00001"));
        Assert.Null(dataset.VideoPath("other_00001"));
    }

    [Fact]
    public void FrameRatesComeFromTheSidecar()
    {
        WriteFrame("clip_00001", "00050.json", Good);
        File.WriteAllText(Path.Combine(_root, AvatarDataset.FrameRatesFileName), "clip_id,fps\nclip_00001,25\n");
        var frame = AvatarDataset.Open(_root).ReadFrames().Single().Frame!;
        Assert.Equal(25, frame.FrameRate);
        Assert.Equal(2.0, frame.Time);
    }

    [Fact]
    public void AClipFilterSkipsOtherClipsBeforeReadingThem()
    {
        WriteFrame("a_00001", "00001.json", Good);
        WriteFrame("b_00001", "00001.json", "broken");
        var records = AvatarDataset.Open(_root).ReadFrames(id => id.StartsWith('a')).ToList();
        Assert.Equal("a_00001", Assert.Single(records).Frame!.VideoId);
    }
}
