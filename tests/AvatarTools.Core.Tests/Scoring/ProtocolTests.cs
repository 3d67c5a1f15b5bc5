using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The protocol presets of BENCHMARKS.md on VGG-SS and Flickr-SoundNet samples, each held against its formulas written out
/// here the way the baselines' numpy code does them (normalise, sort, index ⌊N/2⌋, compare, sum), and hand-worked cases of
/// Flickr's consensus weights and of the undefined (0/0) sample.
/// </summary>
public class ProtocolTests
{
    private const int Size = 224;
    private const int N = Size * Size;

    internal static AvatarFrame ImageFrame(Benchmark benchmark, string id, string category, string? testList, params (int X0, int Y0, int X1, int Y1)[] boxes)
    {
        var instances = boxes.Select(box => new AvatarInstance(category, AvatarScenario.SingleSound,
            new BoundingBox(box.X0, box.Y0, box.X1 - box.X0, box.Y1 - box.Y0),
            new[] { new double[] { box.X0, box.Y0, box.X1, box.Y0, box.X1, box.Y1, box.X0, box.Y1 } })).ToArray();
        return new AvatarFrame(id, 0, Size, Size, instances, "", "", "", null) { Benchmark = benchmark, TestList = testList };
    }

    /// <summary>The ground truth written out: count the boxes per pixel; VGG-SS min(count, 1), Flickr min(count / 2, 1).</summary>
    private static double[] Truth(Benchmark benchmark, (int X0, int Y0, int X1, int Y1)[] boxes)
    {
        var count = new double[N];
        foreach (var (x0, y0, x1, y1) in boxes)
        {
            for (var y = y0; y < y1; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    count[(y * Size) + x] += 1;
                }
            }
        }
        return count.Select(c => benchmark == Benchmark.FlickrSoundNet ? Math.Min(c / 2, 1) : Math.Min(c, 1)).ToArray();
    }

    /// <summary>
    /// The baselines' steps on an upsampled grid: optionally min-max normalise in float32 ((v − min) / (max − min)), τ =
    /// np.sort(v)[N // 2] (or the fixed τ), P = v ≥ τ (or v &gt; τ), cIoU = Σ P·G / (Σ G + Σ P·(G == 0)).
    /// </summary>
    private static (int Predicted, double CIoU) Reference(float[] grid, bool normalise, float fixedTau, bool above, double[] truth)
    {
        var v = (float[])grid.Clone();
        var tau = fixedTau;
        if (normalise)
        {
            var min = v.Min();
            var max = v.Max();
            var range = max - min;
            for (var i = 0; i < v.Length; i++)
            {
                v[i] = range != 0 ? (v[i] - min) / range : v[i] - min;
            }
            var sorted = (float[])v.Clone();
            Array.Sort(sorted);
            tau = sorted[v.Length / 2];
        }
        double pg = 0, g = 0, outside = 0;
        var predicted = 0;
        for (var i = 0; i < v.Length; i++)
        {
            var p = above ? v[i] > tau : v[i] >= tau;
            predicted += p ? 1 : 0;
            pg += p ? truth[i] : 0;
            g += truth[i];
            outside += p && truth[i] == 0 ? 1 : 0;
        }
        return (predicted, pg / (g + outside));
    }

    private static ScoreOptions Protocol(ScoreProtocol protocol) => new() { Protocol = protocol };

    [Fact]
    public void AtLeastPredictsTheTopHalfAndAboveOneFewerOnAMapWithoutTies()
    {
        // A 224 × 224 map of distinct values: both bilinear variants are the identity at equal size, so EZ-VSL (≥ τ) predicts
        // exactly the 25,088 pixels from ascending index 25,088 up and LVS (> τ) the 25,087 above it.
        var random = new Random(12);
        var values = Enumerable.Range(0, N).Select(i => (float)i).OrderBy(_ => random.Next()).ToArray();
        var frame = ImageFrame(Benchmark.VggSs, "a_000001", "dog", null, (0, 0, Size, 112));
        var localization = new Localization(frame, "m", new Heatmap(Size, Size, values));
        var ezVsl = ScoreEvaluator.EvaluateFrames(new[] { localization }, Protocol(ScoreProtocol.EzVsl)).Single();
        var lvs = ScoreEvaluator.EvaluateFrames(new[] { localization }, Protocol(ScoreProtocol.Lvs)).Single();
        Assert.Equal(25_088, ezVsl.PredictedPixels);
        Assert.Equal(25_087, lvs.PredictedPixels);
        var truth = Truth(Benchmark.VggSs, new[] { (0, 0, Size, 112) });
        Assert.Equal(Reference(values, true, 0, false, truth), (ezVsl.PredictedPixels, ezVsl.CIoU));
        Assert.Equal(Reference(values, true, 0, true, truth), (lvs.PredictedPixels, lvs.CIoU));
        Assert.Equal(25_088 / 2 * 2, N / 2);
    }

    public static IEnumerable<object[]> PresetCases() => new[]
    {
        new object[] { ScoreProtocol.EzVsl, 7, Benchmark.VggSs, UpsampleMode.BilinearAlignCorners, true, false },
        new object[] { ScoreProtocol.Lvs, 14, Benchmark.VggSs, UpsampleMode.Bilinear, true, true },
        new object[] { ScoreProtocol.SlavcRelative, 7, Benchmark.FlickrSoundNet, UpsampleMode.BicubicAlignCorners, true, false },
        new object[] { ScoreProtocol.SlavcAbsolute, 7, Benchmark.FlickrSoundNet, UpsampleMode.BicubicAlignCorners, false, false },
        new object[] { ScoreProtocol.EzVsl, 7, Benchmark.FlickrSoundNet, UpsampleMode.BilinearAlignCorners, true, false },
    };

    [Theory]
    [MemberData(nameof(PresetCases))]
    public void EachPresetScoresAsItsFormulasWrittenOut(ScoreProtocol protocol, int mapSize, Benchmark benchmark, UpsampleMode upsample, bool normalise, bool above)
    {
        var random = new Random((int)protocol * 100 + mapSize + (int)benchmark);
        var localizations = new List<Localization>();
        var boxes = new List<(int, int, int, int)[]>();
        for (var k = 0; k < 12; k++)
        {
            var sample = Enumerable.Range(0, 1 + random.Next(4)).Select(_ =>
            {
                int x0 = random.Next(200), y0 = random.Next(200);
                return (x0, y0, Math.Min(Size, x0 + 1 + random.Next(120)), Math.Min(Size, y0 + 1 + random.Next(120)));
            }).ToArray();
            if (k == 0)
            {
                sample = new[] { (10, 10, 10, 80), (5, 5, 60, 60) };
            }
            boxes.Add(sample);
            // SLAVC's absolute maps are (cos + 1) / 2, in [0, 1].
            var values = Enumerable.Range(0, mapSize * mapSize).Select(_ => (float)random.NextDouble()).ToArray();
            localizations.Add(new Localization(ImageFrame(benchmark, $"s{k}_000001", k % 2 == 0 ? "dog" : "cat", null, sample), "m",
                new Heatmap(mapSize, mapSize, values)));
        }
        var scores = ScoreEvaluator.EvaluateFrames(localizations, Protocol(protocol));
        Assert.Equal(localizations.Count, scores.Count);
        for (var k = 0; k < scores.Count; k++)
        {
            var grid = Upsampler.Upsample(localizations[k].Heatmap, Size, Size, upsample);
            var (predicted, ciou) = Reference(grid, normalise, 0.5f, above, Truth(benchmark, boxes[k]));
            Assert.Equal(predicted, scores[k].PredictedPixels);
            Assert.Equal(ciou, scores[k].CIoU, 15);
            Assert.Equal(normalise ? ThresholdSource.PerFrame : ThresholdSource.Fixed, scores[k].ThresholdSource);
            Assert.Equal(above ? TieRule.Above : TieRule.AtLeast, scores[k].TieRule);
        }
        var total = ScoreEvaluator.Evaluate(localizations, Protocol(protocol)).Single();
        Assert.Equal((benchmark, protocol, upsample, Size, Size), (total.Benchmark, total.Protocol, total.Interpolation, total.GridHeight, total.GridWidth));
    }

    [Theory]
    [InlineData(7, 7, 224, 224)]
    [InlineData(14, 14, 224, 224)]
    [InlineData(3, 5, 17, 9)]
    [InlineData(1, 4, 6, 1)]
    public void BicubicAlignCornersFollowsTorchsDefinition(int height, int width, int gridHeight, int gridWidth)
    {
        // torch F.interpolate(mode='bicubic', align_corners=True): src = dst·(in − 1)/(out − 1) (0 when out = 1),
        // i0 = ⌊src⌋, t = src − i0, Keys' kernel with A = −0.75 at distances t + 1, t, 1 − t, 2 − t, taps i0 − 1 … i0 + 2
        // clamped to the map; computed here in double, pixel by pixel, as a 4 × 4 sum.
        var random = new Random((height * 100) + width);
        var map = Enumerable.Range(0, height * width).Select(_ => (float)random.NextDouble()).ToArray();
        var grid = Upsampler.Upsample(new Heatmap(height, width, map), gridHeight, gridWidth, UpsampleMode.BicubicAlignCorners);
        static double Kernel(double x)
        {
            const double A = -0.75;
            x = Math.Abs(x);
            return x <= 1 ? ((A + 2) * x * x * x) - ((A + 3) * x * x) + 1
                : x < 2 ? (A * x * x * x) - (5 * A * x * x) + (8 * A * x) - (4 * A) : 0;
        }
        static (int I0, double T) Source(int output, int input, int size)
        {
            var source = size > 1 ? output * (double)(input - 1) / (size - 1) : 0;
            var i0 = Math.Min((int)Math.Floor(source), input - 1);
            return (i0, source - i0);
        }
        var max = 0.0;
        for (var y = 0; y < gridHeight; y++)
        {
            var (y0, ty) = Source(y, height, gridHeight);
            for (var x = 0; x < gridWidth; x++)
            {
                var (x0, tx) = Source(x, width, gridWidth);
                var expected = 0.0;
                for (var i = 0; i < 4; i++)
                {
                    for (var j = 0; j < 4; j++)
                    {
                        var row = Math.Clamp(y0 - 1 + i, 0, height - 1);
                        var column = Math.Clamp(x0 - 1 + j, 0, width - 1);
                        expected += Kernel(ty - (i - 1)) * Kernel(tx - (j - 1)) * map[(row * width) + column];
                    }
                }
                max = Math.Max(max, Math.Abs(grid[(y * gridWidth) + x] - expected));
            }
        }
        Assert.True(max <= 2e-6, $"align-corners bicubic differs from torch's definition by {max:E3}");
        if (gridHeight > 1 && gridWidth > 1)
        {
            // The corners are the map's corners.
            Assert.Equal(map[0], grid[0], 6);
            Assert.Equal(map[^1], grid[^1], 6);
        }
    }

    [Fact]
    public void AlignCornersBicubicIsTheIdentityAtEqualSize()
    {
        var map = Enumerable.Range(0, 20).Select(i => (float)Math.Sin(i)).ToArray();
        Assert.Equal(map, Upsampler.Upsample(new Heatmap(4, 5, map), 4, 5, UpsampleMode.BicubicAlignCorners));
    }

    /// <summary>A 224 × 224 map of 1 on the cells [x0, x1) × [y0, y1) and 0 elsewhere: at equal size SLAVC's upsampling is the identity.</summary>
    private static Heatmap Block(int x0, int y0, int x1, int y1)
    {
        var values = new float[N];
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                values[(y * Size) + x] = 1;
            }
        }
        return new Heatmap(Size, Size, values);
    }

    [Theory]
    // Boxes [0, 10) and [5, 15) in x, [0, 10) in y: weights 0.5 on x 0–4 and 10–14, 1 on x 5–9; Σ G = 50·0.5 + 50 + 50·0.5 = 100.
    // P = x 0–9: Σ P·G = 25 + 50 = 75, nothing outside G: 75 / 100.
    [InlineData(Benchmark.FlickrSoundNet, 0, 10, 0.75)]
    // P = x 5–19: Σ P·G = 50 + 25 = 75, 50 pixels outside G: 75 / (100 + 50).
    [InlineData(Benchmark.FlickrSoundNet, 5, 20, 0.5)]
    // VGG-SS unions the same boxes: |G| = 150. P = x 0–9: 100 / 150.
    [InlineData(Benchmark.VggSs, 0, 10, 100.0 / 150)]
    // P = x 5–19: 100 / (150 + 50).
    [InlineData(Benchmark.VggSs, 5, 20, 0.5)]
    public void ConsensusWeightsScoreAsWorkedByHand(Benchmark benchmark, int predictedFrom, int predictedTo, double expected)
    {
        var frame = ImageFrame(benchmark, "f_1", "guitar", null, (0, 0, 10, 10), (5, 0, 15, 10));
        var score = ScoreEvaluator.EvaluateFrames(new[] { new Localization(frame, "m", Block(predictedFrom, 0, predictedTo, 10)) },
            Protocol(ScoreProtocol.SlavcAbsolute)).Single();
        Assert.Equal(expected, score.CIoU, 15);
        Assert.Equal(benchmark == Benchmark.FlickrSoundNet ? 100 : 150, score.TruthWeight);
    }

    [Fact]
    public void ThreeAnnotatorsWeighOneAndAPixelOfOneWeighsHalf()
    {
        // Three boxes on x [0, 4) × y [0, 1), one of them also on [4, 8): Σ G = 4·1 + 4·0.5 = 6. P = x [4, 8): 2 / (6 + 0).
        var frame = ImageFrame(Benchmark.FlickrSoundNet, "f_2", "piano", null, (0, 0, 4, 1), (0, 0, 4, 1), (0, 0, 8, 1));
        var score = ScoreEvaluator.EvaluateFrames(new[] { new Localization(frame, "m", Block(4, 0, 8, 1)) }, Protocol(ScoreProtocol.SlavcAbsolute)).Single();
        Assert.Equal(6, score.TruthWeight);
        Assert.Equal(2, score.IntersectionWeight);
        Assert.Equal(2.0 / 6, score.CIoU, 15);
    }

    [Fact]
    public void AnUndefinedSampleFailsAtEveryThresholdAndIsCounted()
    {
        // Sample u: no box left (a degenerate one) and nothing predicted: 0/0, NaN. Sample p: predicted exactly its box.
        // K = 2: success s(t) = 1/2 at every t (u fails even at t = 0), so cIoU@0.5 = 50, AUC = 100 · 1 · 1/2 = 50, mean 50.
        // Sample e: no box but a prediction: cIoU = 0 (defined), which counts at t = 0.
        var undefined = new Localization(ImageFrame(Benchmark.VggSs, "u_000001", "dog", "vggss_test", (30, 30, 30, 90)), "m", Block(0, 0, 0, 0));
        var perfect = new Localization(ImageFrame(Benchmark.VggSs, "p_000001", "dog", "vggss_test", (10, 10, 50, 50)), "m", Block(10, 10, 50, 50));
        var score = ScoreEvaluator.EvaluateFrames(new[] { undefined }, Protocol(ScoreProtocol.SlavcAbsolute)).Single();
        Assert.True(double.IsNaN(score.CIoU));
        var row = ScoreEvaluator.Evaluate(new[] { undefined, perfect }, Protocol(ScoreProtocol.SlavcAbsolute)).First();
        Assert.Equal((2, 1), (row.Frames, row.UndefinedFrames));
        Assert.Equal(50, row.CIoUAt50!.Value, 12);
        Assert.Equal(50, row.AUC!.Value, 12);
        Assert.Equal(50, row.MeanCIoU!.Value, 12);

        var empty = new Localization(ImageFrame(Benchmark.VggSs, "e_000001", "dog", null), "m", Block(0, 0, 5, 5));
        var defined = ScoreEvaluator.EvaluateFrames(new[] { empty }, Protocol(ScoreProtocol.SlavcAbsolute)).Single();
        Assert.Equal(0, defined.CIoU);
        var emptyRow = ScoreEvaluator.Evaluate(new[] { empty }, Protocol(ScoreProtocol.SlavcAbsolute)).Single();
        // s(0) = 1, s(t > 0) = 0: the first trapezoid only, 0.05 · (1 + 0) / 2 = 0.025.
        Assert.Equal((0, 2.5, 0), (emptyRow.UndefinedFrames!.Value, emptyRow.AUC!.Value, emptyRow.CIoUAt50!.Value));
    }

    [Fact]
    public void RowsArePerBenchmarkClassAndTestListWithTheDefaultProtocols()
    {
        var frames = new[]
        {
            new Localization(ImageFrame(Benchmark.VggSs, "a_000001", "dog", "vggss_heard_test", (0, 0, 112, 224)), "m", Block(0, 0, 112, 224)),
            new Localization(ImageFrame(Benchmark.VggSs, "b_000001", "cat", "vggss_unheard_test", (0, 0, 112, 224)), "m", Block(112, 0, 224, 224)),
            new Localization(ImageFrame(Benchmark.FlickrSoundNet, "3908875350", "", null, (0, 0, 112, 224), (0, 0, 112, 224)), "m", Block(0, 0, 112, 224)),
        };
        var rows = ScoreEvaluator.Evaluate(frames, new ScoreOptions { GroupBy = ScoreGrouping.Category });
        Assert.Equal(new[] { "VggSs Total", "VggSs Category:cat", "VggSs Category:dog", "VggSs TestList:vggss_heard_test", "VggSs TestList:vggss_unheard_test", "FlickrSoundNet Total", "FlickrSoundNet Category:" },
            rows.Select(row => $"{row.Benchmark} {row.Group}"));
        Assert.All(rows, row => Assert.Equal((ScoreProtocol.EzVsl, UpsampleMode.BilinearAlignCorners, TieRule.AtLeast), (row.Protocol, row.Interpolation, row.TieRule)));
        var total = rows[0];
        // Maps of two values, half of them 1: min-max gives 0 and 1, τ = 1 at index N/2, P = the 1s. Sample a (dog, heard)
        // predicts its box (cIoU 1), sample b (cat, unheard) the other half (cIoU 0).
        Assert.Equal((0.0, 100.0, 100.0, 0.0), (rows[1].CIoUAt50!.Value, rows[2].CIoUAt50!.Value, rows[3].CIoUAt50!.Value, rows[4].CIoUAt50!.Value));
        Assert.Equal(100, rows[5].CIoUAt50!.Value, 12);
        Assert.Equal(ScoreGroupKind.TestList, rows[3].GroupKind);
        Assert.Equal("vggss_heard_test", rows[3].GroupName);
        Assert.Equal(2, total.Frames);
        Assert.Equal(50, total.CIoUAt50!.Value, 12);
        Assert.Equal(total.Success50, total.CIoUAt50);
        Assert.Equal(total.CIoU, total.MeanCIoU);
    }

    [Fact]
    public void GivenSettingsWinOverThePresetAndAvatarFramesKeepTheirs()
    {
        var frame = ImageFrame(Benchmark.VggSs, "a_000001", "dog", null, (0, 0, 112, 224));
        var localization = new Localization(frame, "m", new Heatmap(2, 2, new float[] { 0, 1, 2, 3 }));
        var row = ScoreEvaluator.Evaluate(new[] { localization }, new ScoreOptions
        {
            Protocol = ScoreProtocol.EzVsl,
            TieRule = TieRule.Above,
            Upsample = UpsampleMode.Bicubic,
            ExplicitSettings = ProtocolSettings.TieRule | ProtocolSettings.Upsample,
        }).Single();
        Assert.Equal((TieRule.Above, UpsampleMode.Bicubic, ThresholdSource.PerFrame, 224), (row.TieRule, row.Interpolation, row.ThresholdSource, row.GridHeight));

        var avatar = ScoreEvaluatorTests.Run();
        var unchanged = ScoreEvaluator.Evaluate(avatar, new ScoreOptions { GridHeight = 4, GridWidth = 4 });
        Assert.All(unchanged, item => Assert.Equal((Benchmark.Avatar, ScoreProtocol.Avatar, ThresholdSource.Calibrated), (item.Benchmark, item.Protocol, item.ThresholdSource)));
        var lvs = ScoreEvaluator.Evaluate(avatar, new ScoreOptions { Protocol = ScoreProtocol.Lvs, GridHeight = 4, GridWidth = 4, ExplicitSettings = ProtocolSettings.Grid });
        Assert.All(lvs, item => Assert.Equal((ScoreProtocol.Lvs, ThresholdSource.PerFrame, TieRule.Above, 4), (item.Protocol, item.ThresholdSource, item.TieRule, item.GridHeight)));
        Assert.Null(unchanged[0].CIoUAt50);
    }

    [Fact]
    public void TheGlobalThresholdOnImageSamplesIsAnErrorNamingTheModel()
    {
        var localization = new Localization(ImageFrame(Benchmark.VggSs, "a_000001", "dog", null, (0, 0, 10, 10)), "ezvsl", Block(0, 0, 10, 10));
        var run = ScoreEvaluator.Run(new[] { localization }, new ScoreOptions { Protocol = ScoreProtocol.Avatar });
        var error = Assert.Single(run.Errors);
        Assert.Equal("ProtocolNotForBenchmark", error.ErrorId);
        Assert.Contains("ezvsl", error.Message);
        Assert.Empty(run.Scores);
    }

    [Fact]
    public void BoxesOnAnotherGridTakeTheCellOfEachPixelsCentre()
    {
        // A 112 × 112 grid samples map cell 2y + 1 (⌊(2y + 1)·224 / 224⌋): box [10, 20) covers grid cells 5–9 (centres 11–19).
        var frame = ImageFrame(Benchmark.VggSs, "a_000001", "dog", null, (10, 10, 20, 20));
        var score = ScoreEvaluator.EvaluateFrames(new[] { new Localization(frame, "m", Block(0, 0, 1, 1)) }, new ScoreOptions
        {
            Protocol = ScoreProtocol.SlavcAbsolute,
            GridHeight = 112,
            GridWidth = 112,
            ExplicitSettings = ProtocolSettings.Grid,
        }).Single();
        Assert.Equal(25, score.TruthPixels);
    }
}
