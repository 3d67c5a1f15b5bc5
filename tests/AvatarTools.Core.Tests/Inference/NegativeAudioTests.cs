using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Inference;
using AvatarTools.Core.Media;
using AvatarTools.Core.Scoring;
using AvatarTools.Core.Inference.Onnx;
using AvatarTools.Core.Synthetic;
using AvatarTools.Core.Tests.Synthetic;
using Xunit;

namespace AvatarTools.Core.Tests.Inference;

/// <summary>
/// The negative audio conditions: silence, N(0, 1) noise and OffScreen donors as stated, reproducible from their seed; and the
/// built-in models under them on the synthetic set (Center ignores audio; AVSync goes quiet on silence).
/// </summary>
public sealed class NegativeAudioTests : IClassFixture<SyntheticSetFixture>, IDisposable
{
    private readonly SyntheticSetFixture _set;
    private readonly string _cache = Directory.CreateTempSubdirectory("avatar-negatives-cache-").FullName;

    public NegativeAudioTests(SyntheticSetFixture set) => _set = set;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public void SilenceIsAllZerosOfTheSameLength()
    {
        var clip = new AudioClip(new[] { 0.5f, -0.25f, 1f }, 8000);
        var silence = NegativeAudio.Silence(clip);
        Assert.Equal(new float[3], silence.Samples);
        Assert.Equal(8000, silence.SampleRate);
    }

    [Fact]
    public void NoiseIsStandardNormalNotClippedAndSeeded()
    {
        const int n = 200_000;
        var noise = NegativeAudio.Noise(n, 11);
        Assert.Equal(n, noise.Length);
        double sum = 0, squares = 0, fourth = 0;
        foreach (var x in noise)
        {
            sum += x;
            squares += (double)x * x;
            fourth += (double)x * x * x * x;
        }
        var mean = sum / n;
        var variance = (squares / n) - (mean * mean);
        // Standard errors for N(0, 1): mean 1/√n ≈ 0.0022, variance √(2/n) ≈ 0.0032, fourth moment (3) √(96/n) ≈ 0.022; 5 σ bounds.
        Assert.InRange(mean, -0.011, 0.011);
        Assert.InRange(variance, 0.984, 1.016);
        Assert.InRange(fourth / n, 2.89, 3.11);
        // Not clipped: P(|x| > 1) = 0.3173 and P(|x| > 3) = 0.0027 for N(0, 1).
        Assert.InRange(noise.Count(x => Math.Abs(x) > 1) / (double)n, 0.31, 0.325);
        Assert.InRange(noise.Count(x => Math.Abs(x) > 3) / (double)n, 0.0020, 0.0035);
        Assert.Equal(noise, NegativeAudio.Noise(n, 11));
        Assert.NotEqual(noise, NegativeAudio.Noise(n, 12));
    }

    [Fact]
    public void DonorsShareNoCategoryAndFollowTheSeed()
    {
        var frame = new AvatarFrame("own_00000", 3, 4, 4,
            new[] { new AvatarInstance("dog", AvatarScenario.SingleSound, null, Array.Empty<double[]>()) }, "", "", "", 25);
        var pool = new (string, IReadOnlyCollection<string>)[]
        {
            ("own_00000", new[] { "piano" }), ("a_00000", new[] { "dog", "cat" }), ("b_00000", new[] { "piano" }),
            ("c_00000", new[] { "car" }), ("d_00000", new[] { "Dog" }),
        };
        // Candidates: b, c, d ("Dog" is another category; own clip and a, which has "dog", are out).
        var chosen = Enumerable.Range(0, 300).Select(seed => NegativeAudio.ChooseDonor(frame, pool, seed)).ToList();
        Assert.Equal(new[] { "b_00000", "c_00000", "d_00000" }, chosen.Distinct().Order(StringComparer.Ordinal));
        Assert.All(chosen.GroupBy(c => c), g => Assert.InRange(g.Count(), 60, 140)); // about 100 each
        Assert.Equal(chosen, Enumerable.Range(0, 300).Select(seed => NegativeAudio.ChooseDonor(frame, pool.Reverse(), seed)));
        Assert.Null(NegativeAudio.ChooseDonor(frame, pool.Take(2), 0));
    }

