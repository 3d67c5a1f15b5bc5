using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using Xunit;

namespace AvatarTools.Core.Tests.Heatmaps;

/// <summary>Negative-audio maps are written to a folder per condition and repeat, and read back with their condition.</summary>
public sealed class AudioConditionFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("avatar-conditions-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static AvatarFrame Frame(string clip, int index) => new(clip, index, 4, 4, Array.Empty<AvatarInstance>(), "", "", "", 25);

    private static Heatmap Map(float value) => new(1, 2, new[] { value, value + 1 });

    [Fact]
    public void WritesEachConditionAndRepeatToItsOwnFolderWithASidecar()
    {
        var writer = new HeatmapWriter(_root);
        var a = Frame("a_00001", 3);
        var b = Frame("b_00002", 7);
        writer.Write(new Localization(a, "m", Map(1)));
        writer.Write(new Localization(a, "m", Map(2)) { Condition = AudioCondition.Silence });
        writer.Write(new Localization(a, "m", Map(3)) { Condition = AudioCondition.OffScreen, DonorClip = "z_00009", Seed = 4 });
        writer.Write(new Localization(b, "m", Map(4)) { Condition = AudioCondition.OffScreen, DonorClip = "y_00008", Seed = 4 });
        writer.Write(new Localization(a, "m", Map(5)) { Condition = AudioCondition.OffScreen, DonorClip = "x_00007", Seed = 5, Repeat = 1 });
        var sidecars = writer.Complete();

        Assert.True(File.Exists(Path.Combine(_root, "a_00001", "00003.npy")));
        Assert.True(File.Exists(Path.Combine(_root, "Silence", "a_00001", "00003.npy")));
        Assert.True(File.Exists(Path.Combine(_root, "OffScreen", "b_00002", "00007.npy")));
        Assert.True(File.Exists(Path.Combine(_root, "OffScreen-1", "a_00001", "00003.npy")));
        Assert.Equal(3, sidecars.Count);
        Assert.False(File.Exists(Path.Combine(_root, AudioConditionFile.FileName)));

        Assert.Null(AudioConditionFile.Read(_root));
        var offScreen = AudioConditionFile.Read(Path.Combine(_root, "OffScreen"))!;
        Assert.Equal(("m", AudioCondition.OffScreen, (int?)4, 0), (offScreen.Model, offScreen.Condition, offScreen.Seed, offScreen.Repeat));
        var read = offScreen.Apply(new Localization(b, "m", new HeatmapStore(Path.Combine(_root, "OffScreen")).Read(b)));
        Assert.Equal((AudioCondition.OffScreen, "y_00008", (int?)4), (read.Condition, read.DonorClip, read.Seed));
        Assert.Equal(new[] { 4f, 5f }, read.Heatmap.Values.ToArray());
        var repeat = AudioConditionFile.Read(Path.Combine(_root, "OffScreen-1"))!;
        Assert.Equal((1, (int?)5), (repeat.Repeat, repeat.Seed));
        var silence = AudioConditionFile.Read(Path.Combine(_root, "Silence"))!;
        Assert.Equal((AudioCondition.Silence, (int?)null), (silence.Condition, silence.Seed));
        Assert.Empty(silence.Donors);
    }

    [Fact]
    public void PerModelFoldersHoldTheirConditions()
    {
        var writer = new HeatmapWriter(_root, perModel: true);
        writer.Write(new Localization(Frame("a_00001", 3), "m1", Map(1)) { Condition = AudioCondition.Noise, Seed = 0 });
        writer.Complete();
        Assert.True(File.Exists(Path.Combine(_root, "m1", "Noise", "a_00001", "00003.npy")));
        Assert.Equal("m1", AudioConditionFile.Read(Path.Combine(_root, "m1", "Noise"))!.Model);
    }

    [Fact]
    public void ABadSidecarIsAnErrorNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_root, AudioConditionFile.FileName), """{"model": "m", "condition": "Loud"}""");
        var error = Assert.Throws<AvatarDataException>(() => AudioConditionFile.Read(_root));
        Assert.Equal("AudioConditionFileInvalid", error.ErrorId);
        Assert.Contains("Loud", error.Message);
        Assert.Equal(Path.Combine(_root, AudioConditionFile.FileName), error.Path);
    }
}
