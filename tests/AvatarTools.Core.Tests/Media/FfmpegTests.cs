using AvatarTools.Core.Dataset;
using AvatarTools.Core.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using Xunit.Abstractions;

namespace AvatarTools.Core.Tests.Media;

/// <summary>
/// Needs ffmpeg: without it each test returns early with a message, except when CI=true, where it fails.
/// </summary>
public sealed class FfmpegTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-ffmpeg-tests").FullName;

    public FfmpegTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void MissingExecutableSaysHowToInstall()
    {
        var error = Assert.Throws<AvatarDataException>(() => Ffmpeg.FromPath(Path.Combine(_folder, "no-ffmpeg")));
        Assert.Equal("FfmpegNotFound", error.ErrorId);
        Assert.Equal(AvatarErrorKind.NotAvailable, error.Kind);
        Assert.Contains("apt-get install ffmpeg", error.Message);
        Assert.Contains(Ffmpeg.EnvironmentVariable, error.Message);
    }

    [Fact]
    public async Task EncodesThenExtractsAudioAndFrames()
    {
        if (!TryGetFfmpeg(out var ffmpeg))
        {
            return;
        }
        var video = await MakeVideoAsync(ffmpeg);
        var info = Mp4Info.Read(video);
        Assert.Equal(10, info.FrameCount);

        // Audio: 16 kHz mono, trimmed to the video's duration (AAC adds priming samples).
        var wav = Path.Combine(_folder, "cache", "clip.wav");
        await ffmpeg.ExtractAudioAsync(video, wav);
        var clip = WavFile.Read(wav);
        Assert.Equal(16000, clip.SampleRate);
        Assert.InRange(clip.Samples.Length, 15000, (int)Math.Round(info.DurationSeconds * 16000));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(wav)!, "*.tmp.*"));

        // Frames through the pipe, by index: frame i has red = 20 i.
        var frames = new List<VideoFrame>();
        await foreach (var frame in ffmpeg.ReadFramesAsync(video, FrameSelection.ByIndex([7, 2])))
        {
            frames.Add(frame);
        }
        Assert.Equal(new[] { 2, 7 }, frames.Select(f => f.Index));
        Assert.All(frames, f => Assert.Equal((32, 32, 32 * 32 * 3), (f.Width, f.Height, f.Rgb24.Length)));
        Assert.InRange(frames[0].Rgb24[(16 * 32 + 16) * 3], 40 - 12, 40 + 12);
        Assert.InRange(frames[1].Rgb24[(16 * 32 + 16) * 3], 140 - 12, 140 + 12);

        // Frames to files, at a rate and by index.
        var atRate = await ffmpeg.ExtractFramesAsync(video, Path.Combine(_folder, "rate"), FrameSelection.AtRate(5), FrameImageFormat.Png);
        Assert.Equal(5, atRate.Count);
        var byIndex = await ffmpeg.ExtractFramesAsync(video, Path.Combine(_folder, "index"), FrameSelection.ByIndex([3, 9]));
        Assert.Equal(new[] { "00003.jpg", "00009.jpg" }, byIndex.Select(Path.GetFileName));
    }

    [Fact]
    public async Task FailuresCarryFfmpegsMessageAndCancellationStopsIt()
    {
        if (!TryGetFfmpeg(out var ffmpeg))
        {
            return;
        }
        var bogus = Path.Combine(_folder, "bogus.mp4");
        File.WriteAllText(bogus, "not a video");
        var error = await Assert.ThrowsAsync<AvatarDataException>(async () =>
        {
            await foreach (var frame in ffmpeg.ReadFramesAsync(bogus, FrameSelection.All))
            {
                _ = frame;
            }
        });
        Assert.Equal("FfmpegFailed", error.ErrorId);
        Assert.Equal(bogus, error.Path);
        Assert.Contains("exit code", error.Message);
        Assert.Equal("InvalidVideo", (await Assert.ThrowsAsync<AvatarDataException>(() => ffmpeg.ExtractAudioAsync(bogus, Path.Combine(_folder, "x.wav")))).ErrorId);

        var video = await MakeVideoAsync(ffmpeg);
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var frame in ffmpeg.ReadFramesAsync(video, FrameSelection.All, cancel.Token))
            {
                cancel.Cancel();
            }
        });
    }

    [Fact]
    public async Task ClipAudioSourcePrefersTheDatasetWavThenDecodesIntoTheCacheNotTheDataset()
    {
        var root = Path.Combine(_folder, "dataset");
        Directory.CreateDirectory(Path.Combine(root, "metadata", "abc_00001"));
        Directory.CreateDirectory(Path.Combine(root, "audio"));
        WavFile.Write(Path.Combine(root, "audio", "abc_00001.wav"), Enumerable.Repeat(0.5f, 8000).ToArray(), 8000);
        var dataset = AvatarDataset.Open(root);
        var cache = new MediaCache(Path.Combine(_folder, "cache"), root);
        var source = new ClipAudioSource(dataset, cache);
        var released = await source.LoadAsync("abc_00001");
        Assert.Equal(16000, released.SampleRate);
        Assert.Equal(16000, released.Samples.Length);
        Assert.Equal("AudioNotFound", (await Assert.ThrowsAsync<AvatarDataException>(() => source.LoadAsync("zzz_00002"))).ErrorId);

        if (!TryGetFfmpeg(out var ffmpeg))
        {
            return;
        }
        Directory.CreateDirectory(Path.Combine(root, "video", "video"));
        var video = Path.Combine(root, "video", "video", "xyz_00003.mp4");
        File.Copy(await MakeVideoAsync(ffmpeg), video);
        var before = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order().ToArray();
        var decoding = new ClipAudioSource(dataset, cache, new ClipDecoder(() => ffmpeg));
        Assert.Null(decoding.TryLoadExisting("xyz_00003", video));
        var decoded = await decoding.LoadAsync("xyz_00003");
        Assert.StartsWith(cache.Folder, decoding.CachePath("xyz_00003", video));
        Assert.True(File.Exists(decoding.CachePath("xyz_00003", video)));
        Assert.Equal(decoded.Samples, decoding.TryLoadExisting("xyz_00003", video)!.Samples);
        Assert.Equal(before, Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order().ToArray());
        Assert.InRange(decoded.Samples.Length, 15000, 16000);
    }

    private bool TryGetFfmpeg(out Ffmpeg ffmpeg)
    {
        if (Ffmpeg.TryLocate(out var found, out var reason))
        {
            ffmpeg = found;
            return true;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"ffmpeg is required when CI=true: {reason}");
        }
        _output.WriteLine($"SKIPPED: ffmpeg is not available ({reason}); install it (apt-get install ffmpeg) or set {Ffmpeg.EnvironmentVariable}.");
        ffmpeg = null!;
        return false;
    }

    // 10 frames of 32x32 at 10 fps (red = 20 · index) with 1 s of a 440 Hz tone.
    private async Task<string> MakeVideoAsync(Ffmpeg ffmpeg)
    {
        var frames = Path.Combine(_folder, "frames-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(frames);
        for (var i = 0; i < 10; i++)
        {
            using var image = new Image<Rgb24>(32, 32, new Rgb24((byte)(20 * i), 100, 50));
            await image.SaveAsPngAsync(Path.Combine(frames, $"{i:D5}.png"));
        }
        var wav = Path.Combine(frames, "tone.wav");
        WavFile.Write(wav, Enumerable.Range(0, 16000).Select(n => (float)(0.3 * Math.Sin(2 * Math.PI * 440 * n / 16000))).ToArray(), 16000);
        var video = Path.Combine(frames, "clip.mp4");
        await ffmpeg.EncodeVideoAsync(frames, "%05d.png", 10, wav, video);
        return video;
    }
}