    private List<Localization> Localize(BuiltInModel model, AudioCondition condition, int seed = 0, int repeat = 0)
    {
        using var session = ModelSessionOpener.Open(model);
        using var runner = new LocalizationRunner(session, model.Name,
            new LocalizationRunOptions { CacheFolder = _cache, AudioCondition = condition, Seed = seed, Repeat = repeat });
        var outcomes = new List<LocalizationOutcome>();
        foreach (var frame in _set.Frames)
        {
            runner.Submit(frame);
            outcomes.AddRange(runner.TakeReady());
        }
        outcomes.AddRange(runner.Complete());
        Assert.All(outcomes, outcome => Assert.Null(outcome.Error));
        return outcomes.Select(outcome => outcome.Localization!).ToList();
    }

    [Fact]
    public void CenterIgnoresTheAudioSoEveryConditionGivesItsPositiveMaps()
    {
        var center = BuiltInModels.Center();
        var positives = Localize(center, AudioCondition.Positive);
        var options = new ScoreOptions { GridHeight = 36, GridWidth = 64 };
        foreach (var condition in new[] { AudioCondition.Silence, AudioCondition.Noise, AudioCondition.OffScreen })
        {
            var negatives = Localize(center, condition, seed: 5);
            Assert.All(negatives, n => Assert.Equal(condition, n.Condition));
            Assert.Equal(positives.Select(p => p.Heatmap.Values.ToArray()), negatives.Select(n => n.Heatmap.Values.ToArray()));
            var run = ScoreEvaluator.Run(positives.Concat(negatives).ToList(), options);
            Assert.Empty(run.Errors);
            var predicted = run.FrameScores.ToDictionary(f => (f.VideoId, f.FrameIndex), f => f.PredictedPixels);
            Assert.All(run.NegativeFrames, f =>
            {
                Assert.Equal(1.0, f.IoU);
                Assert.Equal(predicted[(f.VideoId, f.FrameIndex)] / (36.0 * 64), f.Pia);
            });
            // pIA of the Total row = the mean share the positives predict on the on-screen frames.
            var onScreen = run.FrameScores.Where(f => !f.IsOffScreen).ToList();
            Assert.Equal(100 * onScreen.Average(f => f.PredictedPixels / (36.0 * 64)), run.Negatives.First(r => r.Group == "Total").PIA, 9);
            Assert.All(run.Negatives, row => Assert.Equal(100, row.IoU));
        }
    }

    [Fact]
    public void AVSyncOnSilencePredictsNothingAtItsPositiveThreshold()
    {
        var avsync = BuiltInModels.AVSync();
        var positives = Localize(avsync, AudioCondition.Positive);
        var silence = Localize(avsync, AudioCondition.Silence);
        // A zero envelope has no change, so every cell's correlation is 0.
        Assert.All(silence, map => Assert.Equal(0f, map.Heatmap.Maximum));
        Assert.Contains(positives, map => map.Heatmap.Maximum > 0.5f);
        var run = ScoreEvaluator.Run(positives.Concat(silence).ToList(), new ScoreOptions { GridHeight = 36, GridWidth = 64 });
        Assert.True(run.Calibrations.Single().Threshold > 0);
        var total = run.Negatives.First(row => row.Group == "Total");
        Assert.Equal(0, total.PIA);
        Assert.Equal(100, total.AUCN);
    }

