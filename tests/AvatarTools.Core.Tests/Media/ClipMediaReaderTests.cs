using AvatarTools.Core.Dataset;
using AvatarTools.Core.Media;
using Xunit;
using Xunit.Abstractions;

namespace AvatarTools.Core.Tests.Media;

/// <summary>
/// A clip in the release layout (metadata and video/video/&lt;clip&gt;.mp4 only): its media decoded by ffmpeg into
/// the cache, never into the dataset; read back from the cache without ffmpeg; and the errors of broken media.
/// The video has 10 frames of 32 x 32 at 10 fps whose red level is 20 · index, and 1 s of a 440 Hz tone at
/// amplitude 0.3. Needs ffmpeg: without it each test returns early with a message, except when CI=true.
/// </summary>
public sealed class ClipMediaReaderTests : IDisposable
{
    private const string Clip = "tone_clip_00001";
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-media-tests").FullName;
    private readonly string _root;
    private readonly string _video;

    public ClipMediaReaderTests(ITestOutputHelper output)
    {
        _output = output;
        _root = Path.Combine(_folder, "release");
        _video = Path.Combine(_root, "video", "video", Clip + ".mp4");
        var metadata = Path.Combine(_root, "metadata", Clip);
        Directory.CreateDirectory(metadata);
        foreach (var index in new[] { 2, 7 })
        {
            File.WriteAllText(Path.Combine(metadata, $"{index:D5}.json"),
                """{ "original_width": 32, "original_height": 32, "annotations": [ { "audio_visual_category": "x", "task": "Single-Sound", "segmentation": [[0, 0, 8, 0, 8, 8]] } ] }""");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private MediaCache Cache => new(Path.Combine(_folder, "cache"), _root);

    // A decoder that cannot find ffmpeg: a PATH with one empty folder, and no AVATARTOOLS_FFMPEG.
    private ClipDecoder NoFfmpeg()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty-bin")).FullName;
        return new ClipDecoder(() => Ffmpeg.Locate(name => name == "PATH" ? empty : null));
    }

    private string[] DatasetFiles() => Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task AudioIsDecodedOnceIntoTheCacheAndReadBackWithoutFfmpeg()
    {
        if (!await WriteVideoAsync())
        {
            return;
        }
        var before = DatasetFiles();
        var reader = new ClipMediaReader(AvatarDataset.Open(_root), Cache);
        var loaded = await reader.LoadAsync(Clip, audio: true, frameRate: null, planFrames: null);
        var audio = loaded.Audio!;
        Assert.Equal(16000, audio.SampleRate);
        // Trimmed to the video's duration: 1 s at 16 kHz.
        Assert.Equal(16000, audio.Samples.Length);
        // A 0.3-amplitude sine has an RMS of 0.3 / sqrt(2) = 0.212 and 880 zero crossings per second, 660 in the 0.75 s counted (AAC is lossy: a margin).
        var rms = Math.Sqrt(audio.Samples.Skip(2000).Take(12000).Average(x => (double)x * x));
        Assert.InRange(rms, 0.19, 0.23);
        var crossings = Enumerable.Range(2001, 12000).Count(n => Math.Sign(audio.Samples[n]) != Math.Sign(audio.Samples[n - 1]));
        Assert.InRange(crossings, 660 - 10, 660 + 10);
        Assert.Equal(before, DatasetFiles());
        var entry = reader.Audio.CachePath(Clip, _video)!;
        Assert.True(File.Exists(entry));
        Assert.InRange(new FileInfo(entry).Length, 100, 2 * 16000);
        Assert.Equal(new FileInfo(entry).Length, reader.Audio.CachedBytes(Clip, _video));

        // The same samples from the cache alone.
        var again = await new ClipMediaReader(AvatarDataset.Open(_root), Cache, NoFfmpeg()).LoadAsync(Clip, audio: true, frameRate: null, planFrames: null);
        Assert.Equal(audio.Samples, again.Audio!.Samples);
    }

    [Fact]
    public async Task FramesAreDecodedByIndexAtTheModelsSizeAndKeptCompactly()
    {
        if (!await WriteVideoAsync())
        {
            return;
        }
        var request = new FrameRequest([2, 7], new FrameScale(16, ShortSideCenterCrop: false, FrameFilter.Bilinear));
        ClipTiming? seen = null;
        var reader = new ClipMediaReader(AvatarDataset.Open(_root), Cache);
        var loaded = await reader.LoadAsync(Clip, audio: true, frameRate: null, timing =>
        {
            seen = timing;
            return request;
        });
        // The timing comes from the mp4 header: 10 frames at 10 fps.
        Assert.Equal(new ClipTiming(10, 10), seen);
        Assert.Equal(new ClipTiming(10, 10), loaded.Timing);
        Assert.False(loaded.Frames!.AreFiles);
        foreach (var index in new[] { 2, 7 })
        {
            var frame = loaded.Frames.PixelsOf(index)!;
            Assert.Equal((16, 16, 16 * 16 * 3), (frame.Width, frame.Height, frame.Rgb24.Length));
            // Frame i is a flat colour with red 20 i, green 100, blue 50 (within the loss of H.264 and 4:2:0).
            var centre = ((8 * 16) + 8) * 3;
            Assert.InRange(frame.Rgb24[centre], (20 * index) - 12, (20 * index) + 12);
            Assert.InRange(frame.Rgb24[centre + 1], 100 - 12, 100 + 12);
        }
        Assert.Null(loaded.Frames.PixelsOf(3));
        var entry = reader.Frames.CachePath(Clip, _video, request)!;
        Assert.True(new FileInfo(entry).Length < 2 * 16 * 16 * 3);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(Cache.Folder, "frames")).Length + Directory.GetFiles(Path.Combine(Cache.Folder, "audio")).Length);

