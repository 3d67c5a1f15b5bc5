using AvatarTools.Core.Dataset;
using AvatarTools.Core.Scoring;
using MathNet.Numerics.Random;
using Xunit;
using static AvatarTools.Core.Tests.Scoring.FrameScoreFactory;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The clip bootstrap of the table's rows. Every expected value is computed in the test from the frames directly (the frames
/// of the drawn clips concatenated, then the mean, the trapezoid and the share written out here) and the percentile by the
/// type-7 formula below, never through the code under test.
/// </summary>
public class ClipBootstrapTests
{
    /// <summary>Type-7 quantile (NumPy's default): h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) of the sorted values.</summary>
    internal static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var h = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
    }

    /// <summary>100 × mean cIoU.</summary>
    internal static double Mean(IReadOnlyList<double> values) => 100 * values.Sum() / values.Count;

    /// <summary>100 × trapezoid of s(t_i) = #{c ≥ t_i} / K over t_i = 0.05·i, i = 0..20, written out.</summary>
    internal static double Auc(IReadOnlyList<double> values)
    {
        var area = 0.0;
        for (var i = 0; i < 20; i++)
        {
            var left = values.Count(v => v >= 0.05 * i) / (double)values.Count;
            var right = values.Count(v => v >= 0.05 * (i + 1)) / (double)values.Count;
            area += ((0.05 * (i + 1)) - (0.05 * i)) * (left + right) / 2;
        }
        return 100 * area;
    }

    /// <summary>100 × share of values ≥ 0.5.</summary>
    internal static double Success(IReadOnlyList<double> values) => 100.0 * values.Count(v => v >= 0.5) / values.Count;

    /// <summary>One bootstrap replicate of the documented stream: 4·C bytes, clip ⌊u · C / 2^32⌋ per little-endian uint32 u.</summary>
    internal static string[] DrawClips(Xoshiro256StarStar generator, string[] clips)
    {
        var bytes = new byte[4 * clips.Length];
        generator.NextBytes(bytes);
        return Enumerable.Range(0, clips.Length).Select(j => clips[(int)(BitConverter.ToUInt32(bytes, 4 * j) * (ulong)clips.Length / 4294967296UL)]).ToArray();
    }

    /// <summary>Replays a fixed list of draws (clip index lists), replicate after replicate.</summary>
    private sealed class ListedDraws : IClipDraws
    {
        private readonly IReadOnlyList<int[]> _draws;
        private int _next;

        public ListedDraws(IReadOnlyList<int[]> draws) => _draws = draws;

        public void DrawClips(Span<int> weights)
        {
            weights.Clear();
            foreach (var clip in _draws[_next++])
            {
                weights[clip]++;
            }
        }
    }

    [Fact]
    public void AucContributionsOfSingleFramesAreTheTrapezoidOfOneFrame()
    {
        // c = 0: only s(t_0) = 1, so the area is the half-step 0.05 / 2. c = 0.5 = t_10: ten full steps and a half-step.
        // c = 1 = t_20 (0.05 × 20 rounds to 1.0): the whole unit area. c = 0.26: s = 1 up to t_5 = 0.25, so five full steps and a half.
        Assert.Equal(0.025, FrameMetricValues.AucContribution(0), 12);
        Assert.Equal(0.525, FrameMetricValues.AucContribution(0.5), 12);
        Assert.Equal(1.0, FrameMetricValues.AucContribution(1), 12);
        Assert.Equal(0.275, FrameMetricValues.AucContribution(0.26), 12);
        var random = new Random(5);
        var values = Enumerable.Range(0, 37).Select(_ => random.NextDouble()).ToArray();
        Assert.Equal(Auc(values), 100 * values.Average(FrameMetricValues.AucContribution), 10);
    }

    [Fact]
    public void ThreeClipsEnumeratedExhaustivelyGiveTheExactBootstrapDistribution()
    {
        // Clip 0: cIoU 0.1, 0.3; clip 1: 0.6; clip 2: 0.0, 0.2, 0.4. All 27 ordered draws of three clips, each once: the exact
        // bootstrap distribution of the row. Expected: per draw, the frames of the drawn clips concatenated (a clip drawn twice
        // twice) and scored directly.
        var clips = new[] { new[] { 0.1, 0.3 }, new[] { 0.6 }, new[] { 0.0, 0.2, 0.4 } };
        var draws = new List<int[]>();
        for (var a = 0; a < 3; a++)
        {
            for (var b = 0; b < 3; b++)
            {
                for (var c = 0; c < 3; c++)
                {
                    draws.Add(new[] { a, b, c });
                }
            }
        }
        var group = ClipGroup.Of(clips.SelectMany((values, clip) => values.Select(v => (clip, new[]
        {
            v, FrameMetricValues.AucContribution(v), v >= 0.5 ? 1.0 : 0.0,
        }))), 3);
        var replicates = ClipBootstrap.Replicates(3, new[] { group }, new ListedDraws(draws), draws.Count)[0];

        var expectedMean = draws.Select(draw => Mean(draw.SelectMany(clip => clips[clip]).ToArray())).ToArray();
        var expectedAuc = draws.Select(draw => Auc(draw.SelectMany(clip => clips[clip]).ToArray())).ToArray();
        var expectedSuccess = draws.Select(draw => Success(draw.SelectMany(clip => clips[clip]).ToArray())).ToArray();
        Assert.Equal(27, replicates[0].Length);
        for (var d = 0; d < 27; d++)
        {
            Assert.Equal(expectedMean[d], replicates[0][d], 10);
            Assert.Equal(expectedAuc[d], replicates[1][d], 10);
            Assert.Equal(expectedSuccess[d], replicates[2][d], 10);
        }
        // (0, 0, 0) is clip 0 three times: mean 20; (1, 1, 1) is 0.6 alone: 60, Success 100.
        Assert.Equal(20, replicates[0][0], 10);
        Assert.Equal(60, replicates[0][13], 10);
        Assert.Equal(100, replicates[2][13], 10);

        var interval = ClipBootstrap.Percentile(replicates[0], 0.8)!.Value;
        Assert.Equal(Quantile(expectedMean, 0.1), interval.Lower, 10);
        Assert.Equal(Quantile(expectedMean, 0.9), interval.Upper, 10);
    }

    [Fact]
    public void RowsReproduceASeededResampleComputedByAnIndependentLoop()
    {
        // 9 clips; Single-Sound and Multi-Entity frames, a Mixed-Sound frame in two clips only, Off-Screen frames in three.
        var scores = new List<FrameScore>();
        var random = new Random(11);
        for (var c = 0; c < 9; c++)
        {
            var clip = $"v{(char)('a' + c)}_00000";
            for (var f = 0; f < 1 + (c % 3); f++)
            {
                var scenarios = f == 1 ? new[] { AvatarScenario.SingleSound, AvatarScenario.MultiEntity } : new[] { AvatarScenario.SingleSound };
                scores.Add(OnScreen(clip, f, random.NextDouble() * 0.8, scenarios: scenarios));
            }
            if (c is 2 or 6)
            {
                scores.Add(OnScreen(clip, 10, 0.55, scenarios: new[] { AvatarScenario.MixedSound }));
            }
            if (c % 3 == 0)
            {
                scores.Add(OffScreen(clip, 20, c != 3));
            }
        }
        const int seed = 42;
        const int resamples = 400;
        const double level = 0.9;
        var rows = ScoreEvaluator.Summarize(scores, new ScoreOptions { ConfidenceLevel = level, Resamples = resamples, BootstrapSeed = seed });

        // The documented draws: clip ids in ordinal order; one xoshiro256** stream seeded with the seed; each replicate takes
        // 4·C bytes and draws clip ⌊u · C / 2^32⌋ for each little-endian uint32 u of them.
        var clipIds = scores.Select(s => s.VideoId).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();
        var generator = new Xoshiro256StarStar(seed, false);
        var drawn = new List<string[]>();
        for (var b = 0; b < resamples; b++)
        {
            drawn.Add(DrawClips(generator, clipIds));
        }
        void Check(string group, Func<FrameScore, bool> member, AvatarScore row)
        {
            var samples = new List<List<FrameScore>>();
            foreach (var draw in drawn)
            {
                var frames = draw.SelectMany(clip => scores.Where(s => s.VideoId == clip && member(s))).ToList();
                if (frames.Count > 0)
                {
                    samples.Add(frames);
                }
            }
            Assert.Equal(samples.Count, row.Resamples);
            Assert.Equal(level, row.ConfidenceLevel);
            Assert.Equal(seed, row.BootstrapSeed);
            if (group == "Off-Screen")
            {
                var tn = samples.Select(f => 100.0 * f.Count(s => s.TrueNegative == true) / f.Count).ToArray();
                Assert.Equal(Quantile(tn, 0.05), row.TNRateLower!.Value, 9);
                Assert.Equal(Quantile(tn, 0.95), row.TNRateUpper!.Value, 9);
                Assert.Null(row.CIoULower);
                return;
            }
            var values = samples.Select(f => f.Select(s => s.CIoU).ToArray()).ToList();
            Assert.Equal(Quantile(values.Select(Mean), 0.05), row.CIoULower!.Value, 9);
            Assert.Equal(Quantile(values.Select(Mean), 0.95), row.CIoUUpper!.Value, 9);
            Assert.Equal(Quantile(values.Select(Auc), 0.05), row.AUCLower!.Value, 9);
            Assert.Equal(Quantile(values.Select(Auc), 0.95), row.AUCUpper!.Value, 9);
            Assert.Equal(Quantile(values.Select(Success), 0.05), row.Success50Lower!.Value, 9);
            Assert.Equal(Quantile(values.Select(Success), 0.95), row.Success50Upper!.Value, 9);
            Assert.Null(row.TNRateLower);
        }
        Check("Total", s => !s.IsOffScreen, rows.Single(r => r.Group == "Total"));
        Check("Single-Sound", s => s.Scenarios.Contains(AvatarScenario.SingleSound), rows.Single(r => r.Group == "Single-Sound"));
        Check("Multi-Entity", s => s.Scenarios.Contains(AvatarScenario.MultiEntity), rows.Single(r => r.Group == "Multi-Entity"));
        Check("Off-Screen", s => s.IsOffScreen, rows.Single(r => r.Group == "Off-Screen"));
        var mixed = rows.Single(r => r.Group == "Mixed-Sound");
        Assert.Equal(2, mixed.Clips);
        Assert.True(mixed.Resamples < resamples, "replicates that drew neither Mixed-Sound clip are left out");
        // Both Mixed-Sound frames score 0.55: every replicate gives 55, and the interval is [55, 55] exactly.
        Assert.Equal(55, mixed.CIoULower!.Value, 12);
        Assert.Equal(55, mixed.CIoUUpper!.Value, 12);
        Assert.Equal(mixed.CIoU!.Value, mixed.CIoULower!.Value);
        Assert.Equal(100, mixed.Success50Lower);
        Assert.Equal(100, mixed.Success50Upper);
    }

    [Fact]
    public void IntervalsContainTheEstimateAndNarrowAsClipsAreAdded()
    {
        var widths = new List<double>();
        foreach (var clips in new[] { 20, 80, 320, 1280 })
        {
            var rows = ScoreEvaluator.Summarize(ClipSet(clips, 5, 3), new ScoreOptions { ConfidenceLevel = 0.95, BootstrapSeed = 9 });
            foreach (var row in rows)
            {
                foreach (var (value, lower, upper) in new[]
                {
                    (row.CIoU, row.CIoULower, row.CIoUUpper), (row.AUC, row.AUCLower, row.AUCUpper),
                    (row.Success50, row.Success50Lower, row.Success50Upper), (row.TNRate, row.TNRateLower, row.TNRateUpper),
                })
                {
                    Assert.Equal(value is null, lower is null);
                    if (value is not null)
                    {
                        Assert.InRange(value.Value, lower!.Value - 1e-9, upper!.Value + 1e-9);
                        Assert.True(upper > lower, $"{row.Group} with {clips} clips: a non-degenerate interval");
                    }
                }
                if (row.GroupKind == ScoreGroupKind.Total)
                {
                    Assert.Equal(2000, row.Resamples);
                }
            }
            var total = rows.Single(r => r.Group == "Total");
            widths.Add(total.CIoUUpper!.Value - total.CIoULower!.Value);
        }
        // The width shrinks as 1/√C: each fourfold increase in clips about halves it.
        for (var i = 1; i < widths.Count; i++)
        {
            Assert.InRange(widths[i] / widths[i - 1], 0.35, 0.7);
        }
    }

    [Fact]
    public void ClipsAreResampledNotFrames()
    {
        // Five identical frames per clip carry no more information than one: resampling clips gives exactly the interval of
        // the one-frame-per-clip set (the same seed draws the same clips), where resampling frames would narrow it by √5.
        var five = ClipSet(60, 1, 4).Where(s => !s.IsOffScreen)
            .SelectMany(s => Enumerable.Range(0, 5).Select(f => s with { FrameIndex = f })).ToList();
        var one = ClipSet(60, 1, 4).Where(s => !s.IsOffScreen).ToList();
        var options = new ScoreOptions { ConfidenceLevel = 0.95, BootstrapSeed = 17 };
        var fiveTotal = ScoreEvaluator.Summarize(five, options).Single(r => r.Group == "Total");
        var oneTotal = ScoreEvaluator.Summarize(one, options).Single(r => r.Group == "Total");
        Assert.Equal(oneTotal.CIoULower!.Value, fiveTotal.CIoULower!.Value, 9);
        Assert.Equal(oneTotal.CIoUUpper!.Value, fiveTotal.CIoUUpper!.Value, 9);
        Assert.Equal(60, fiveTotal.Clips);
        Assert.Equal(300, fiveTotal.Frames);
    }

    [Fact]
    public void TheSameSeedGivesTheSameIntervalsAndAnotherSeedOthers()
    {
        var scores = ClipSet(50, 5, 8);
        var first = ScoreEvaluator.Summarize(scores, new ScoreOptions { ConfidenceLevel = 0.95, BootstrapSeed = 123 });
        var again = ScoreEvaluator.Summarize(scores, new ScoreOptions { ConfidenceLevel = 0.95, BootstrapSeed = 123 });
        var other = ScoreEvaluator.Summarize(scores, new ScoreOptions { ConfidenceLevel = 0.95, BootstrapSeed = 124 });
        Assert.Equal(first, again);
        Assert.NotEqual(first.Single(r => r.Group == "Total").CIoULower, other.Single(r => r.Group == "Total").CIoULower);
        var unseeded = ScoreEvaluator.Summarize(scores, new ScoreOptions { ConfidenceLevel = 0.95 });
        var seed = unseeded[0].BootstrapSeed!.Value;
        Assert.All(unseeded, row => Assert.Equal(seed, row.BootstrapSeed));
        Assert.Equal(unseeded, ScoreEvaluator.Summarize(scores, new ScoreOptions { ConfidenceLevel = 0.95, BootstrapSeed = seed }));
    }

    [Fact]
    public void DegenerateGroupsGetNoIntervalOrAZeroWidthOne()
    {
        var scores = new List<FrameScore>
        {
            // One clip holds every Multi-Entity frame: no interval. Every Off-Screen frame is a true negative: [100, 100].
            OnScreen("a_00000", 1, 0.2), OnScreen("a_00000", 2, 0.4, scenarios: new[] { AvatarScenario.MultiEntity }),
            OnScreen("b_00000", 1, 0.6), OnScreen("b_00000", 2, 0.3, scenarios: new[] { AvatarScenario.MultiEntity }),
            OnScreen("c_00000", 1, 0.1), OffScreen("c_00000", 2, true), OffScreen("d_00000", 1, true),
        };
        scores[3] = scores[3] with { VideoId = "a_00000", FrameIndex = 3 };
        var rows = ScoreEvaluator.Summarize(scores, new ScoreOptions { ConfidenceLevel = 0.95, BootstrapSeed = 1, GroupBy = ScoreGrouping.Video });
        var multi = rows.Single(r => r.Group == "Multi-Entity");
        Assert.Equal(1, multi.Clips);
        Assert.Null(multi.CIoULower);
        Assert.Null(multi.CIoUUpper);
        Assert.Null(multi.Resamples);
        Assert.Equal(0.95, multi.ConfidenceLevel);
        var off = rows.Single(r => r.Group == "Off-Screen");
        Assert.Equal((100.0, 100.0), (off.TNRateLower!.Value, off.TNRateUpper!.Value));
        Assert.DoesNotContain(rows, r => r.Group == "Mixed-Sound");
        Assert.All(rows.Where(r => r.GroupKind == ScoreGroupKind.Video), r => Assert.Null(r.CIoULower));
        // Without a level, no row carries interval fields.
        Assert.All(ScoreEvaluator.Summarize(scores), r => Assert.Null(r.ConfidenceLevel ?? r.CIoULower ?? r.BootstrapSeed));
    }

    [Fact]
    public void ALevelOutsideTheOpenUnitIntervalIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new ScoreOptions { ConfidenceLevel = 1 }.Validate());
        Assert.Throws<ArgumentException>(() => new ScoreOptions { ConfidenceLevel = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new ScoreOptions { ConfidenceLevel = 0.95, Resamples = 0 }.Validate());
    }
}