    [Fact]
    public void OffScreenDonorsShareNoCategoryWithTheFrameAndFollowTheSeed()
    {
        var center = BuiltInModels.Center();
        var first = Localize(center, AudioCondition.OffScreen, seed: 9);
        var again = Localize(center, AudioCondition.OffScreen, seed: 9);
        var other = Localize(center, AudioCondition.OffScreen, seed: 9, repeat: 1);
        var categories = _set.Frames.GroupBy(f => f.VideoId).ToDictionary(g => g.Key, g => g.SelectMany(f => f.Categories).ToHashSet());
        foreach (var localization in first)
        {
            Assert.NotNull(localization.DonorClip);
            Assert.NotEqual(localization.VideoId, localization.DonorClip);
            Assert.Empty(categories[localization.DonorClip!].Intersect(localization.Frame.Categories));
            Assert.Equal(9, localization.Seed);
        }
        Assert.Equal(first.Select(l => l.DonorClip), again.Select(l => l.DonorClip));
        Assert.All(other, l => Assert.Equal((10, 1), (l.Seed!.Value, l.Repeat)));
        Assert.NotEqual(first.Select(l => l.DonorClip), other.Select(l => l.DonorClip));
    }

    [Fact]
    public void ANonSoundingPairIsHeardWithItsListedAudio()
    {
        // An image-level model whose map is the mean of its spectrogram (Center's inputs, no use of the image): a pair's map is
        // then the listed sample's own positive map (its audio centred on that audio's middle), and not the image's.
        var graph = new OnnxGraphBuilder("loudness");
        var description = BuiltInModels.CenterDescription with { Name = "Loudness", OutputSize = 2 };
        var image = graph.AddInput(description.ImageInputName, "N", 3, description.ImageSize, description.ImageSize);
        var audio = graph.AddInput(description.AudioInputName, "N", 1, description.FrequencyBins, "T");
        var loud = graph.Add(graph.ReduceMean(audio, [1, 2, 3]), graph.Mul(graph.ReduceMean(image, [1, 2, 3]), graph.Constant(0f)));
        graph.AddOutput(graph.Mul(graph.Reshape(loud, [-1, 1, 1]), graph.Constant(new float[] { 1, 1, 1, 1 }, 1, 2, 2), "heatmap"), "N", 2, 2);
        var root = Path.Combine(_cache, "vggss");
        var set = ImageBenchmarkSetWriter.Write(root, Benchmark.VggSs, 4, seed: 8);
        var list = Core.Benchmarks.TestList.Read(set.PlusSilentList!);
        var frames = Core.Benchmarks.ImageBenchmarkSet.Open(set.Root, Benchmark.VggSs).ReadFrames(list, _ => { }).Select(r => r.Frame!).ToList();
        using var session = ModelSessionOpener.Open(graph.ToBytes(), "loudness", description);
        using var runner = new LocalizationRunner(session, "Loudness", new LocalizationRunOptions { CacheFolder = _cache });
        var outcomes = new List<LocalizationOutcome>();
        foreach (var frame in frames)
        {
            runner.Submit(frame);
            outcomes.AddRange(runner.TakeReady());
        }
        outcomes.AddRange(runner.Complete());
        Assert.All(outcomes, outcome => Assert.Null(outcome.Error));
        var positive = outcomes.Take(4).ToDictionary(o => o.Frame.VideoId, o => o.Localization!);
        Assert.All(positive.Values, l => Assert.Equal((AudioCondition.Positive, (string?)null), (l.Condition, l.DonorClip)));
        foreach (var pair in outcomes.Skip(4).Select(o => o.Localization!))
        {
            Assert.Equal(AudioCondition.NonSounding, pair.Condition);
            Assert.Equal(pair.Frame.AudioId, pair.DonorClip);
            Assert.True(pair.IsNegative);
            Assert.Equal(positive[pair.DonorClip!].Heatmap[0, 0], pair.Heatmap[0, 0], 5);
            Assert.NotEqual(positive[pair.VideoId].Heatmap[0, 0], pair.Heatmap[0, 0], 3);
        }
    }
}