        var again = await new ClipMediaReader(AvatarDataset.Open(_root), Cache, NoFfmpeg()).LoadAsync(Clip, audio: true, frameRate: null, _ => request);
        Assert.Equal(loaded.Frames.PixelsOf(7)!.Rgb24, again.Frames!.PixelsOf(7)!.Rgb24);
    }

    [Fact]
    public async Task ShortSideCenterCropKeepsTheMiddleAndSquashKeepsAll()
    {
        // 64 x 32 frames: blue columns 0-15, green 16-47, red 48-63. Short side to 16 gives 32 x 16 (blue 0-7,
        // green 8-23, red 24-31); the centre 16 x 16 crop starts at round((32 - 16) / 2) = 8: all green.
        if (!TryGetFfmpeg(out var ffmpeg))
        {
            return;
        }
        var pixels = new byte[64 * 32 * 3];
        for (var y = 0; y < 32; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                var channel = x < 16 ? 2 : x < 48 ? 1 : 0;
                pixels[(((y * 64) + x) * 3) + channel] = 200;
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(_video)!);
        await ffmpeg.EncodeVideoAsync(64, 32, 4, _ => pixels, 10, null, _video);
        var reader = new ClipMediaReader(AvatarDataset.Open(_root), null, new ClipDecoder(() => ffmpeg));
        var crop = (await reader.LoadAsync(Clip, audio: false, 10, _ => new FrameRequest([1], new FrameScale(16, true, FrameFilter.Bilinear)))).Frames!.PixelsOf(1)!;
        var squash = (await reader.LoadAsync(Clip, audio: false, 10, _ => new FrameRequest([1], new FrameScale(16, false, FrameFilter.Bilinear)))).Frames!.PixelsOf(1)!;
        byte At(VideoFrame frame, int x, int channel) => frame.Rgb24[(((8 * 16) + x) * 3) + channel];
        foreach (var x in new[] { 1, 8, 14 })
        {
            Assert.True(At(crop, x, 1) > 150 && At(crop, x, 0) < 50 && At(crop, x, 2) < 50, $"crop column {x} is green");
        }
        // Squashed, the whole width is kept: blue on the left (columns 0-3), red on the right (12-15).
        Assert.True(At(squash, 1, 2) > 150, "squash keeps the blue band");
        Assert.True(At(squash, 14, 0) > 150, "squash keeps the red band");
    }

    [Fact]
    public async Task ACorruptVideoIsInvalidVideoWithFfmpegsOwnMessage()
    {
        if (!TryGetFfmpeg(out _))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(_video)!);
        File.WriteAllText(_video, "not a video at all");
        var reader = new ClipMediaReader(AvatarDataset.Open(_root), Cache);
        var audio = await Assert.ThrowsAsync<AvatarDataException>(() => reader.LoadAsync(Clip, audio: true, frameRate: null, planFrames: null));
        var frames = await Assert.ThrowsAsync<AvatarDataException>(() => reader.LoadAsync(Clip, audio: true, frameRate: 25, _ => new FrameRequest([0], new FrameScale(8, false, FrameFilter.Bilinear))));
        foreach (var error in new[] { audio, frames })
        {
            Assert.Equal("InvalidVideo", error.ErrorId);
            Assert.Equal(_video, error.Path);
            // ffmpeg's words for a file that is not a video.
            Assert.Contains("Invalid data found when processing input", error.Message);
        }
        Assert.False(Directory.Exists(Path.Combine(Cache.Folder, "audio")) && Directory.EnumerateFileSystemEntries(Path.Combine(Cache.Folder, "audio")).Any());
    }

    [Fact]
    public async Task AVideoCutShortIsInvalidVideoThoughFfmpegExitsWithZero()
    {
        if (!await WriteVideoAsync(seconds: 4))
        {
            return;
        }
        var bytes = File.ReadAllBytes(_video);
        File.WriteAllBytes(_video, bytes.AsSpan(0, bytes.Length / 3).ToArray());
        var reader = new ClipMediaReader(AvatarDataset.Open(_root), Cache);
        var error = await Assert.ThrowsAsync<AvatarDataException>(() => reader.LoadAsync(Clip, audio: true, frameRate: null, planFrames: null));
        Assert.Equal("InvalidVideo", error.ErrorId);
        Assert.Contains("decoded only", error.Message);
        Assert.Contains("of its 4 s of audio", error.Message);
    }

    [Fact]
    public async Task WithoutFfmpegTheErrorSaysHowToGetIt()
    {
        if (!await WriteVideoAsync())
        {
            return;
        }
        var reader = new ClipMediaReader(AvatarDataset.Open(_root), Cache, NoFfmpeg());
        var error = await Assert.ThrowsAsync<AvatarDataException>(() => reader.LoadAsync(Clip, audio: true, frameRate: null, planFrames: null));
        Assert.Equal("FfmpegNotFound", error.ErrorId);
        Assert.Equal(AvatarErrorKind.NotAvailable, error.Kind);
        Assert.Contains("not found on the PATH", error.Message);
        Assert.Contains("apt-get install ffmpeg", error.Message);
    }

    [Fact]
    public async Task TheUsersFilesComeFirstAndATruncatedWavIsNamed()
    {
        // No video and no ffmpeg needed: the dataset's own audio/ WAV, cut short.
        var audio = Directory.CreateDirectory(Path.Combine(_root, "audio")).FullName;
        var wav = Path.Combine(audio, Clip + ".wav");
        var whole = new MemoryStream();
        WavFile.Write(whole, new float[16000], 16000);
        File.WriteAllBytes(wav, whole.ToArray().AsSpan(0, 44 + 1000).ToArray());
        var reader = new ClipMediaReader(AvatarDataset.Open(_root), Cache, NoFfmpeg());
        var error = await Assert.ThrowsAsync<AvatarDataException>(() => reader.LoadAsync(Clip, audio: true, frameRate: null, planFrames: null));
        Assert.Equal("TruncatedWav", error.ErrorId);
        Assert.Equal(wav, error.Path);

        WavFile.Write(wav, Enumerable.Repeat(0.25f, 8000).ToArray(), 8000);
        var loaded = await reader.LoadAsync(Clip, audio: true, frameRate: null, planFrames: null);
        Assert.Equal(16000, loaded.Audio!.Samples.Length);
        Assert.All(loaded.Audio.Samples, s => Assert.Equal(0.25f, s, 1e-3));
        Assert.False(Directory.Exists(Cache.Folder));
    }

    [Fact]
    public void FramesThatCompressPoorlyAreNotKept()
    {
        // Random pixels do not compress: 6 frames of 112 x 112 RGB are 225,792 bytes, over a budget of 200 kB.
        Directory.CreateDirectory(Path.GetDirectoryName(_video)!);
        File.WriteAllText(_video, "stands for the video; only its fingerprint is used");
        var source = new ClipFrameSource(AvatarDataset.Open(_root), Cache);
        var scale = new FrameScale(112, false, FrameFilter.Bilinear);
        var random = new Random(3);
        VideoFrame Noise(int index) => new(index, 112, 112, Enumerable.Range(0, 112 * 112 * 3).Select(_ => (byte)random.Next(256)).ToArray());
        var noisy = new FrameRequest([0, 1, 2, 3, 4, 5], scale);
        Assert.False(source.Store(Clip, _video, noisy, noisy.Indices.Select(Noise).ToArray(), budgetBytes: 200 * 1024));
        Assert.False(File.Exists(source.CachePath(Clip, _video, noisy)));

        var flat = new FrameRequest([0, 1, 2, 3, 4, 5], new FrameScale(112, true, FrameFilter.Bilinear));
        var frames = flat.Indices.Select(index => new VideoFrame(index, 112, 112, new byte[112 * 112 * 3])).ToArray();
        Assert.True(source.Store(Clip, _video, flat, frames, budgetBytes: 200 * 1024));
        Assert.InRange(new FileInfo(source.CachePath(Clip, _video, flat)!).Length, 1, 200 * 1024);
        Assert.Equal(frames[5].Rgb24, source.TryLoadCached(Clip, _video, flat)![5].Rgb24);
        Assert.Null(source.TryLoadCached(Clip, _video, flat with { Indices = [0, 1] }));
    }

    [Fact]
    public async Task NeitherAudioNorVideoIsAudioNotFound()
    {
        var reader = new ClipMediaReader(AvatarDataset.Open(_root), Cache, NoFfmpeg());
        Assert.Equal("AudioNotFound", (await Assert.ThrowsAsync<AvatarDataException>(() => reader.LoadAsync(Clip, true, null, null))).ErrorId);
        Assert.Equal("ClipFramesNotFound", (await Assert.ThrowsAsync<AvatarDataException>(() =>
            reader.LoadAsync(Clip, false, 10, _ => new FrameRequest([0], new FrameScale(8, false, FrameFilter.Bilinear))))).ErrorId);
    }

    // 10 fps, red = 20 · index (wrapping past 255 is not reached below 13 frames), a 440 Hz tone of the same length.
    private async Task<bool> WriteVideoAsync(int seconds = 1)
    {
        if (!TryGetFfmpeg(out var ffmpeg))
        {
            return false;
        }
        var count = 10 * seconds;
        var wav = Path.Combine(_folder, "tone.wav");
        WavFile.Write(wav, Enumerable.Range(0, 16000 * seconds).Select(n => (float)(0.3 * Math.Sin(2 * Math.PI * 440 * n / 16000))).ToArray(), 16000);
        Directory.CreateDirectory(Path.GetDirectoryName(_video)!);
        await ffmpeg.EncodeVideoAsync(32, 32, count, index =>
        {
            var pixels = new byte[32 * 32 * 3];
            for (var p = 0; p < pixels.Length; p += 3)
            {
                (pixels[p], pixels[p + 1], pixels[p + 2]) = ((byte)(20 * index % 256), 100, 50);
            }
            return pixels;
        }, 10, wav, _video);
        File.Delete(wav);
        return true;
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
}
