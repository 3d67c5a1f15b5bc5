using System.Diagnostics;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Synthetic;
using Xunit;
using Xunit.Abstractions;

namespace AvatarTools.Core.Tests.Synthetic;

public sealed class SyntheticSetScaleTests
{
    private readonly ITestOutputHelper _output;

    public SyntheticSetScaleTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void MetadataOnlyAtFullScaleHasAvatarsFrameCountAndMix()
    {
        var root = NewRoot();
        try
        {
            var watch = Stopwatch.StartNew();
            var result = new SyntheticSetWriter().Write(root, new SyntheticSetOptions(ClipCount: 5000, MetadataOnly: true));
            var written = watch.Elapsed;
            var counts = result.CountsPerScenario;
            _output.WriteLine($"5000 clips metadata-only in {written.TotalSeconds:F2} s: frames {result.FrameCount}, off-screen frames {result.OffScreenFrameCount}, " +
                $"cross-event {result.CrossEventClipIds.Count}, Single {counts[AvatarScenario.SingleSound]}, Multi {counts[AvatarScenario.MultiEntity]}, " +
                $"Mixed {counts[AvatarScenario.MixedSound]}, Off-Screen instances {counts[AvatarScenario.OffScreen]}");

            Assert.Equal(24_266, result.FrameCount);
            Assert.Equal(24_266, Directory.GetFiles(Path.Combine(root, "metadata"), "*.json", SearchOption.AllDirectories).Length);
            Assert.Equal(5000, Directory.GetDirectories(Path.Combine(root, "metadata")).Length);
            Assert.Equal(5000, FrameRateTable.Read(Path.Combine(root, "frame_rates.csv")).Count);
            Assert.InRange(result.OffScreenFrameCount, 570, 770);
            Assert.InRange(result.CrossEventClipIds.Count, 380, 520);
            var onScreen = counts[AvatarScenario.SingleSound] + counts[AvatarScenario.MultiEntity] + counts[AvatarScenario.MixedSound];
            Assert.InRange(counts[AvatarScenario.SingleSound] / (double)onScreen, 0.49, 0.59);
            Assert.InRange(counts[AvatarScenario.MultiEntity] / (double)onScreen, 0.28, 0.38);
            Assert.InRange(counts[AvatarScenario.MixedSound] / (double)onScreen, 0.10, 0.17);

            watch.Restart();
            var frames = AvatarDataset.Open(root).ReadFrames().ToList();
            _output.WriteLine($"read back in {watch.Elapsed.TotalSeconds:F2} s");
            Assert.All(frames, record => Assert.Null(record.Error));
            Assert.Equal(result.CrossEventClipIds.Count, CrossEventSelector.CrossEventClips(frames.Select(record => record.Frame!)).Count);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void SameSeedGivesIdenticalBytesAndAnotherSeedDiffers()
    {
        var first = NewRoot();
        var second = NewRoot();
        var other = NewRoot();
        try
        {
            var options = new SyntheticSetOptions(ClipCount: 2, WriteVideo: false);
            var a = new SyntheticSetWriter().Write(first, options);
            var b = new SyntheticSetWriter().Write(second, options);
            var c = new SyntheticSetWriter().Write(other, options with { Seed = 2 });
            Assert.Equal(a.ClipIds, b.ClipIds);
            Assert.NotEqual(a.ClipIds, c.ClipIds);
            foreach (var relative in Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(first, path)))
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(first, relative)), File.ReadAllBytes(Path.Combine(second, relative)));
            }
            Assert.Equal(Directory.GetFiles(first, "*", SearchOption.AllDirectories).Length, Directory.GetFiles(second, "*", SearchOption.AllDirectories).Length);

