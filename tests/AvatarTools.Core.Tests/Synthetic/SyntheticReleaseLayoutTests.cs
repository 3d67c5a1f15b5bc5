using AvatarTools.Core.Dataset;
using AvatarTools.Core.Media;
using AvatarTools.Core.Synthetic;
using Xunit;
using Xunit.Abstractions;

namespace AvatarTools.Core.Tests.Synthetic;

/// <summary>The release layout: exactly the download's files, videos encoded from the rendered pixels.</summary>
public sealed class SyntheticReleaseLayoutTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-release-").FullName;

    public SyntheticReleaseLayoutTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void MetadataOnlyOrNoVideoCannotBeTheReleaseLayout()
    {
        var writer = new SyntheticSetWriter();
        Assert.Throws<ArgumentException>(() => writer.Write(Path.Combine(_folder, "a"), new SyntheticSetOptions(ClipCount: 1, MetadataOnly: true, Layout: SyntheticLayout.Release)));
        Assert.Throws<ArgumentException>(() => writer.Write(Path.Combine(_folder, "b"), new SyntheticSetOptions(ClipCount: 1, WriteVideo: false, Layout: SyntheticLayout.Release)));
        Assert.False(Directory.Exists(Path.Combine(_folder, "a")));
    }

    [Fact]
    public void WritesOnlyMetadataAndVideoVideoMp4s()
    {
        if (!Ffmpeg.TryLocate(out _, out var reason))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"ffmpeg is required when CI=true: {reason}");
            }
            _output.WriteLine($"SKIPPED: ffmpeg is not available ({reason})");
            return;
        }
        var root = Path.Combine(_folder, "release");
        var result = new SyntheticSetWriter().Write(root, new SyntheticSetOptions(ClipCount: 2, FrameRate: 25, Layout: SyntheticLayout.Release));
        Assert.Equal(SyntheticLayout.Release, result.Layout);
        Assert.True(result.VideoWritten);
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(root, file).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        var dataset = AvatarDataset.Open(root);
        var expected = result.ClipIds.SelectMany(clip => dataset.LabelledFrames(clip)
                .SelectMany(index => new[] { $"metadata/{clip}/{index:D5}.jpg", $"metadata/{clip}/{index:D5}.json" })
                .Append($"video/video/{clip}.mp4"))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, files);
        Assert.Equal(result.FrameCount, files.Count(file => file.EndsWith(".json", StringComparison.Ordinal)));
        // 10 s at 25 fps, read from the header as a user's Get-AvatarFrame does.
        var header = Mp4Info.Read(Path.Combine(root, "video", "video", result.ClipIds[0] + ".mp4"));
        Assert.Equal(250, header.FrameCount);
        Assert.Equal(25, header.FrameRate, 6);
    }
}
