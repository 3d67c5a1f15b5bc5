using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Dataset;

/// <summary>The total a streaming command's progress counts towards: the labelled frames of the datasets seen.</summary>
public sealed class DatasetFrameTotalTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("frame-total-tests").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string Dataset(string name, params string[] files)
    {
        var root = Path.Combine(_parent, name);
        foreach (var file in files)
        {
            var path = Path.Combine(root, "metadata", file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "{}");
        }
        return root;
    }

    private static AvatarFrame Frame(string root, int index) =>
        new("clip_00001", index, 640, 360, Array.Empty<AvatarInstance>(), root, "m", "i", null);

    [Fact]
    public void Counts_each_dataset_once_and_never_below_the_frames_seen()
    {
        // Three frame files (notes.json is not one) in the first set, two in the second.
        var first = Dataset("first", "clip_00001/00001.json", "clip_00001/00002.json", "clip_00002/00007.json", "clip_00002/notes.json");
        var second = Dataset("second", "clip_00001/00001.json", "clip_00001/00003.json");
        var total = new DatasetFrameTotal();
        Assert.Equal(3, total.See(Frame(first, 1)));
        Assert.Equal(3, total.See(Frame(first, 2)));
        Assert.Equal(5, total.See(Frame(second, 1)));
        // Frames of an API-made set (no dataset on disk) count as they come.
        var nowhere = Path.Combine(_parent, "nowhere");
        for (var i = 0; i < 3; i++)
        {
            total.See(Frame(nowhere, i));
        }
        Assert.Equal(6, total.Total);
    }
}