            // Another seed: compare the first JSON, labelled JPEG and WAV of the first clip of each set.
            var jsonA = Directory.GetFiles(Path.Combine(first, "metadata", a.ClipIds[0]), "*.json").Order().First();
            var jsonC = Directory.GetFiles(Path.Combine(other, "metadata", c.ClipIds[0]), "*.json").Order().First();
            Assert.NotEqual(File.ReadAllBytes(jsonA), File.ReadAllBytes(jsonC));
            Assert.NotEqual(File.ReadAllBytes(Path.ChangeExtension(jsonA, ".jpg")), File.ReadAllBytes(Path.ChangeExtension(jsonC, ".jpg")));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, "audio", a.ClipIds[0] + ".wav")), File.ReadAllBytes(Path.Combine(other, "audio", c.ClipIds[0] + ".wav")));
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void RefusesANonEmptyRootAndTooShortClipsAndMissingFfmpeg()
    {
        var root = NewRoot();
        try
        {
            new SyntheticSetWriter().Write(root, new SyntheticSetOptions(ClipCount: 1, MetadataOnly: true));
            var error = Assert.Throws<AvatarDataException>(() => new SyntheticSetWriter().Write(root, new SyntheticSetOptions(ClipCount: 1, MetadataOnly: true)));
            Assert.Equal("SyntheticRootNotEmpty", error.ErrorId);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticSetWriter().Write(NewRoot(), new SyntheticSetOptions(DurationSeconds: 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticSetWriter().Write(NewRoot(), new SyntheticSetOptions(ClipCount: 0)));
        var missing = Assert.Throws<AvatarDataException>(() =>
            new SyntheticSetWriter(Path.Combine(NewRoot(), "no-ffmpeg")).Write(NewRoot(), new SyntheticSetOptions(ClipCount: 1, WriteVideo: true)));
        Assert.Equal("FfmpegNotFound", missing.ErrorId);
    }

    [Fact]
    public void ReportsProgressPerClipAndStopsWhenCancelled()
    {
        var root = NewRoot();
        try
        {
            var reports = new List<int>();
            new SyntheticSetWriter().Write(root, new SyntheticSetOptions(ClipCount: 40, MetadataOnly: true), new SynchronousProgress(reports.Add));
            Assert.Equal(Enumerable.Range(1, 40), reports);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        var cancelled = NewRoot();
        try
        {
            using var source = new CancellationTokenSource();
            source.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => new SyntheticSetWriter().Write(cancelled, new SyntheticSetOptions(ClipCount: 2, WriteVideo: false), null, source.Token));
        }
        finally
        {
            if (Directory.Exists(cancelled))
            {
                Directory.Delete(cancelled, recursive: true);
            }
        }
    }

    [Fact]
    public void RunsFfmpegOnTheFramesAndTheWav()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        var root = NewRoot();
        var tools = NewRoot();
        try
        {
            // A stand-in ffmpeg that lists libx264 and records its arguments beside the output it creates.
            Directory.CreateDirectory(tools);
            var fake = Path.Combine(tools, "ffmpeg");
            File.WriteAllText(fake, "#!/bin/sh\ncase \" $* \" in *' -encoders '*) echo ' V....D libx264              libx264 H.264'; exit 0;; esac\n" +
                "for last; do :; done\necho \"$@\" > \"$last.args\"\n: > \"$last\"\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var result = new SyntheticSetWriter(fake).Write(root, new SyntheticSetOptions(ClipCount: 1, WriteVideo: true));
            Assert.True(result.VideoWritten);
            var id = result.ClipIds[0];
            Assert.True(File.Exists(Path.Combine(root, "video", id + ".mp4")));
            // The stand-in wrote its arguments beside the temporary file it was given, which was then moved into place.
            var arguments = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(root, "video"), "*.args"))).Trim();
            var frames = Path.Combine(root, "frames", id, "%05d.jpg");
            var wav = Path.Combine(root, "audio", id + ".wav");
            Assert.Contains($"-framerate 10 -start_number 0 -f image2 -i {frames} -i {wav}", arguments);
            Assert.Contains("-c:a aac", arguments);
            Assert.Contains("-c:v libx264", arguments);
            Assert.Contains("-pix_fmt yuv420p", arguments);
            Assert.NotNull(AvatarDataset.Open(root).VideoPath(id));

            // A failing ffmpeg surfaces as one error that names the video and carries ffmpeg's message.
            File.WriteAllText(fake, "#!/bin/sh\ncase \" $* \" in *' -encoders '*) exit 0;; esac\necho 'Unknown encoder mpeg4' >&2\nexit 1\n");
            var failed = NewRoot();
            var error = Assert.Throws<AvatarDataException>(() => new SyntheticSetWriter(fake).Write(failed, new SyntheticSetOptions(ClipCount: 1, WriteVideo: true)));
            Directory.Delete(failed, recursive: true);
            Assert.Equal("FfmpegFailed", error.ErrorId);
            Assert.Contains("Unknown encoder mpeg4", error.Message);
            Assert.EndsWith(".mp4", error.Path);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(tools, recursive: true);
        }
    }

    private static string NewRoot() => Path.Combine(Path.GetTempPath(), "avatar-synthetic-" + Guid.NewGuid().ToString("N"));

    private sealed class SynchronousProgress : IProgress<int>
    {
        private readonly Action<int> _report;

        public SynchronousProgress(Action<int> report) => _report = report;

        public void Report(int value) => _report(value);
    }
}
