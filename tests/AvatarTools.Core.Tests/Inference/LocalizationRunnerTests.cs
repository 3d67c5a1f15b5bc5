using AvatarTools.Core.Dataset;
using AvatarTools.Core.Features;
using AvatarTools.Core.Inference;
using AvatarTools.Core.Inference.Onnx;
using AvatarTools.Core.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace AvatarTools.Core.Tests.Inference;

/// <summary>
/// The runner over a small hand-made dataset: clip a (three labelled frames, frames/ at 10 fps whose grey
/// level is 20·k, 1 s of audio) and clip b (two labelled frames, the first without its image).
/// </summary>
public sealed class LocalizationRunnerTests : IDisposable
{
    private const string ClipA = "clip_a_00001";
    private const string ClipB = "clip_b_00002";
    private readonly string _root = Directory.CreateTempSubdirectory("avatar-runner-").FullName;
    private readonly List<AvatarFrame> _frames;

    public LocalizationRunnerTests()
    {
        foreach (var index in new[] { 2, 5, 9 })
        {
            WriteLabelledFrame(ClipA, index, image: true);
        }
        WriteLabelledFrame(ClipB, 1, image: false);
        WriteLabelledFrame(ClipB, 4, image: true);
        foreach (var clip in new[] { ClipA, ClipB })
        {
            var folder = Path.Combine(_root, "frames", clip);
            Directory.CreateDirectory(folder);
            for (var k = 0; k < 10; k++)
            {
                using var image = new Image<Rgb24>(16, 16, new Rgb24((byte)(20 * k), (byte)(20 * k), (byte)(20 * k)));
                image.SaveAsJpeg(Path.Combine(folder, $"{k:D5}.jpg"));
            }
            var tone = Enumerable.Range(0, 16000).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * 440 * n / 16000.0))).ToArray();
            Directory.CreateDirectory(Path.Combine(_root, "audio"));
            WavFile.Write(Path.Combine(_root, "audio", clip + ".wav"), tone, 16000);
        }
        File.WriteAllText(Path.Combine(_root, AvatarDataset.FrameRatesFileName), $"clip_id,fps\n{ClipA},10\n{ClipB},10\n");
        _frames = AvatarDataset.Open(_root).ReadFrames().Select(record => record.Frame!).ToList();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteLabelledFrame(string clip, int index, bool image)
    {
        var folder = Path.Combine(_root, "metadata", clip);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{index:D5}.json"),
            """{ "original_width": 32, "original_height": 18, "annotations": [ { "audio_visual_category": "x", "task": "Single-Sound", "segmentation": [[0, 0, 8, 0, 8, 8]] } ] }""");
        if (image)
        {
            using var picture = new Image<Rgb24>(32, 18, new Rgb24(90, 120, 150));
            picture.SaveAsJpeg(Path.Combine(folder, $"{index:D5}.jpg"));
        }
    }

    private static List<LocalizationOutcome> RunAll(LocalizationRunner runner, IEnumerable<AvatarFrame> frames)
    {
        var outcomes = new List<LocalizationOutcome>();
        foreach (var frame in frames)
        {
            runner.Submit(frame);
            outcomes.AddRange(runner.TakeReady());
        }
        outcomes.AddRange(runner.Complete());
        return outcomes;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void KeepsInputOrderAndReportsABadFrameInItsPlace(int batchSize)
    {
        using var session = ModelSessionOpener.Open(BuiltInModels.Center());
        using var runner = new LocalizationRunner(session, "Center", new LocalizationRunOptions { BatchSize = batchSize });

        var outcomes = RunAll(runner, _frames);

        Assert.Equal(_frames.Select(f => f.ToString()), outcomes.Select(o => o.Frame.ToString()));
        var failed = Assert.Single(outcomes, o => o.Error is not null);
        Assert.Equal($"{ClipB}/00001", failed.Frame.ToString());
        Assert.Equal("ImageNotFound", failed.Error!.ErrorId);
        foreach (var outcome in outcomes.Where(o => o.Error is null))
        {
            Assert.Equal("Center", outcome.Localization!.Model);
            Assert.Equal(1f, outcome.Localization.Heatmap[3, 3], 5);
        }
        Assert.Equal(0, runner.Pending);
    }

    [Fact]
    public void AWholeClipVideoModelRunsOncePerClipAndInterpolatesEachFrameInTime()
    {
        // The model's map for sampled frame k is the mean of that frame (all pixels, all channels): [1, T, 2, 2].
        var builder = new OnnxGraphBuilder("brightness");
        var frames = builder.AddInput("frames", "N", 4, 3, 8, 8);
        var envelope = builder.AddInput("envelope", "N", 4);
        var mean = builder.ReduceMean(frames, [2, 3, 4]);
        var maps = builder.Mul(builder.Reshape(mean, [-1, 4, 1, 1]), builder.Constant(new float[] { 1, 1, 1, 1 }, 1, 1, 2, 2));
        var unused = builder.Mul(builder.ReduceMean(envelope, [0, 1], keepDimensions: false), builder.Constant(0f));
        builder.Node("Add", [maps, unused], "heatmap");
        builder.AddOutput("heatmap");
        var description = new ModelDescription
        {
            Name = "Brightness",
            Level = ModelLevel.Video,
            FrameWindow = FrameWindow.WholeClip,
            ImageInputName = "frames",
            AudioInputName = "envelope",
            ImageSize = 8,
            Mean = [0f, 0f, 0f],
            Std = [1f, 1f, 1f],
            Spectrogram = SpectrogramKind.Envelope,
            FramesPerClip = 4,
            FrameSampleRate = 2,
        };
        using var session = ModelSessionOpener.Open(builder.ToBytes(), "brightness", description);
        using var runner = new LocalizationRunner(session, "Brightness");

        var outcomes = RunAll(runner, _frames.Where(f => f.VideoId == ClipA));

        // Samples at t = 0, 0.5, 1.0, 1.5 s are video frames round(10 t) clamped to 0..9: 0, 5, 9, 9.
        // Their means, read back from the JPEG files, are the sample maps s_0 .. s_3.
        var images = new ImagePreprocessor(8, ImageResizeMode.Squash, [0f, 0f, 0f], [1f, 1f, 1f]);
        var sample = new[] { 0, 5, 9, 9 }.Select(k => images.Process(Path.Combine(_root, "frames", ClipA, $"{k:D5}.jpg")).Values.Average()).ToArray();
        // Labelled frames 2, 5, 9 are at 0.2, 0.5, 0.9 s: positions 0.4, 1.0, 1.8 among the samples.
        var expected = new[]
        {
            sample[0] + (0.4 * (sample[1] - sample[0])),
            sample[1],
            sample[1] + (0.8 * (sample[2] - sample[1])),
        };
        Assert.Equal(3, outcomes.Count);
        for (var i = 0; i < 3; i++)
        {
            var heatmap = outcomes[i].Localization!.Heatmap;
            Assert.Equal(2, heatmap.Height);
            Assert.Equal((float)expected[i], heatmap[1, 1], 4);
        }
        Assert.True(sample[1] > sample[0] + 0.3 && sample[2] > sample[1] + 0.2, "the frames get brighter: the check can tell the samples apart");
    }

    [Fact]
    public void AWholeClipModelWithTheWrongNumberOfMapsIsRefusedAtStart()
    {
        var builder = new OnnxGraphBuilder("wrong");
        var frames = builder.AddInput("frames", "N", 4, 3, 8, 8);
        builder.AddInput("envelope", "N", 4);
        // Three maps for four sampled frames: the mean over time of each colour channel, [1, 3, 8, 8].
        builder.Node("Identity", [builder.Reshape(builder.ReduceMean(frames, [1]), [1, 3, 8, 8])], "heatmap");
        builder.AddOutput("heatmap", 1, 3, 8, 8);
        var description = new ModelDescription
        {
            Level = ModelLevel.Video,
            FrameWindow = FrameWindow.WholeClip,
            ImageInputName = "frames",
            AudioInputName = "envelope",
            ImageSize = 8,
            Spectrogram = SpectrogramKind.Envelope,
            FramesPerClip = 4,
        };
        var error = Assert.Throws<AvatarDataException>(() => ModelSessionOpener.Open(builder.ToBytes(), "wrong", description));
        Assert.Equal("ModelMismatch", error.ErrorId);
        Assert.Contains("3 maps per clip, not framesPerClip = 4", error.Message);
    }

    [Fact]
    public void TheModelLoaderOpensBuiltInNamesAndNeedsADescriptionForFiles()
    {
        using (var session = ModelLoader.Open("avsync", null, new InferenceOptions()))
        {
            Assert.Equal("AVSync", session.Description.Name);
        }
        var file = Path.Combine(_root, "model.onnx");
        BuiltInModels.Center().Save(file);
        Assert.Equal("ModelDescriptionMissing", Assert.Throws<AvatarDataException>(() => ModelLoader.Open(file, null, new InferenceOptions())).ErrorId);
        Assert.Equal("ModelNotFound", Assert.Throws<AvatarDataException>(() => ModelLoader.Open(Path.Combine(_root, "none.onnx"), ModelPreset.EzVsl, new InferenceOptions())).ErrorId);
        using var preset = ModelLoader.Open(file, ModelPreset.EzVsl, new InferenceOptions());
        Assert.Equal("model", preset.Description.Name);
    }
}
