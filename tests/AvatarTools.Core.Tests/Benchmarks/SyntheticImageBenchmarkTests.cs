using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Features;
using AvatarTools.Core.Inference;
using AvatarTools.Core.Inference.Onnx;
using AvatarTools.Core.Media;
using AvatarTools.Core.Synthetic;
using Xunit;

namespace AvatarTools.Core.Tests.Benchmarks;

public sealed class SyntheticImageBenchmarkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("avatar-synthetic-benchmark-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static List<AvatarFrame> Frames(ImageBenchmarkSetResult result, List<string>? warnings = null, TestList? list = null) =>
        ImageBenchmarkSet.Open(result.Root, result.Benchmark).ReadFrames(list, w => warnings?.Add(w)).Select(r => r.Frame ?? throw r.Error!).ToList();

    [Fact]
    public void AVggSsSetHoldsTheCorruptBoxesOfThePublicFile()
    {
        var result = ImageBenchmarkSetWriter.Write(Path.Combine(_root, "v"), Benchmark.VggSs, 6, seed: 3);
        Assert.Equal(Benchmark.VggSs, BenchmarkLayout.Detect(result.Root, out var annotation));
        Assert.Equal(result.Annotation, annotation);
        var json = File.ReadAllText(result.Annotation);
        Assert.Contains(",-2.9e16,", json, StringComparison.Ordinal);
        var frames = Frames(result);
        Assert.Equal(result.SampleIds, frames.Select(f => f.VideoId));
        Assert.All(frames, f => Assert.True(File.Exists(f.ImagePath)));
        Assert.All(frames, f => Assert.True(File.Exists(Path.Combine(result.Root, "audio", f.VideoId + ".wav"))));
        // Sample 1: the corrupt ymin clipped to row 0; sample 2: a degenerate extra box; sample 3: nothing left.
        Assert.Equal(0, frames[1].Instances[0].BoundingBox!.Y);
        Assert.Contains(frames[2].Instances, i => i.BoundingBox!.Width == 0);
        Assert.Equal(new[] { frames[3].VideoId }, result.EmptyGroundTruthIds);
        Assert.All(frames[3].Instances, i => Assert.True(i.BoundingBox!.Width == 0 || i.BoundingBox.Height == 0));
        Assert.All(frames.Where((_, i) => i != 3), f => Assert.Contains(f.Instances, i => i.BoundingBox!.Width > 0 && i.BoundingBox.Height > 0));
        Assert.Equal(new[] { frames[4].VideoId }, result.ShortAudioIds);
        Assert.Equal(ImageBenchmarkSetWriter.ShortDurationSeconds, WavFile.Read(Path.Combine(result.Root, "audio", frames[4].VideoId + ".wav")).DurationSeconds, 6);
        var lists = result.TestLists.Select(TestList.Read).ToList();
        Assert.Equal(new[] { "vggss_test", "vggss_heard_test", "vggss_unheard_test" }, lists.Select(l => l.Name));
        Assert.Equal(result.SampleIds, lists[0].Ids);
        Assert.Equal(result.SampleIds.Order(), lists[1].Ids.Concat(lists[2].Ids).Order());
    }

    [Fact]
    public void AFlickrSetHasTwoOrThreeAnnotatorsPerObject()
    {
        var result = ImageBenchmarkSetWriter.Write(Path.Combine(_root, "f"), Benchmark.FlickrSoundNet, 4, seed: 5);
        Assert.Equal(Benchmark.FlickrSoundNet, BenchmarkLayout.Detect(result.Root, out var annotation));
        Assert.Equal(Path.Combine(result.Root, "Annotations"), annotation);
        var list = TestList.Read(Assert.Single(result.TestLists));
        Assert.Equal(result.SampleIds, list.Ids);
        var frames = Frames(result, list: list).ToDictionary(f => f.VideoId);
        for (var i = 0; i < result.SampleIds.Count; i++)
        {
            var frame = frames[result.SampleIds[i]];
            var annotators = 2 + (i % 2);
            var objects = i % 3 == 2 ? 2 : 1;
            Assert.Equal(annotators * objects, frame.Instances.Count);
            Assert.All(frame.Instances, instance => Assert.True(instance.BoundingBox!.Width > 0 && instance.BoundingBox.X + instance.BoundingBox.Width <= 224));
            Assert.Equal("flickr_test", frame.TestList);
            Assert.Equal((256, 256), ImageSize(frame.ImagePath));
        }
    }

    [Fact]
    public void TheSameSeedWritesTheSameBytes()
    {
        var a = ImageBenchmarkSetWriter.Write(Path.Combine(_root, "a"), Benchmark.VggSs, 3, seed: 9);
        var b = ImageBenchmarkSetWriter.Write(Path.Combine(_root, "b"), Benchmark.VggSs, 3, seed: 9);
        var c = ImageBenchmarkSetWriter.Write(Path.Combine(_root, "c"), Benchmark.VggSs, 3, seed: 10);
        static Dictionary<string, byte[]> Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(root, file), File.ReadAllBytes);
        var (filesA, filesB) = (Files(a.Root), Files(b.Root));
        Assert.Equal(filesA.Keys.Order(), filesB.Keys.Order());
        Assert.All(filesA, pair => Assert.Equal(pair.Value, filesB[pair.Key]));
        Assert.NotEqual(a.SampleIds, c.SampleIds);
        Assert.Equal("SyntheticRootNotEmpty", Assert.Throws<AvatarDataException>(() => ImageBenchmarkSetWriter.Write(a.Root, Benchmark.VggSs, 3)).ErrorId);
    }

    [Fact]
    public void EzVslTakesThreeSecondsCentredOnTheAudioOnTheImageBenchmarks()
    {
        var result = ImageBenchmarkSetWriter.Write(Path.Combine(_root, "w"), Benchmark.VggSs, 5, seed: 2);
        var frames = Frames(result);
        var preprocessor = new ItemPreprocessor(ModelPresets.EzVsl, new LocalizationRunOptions());
        Assert.Equal(new long[] { 1, 257, 671 }, preprocessor.AudioItemShape);
        Assert.Equal(new long[] { 1, 257, 200 }, preprocessor.AudioItemShapeOf(frames[0]));
        var settings = new SpectrogramSettings(SpectrogramKind.Linear, 16000, 3, 512, 512, 238, 257);
        foreach (var frame in new[] { frames[0], frames[4] })
        {
            var samples = WavFile.Read(Path.Combine(result.Root, "audio", frame.VideoId + ".wav")).Samples;
            var window = new float[48000];
            if (samples.Length >= window.Length)
            {
                // start = max(D/2 − 1.5 s, 0): the 10 s file's samples 56,000 … 103,999.
                Assert.Equal(160000, samples.Length);
                Array.Copy(samples, 80000 - 24000, window, 0, window.Length);
            }
            else
            {
                // The 2 s file tiled: sample k is the file's k mod 32,000.
                Assert.Equal(32000, samples.Length);
                for (var k = 0; k < window.Length; k++)
                {
                    window[k] = samples[k % samples.Length];
                }
            }
            var expected = AudioFeatures.Compute(window, settings).Values;
            var image = new float[preprocessor.ImageItemLength];
            var audio = new float[preprocessor.AudioItemLengthOf(frame)];
            preprocessor.FillItem(frame, image, audio, CancellationToken.None);
            Assert.Equal(expected, audio);
        }
    }

    /// <summary>An EZ-VSL-shaped model whose audio input is [N, 1, 257, <paramref name="steps"/>]: the image's top-left 7 × 7 plus 0 × the audio mean.</summary>
    private static byte[] EzVslShaped(TensorDimension steps)
    {
        var graph = new OnnxGraphBuilder("fixed");
        var image = graph.AddInput("image", "N", 3, 224, 224);
        var audio = graph.AddInput("audio", "N", 1, 257, steps);
        var corner = graph.Slice(image, [0, 0, 0], [1, 7, 7], [1, 2, 3]);
        var zero = graph.Mul(graph.ReduceMean(audio, [1, 2, 3]), graph.Constant(0f));
        graph.AddOutput(graph.Add(corner, zero, "map"), "N", 1, 7, 7);
        return graph.ToBytes();
    }

    [Fact]
    public void AModelWithAFixedAudioTimeAxisIsAMismatchOnTheImageBenchmarksNamingTheShapes()
    {
        // EZ-VSL feeds VGG-SS samples 3 s ([1, 257, 200]); a model exported for AVATAR's 671 steps cannot take them.
        var frames = Frames(ImageBenchmarkSetWriter.Write(Path.Combine(_root, "m"), Benchmark.VggSs, 3, seed: 4));
        using var session = ModelSessionOpener.Open(EzVslShaped(671), "fixed.onnx", ModelPresets.EzVsl);
        using var runner = new LocalizationRunner(session, "Fixed");
        var outcomes = frames.SelectMany(frame => { runner.Submit(frame); return runner.TakeReady(); }).Concat(runner.Complete()).ToList();
        Assert.Equal(3, outcomes.Count);
        Assert.All(outcomes, outcome =>
        {
            Assert.Null(outcome.Localization);
            Assert.Equal(ModelValidator.MismatchErrorId, outcome.Error!.ErrorId);
            Assert.Contains("cannot run on VGG-SS frames", outcome.Error.Message, StringComparison.Ordinal);
            Assert.Contains("declared [N, 1, 257, 671], with 671 fixed at axis 3, and these frames give [N, 1, 257, 200]", outcome.Error.Message, StringComparison.Ordinal);
            Assert.Contains("imageBenchmarkWindowSeconds", outcome.Error.Message, StringComparison.Ordinal);
        });

        // With a dynamic time axis the same frames run.
        using var dynamicSession = ModelSessionOpener.Open(EzVslShaped(TensorDimension.Symbolic("T")), "dynamic.onnx", ModelPresets.EzVsl);
        using var dynamicRunner = new LocalizationRunner(dynamicSession, "Dynamic");
        var ran = frames.SelectMany(frame => { dynamicRunner.Submit(frame); return dynamicRunner.TakeReady(); }).Concat(dynamicRunner.Complete()).ToList();
        Assert.All(ran, outcome => Assert.NotNull(outcome.Localization));
    }

    [Fact]
    public void LvsKeepsItsTenSecondsFromTheStartAndVideoModelsAreRefused()
    {
        var result = ImageBenchmarkSetWriter.Write(Path.Combine(_root, "l"), Benchmark.VggSs, 1, seed: 2);
        var frame = Frames(result)[0];
        var lvs = new ItemPreprocessor(ModelPresets.Lvs, new LocalizationRunOptions());
        Assert.Equal(new long[] { 1, 257, 671 }, lvs.AudioItemShapeOf(frame));
        var samples = WavFile.Read(Path.Combine(result.Root, "audio", frame.VideoId + ".wav")).Samples;
        var expected = AudioFeatures.Compute(samples.AsSpan(0, 160000), SpectrogramSettings.EzVsl).Values;
        var audio = new float[lvs.AudioItemLengthOf(frame)];
        lvs.FillItem(frame, new float[lvs.ImageItemLength], audio, CancellationToken.None);
        Assert.Equal(expected, audio);

        var user = new ItemPreprocessor(ModelPresets.EzVsl, new LocalizationRunOptions { AudioWindowSeconds = 2 });
        Assert.Equal(user.AudioItemShape, user.AudioItemShapeOf(frame));

        var video = new ItemPreprocessor(BuiltInModels.AVSyncDescription, new LocalizationRunOptions());
        var error = Assert.Throws<AvatarDataException>(() => video.FillItem(frame, new float[video.ImageItemLength], new float[video.AudioItemLength], CancellationToken.None));
        Assert.Equal("VideoModelOnImageBenchmark", error.ErrorId);
    }

    [Fact]
    public void AMissingWavIsAudioNotFoundNamingIt()
    {
        var result = ImageBenchmarkSetWriter.Write(Path.Combine(_root, "m"), Benchmark.VggSs, 1, seed: 2);
        var frame = Frames(result)[0];
        var wav = Path.Combine(result.Root, "audio", frame.VideoId + ".wav");
        File.Delete(wav);
        var preprocessor = new ItemPreprocessor(ModelPresets.EzVsl, new LocalizationRunOptions());
        var error = Assert.ThrowsAny<AvatarDataException>(() => preprocessor.FillItem(frame, new float[preprocessor.ImageItemLength], new float[preprocessor.AudioItemLengthOf(frame)], CancellationToken.None));
        Assert.Equal("AudioNotFound", error.ErrorId);
        Assert.Equal(wav, error.Path);
    }

    private static (int, int) ImageSize(string path)
    {
        var info = SixLabors.ImageSharp.Image.Identify(path);
        return (info.Width, info.Height);
    }

    [Theory]
    [InlineData(Benchmark.VggSs, "vggss_test_plus_silent")]
    [InlineData(Benchmark.FlickrSoundNet, "flickr_test_plus_silent")]
    public void ThePlusSilentListGivesThePositivesThenEachImageWithAnotherClassAudio(Benchmark benchmark, string name)
    {
        var result = ImageBenchmarkSetWriter.Write(Path.Combine(_root, name), benchmark, 5, seed: 4);
        var list = TestList.Read(result.PlusSilentList!);
        Assert.Equal(name, list.Name);
        Assert.DoesNotContain(result.PlusSilentList, result.TestLists);
        var frames = Frames(result, list: list);
        // SLAVC's loader order: the samples with their own audio, then the non-sounding pairs in the list's order.
        Assert.Equal(result.SampleIds.Concat(result.SampleIds), frames.Select(f => f.VideoId));
        Assert.All(frames.Take(5), f => Assert.Null(f.AudioId));
        var byId = frames.Take(5).ToDictionary(f => f.VideoId);
        foreach (var pair in frames.Skip(5))
        {
            Assert.NotNull(pair.AudioId);
            Assert.NotEqual(pair.VideoId, pair.AudioId);
            Assert.Contains(pair.AudioId, result.SampleIds);
            Assert.Equal(name, pair.TestList);
            Assert.Equal(byId[pair.VideoId].ImagePath, pair.ImagePath);
        }
    }
}
