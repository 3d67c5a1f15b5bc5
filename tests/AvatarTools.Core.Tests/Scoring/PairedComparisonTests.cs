using AvatarTools.Core.Scoring;
using MathNet.Numerics.Random;
using Xunit;
using Xunit.Abstractions;
using static AvatarTools.Core.Tests.Scoring.ClipBootstrapTests;
using static AvatarTools.Core.Tests.Scoring.FrameScoreFactory;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// The paired comparison: differences, paired clip-bootstrap intervals and sign-flip p-values, checked against values worked
/// out by hand, a seeded resample replayed by an independent loop, and rates measured over many synthetic data sets.
/// </summary>
public class PairedComparisonTests
{
    private readonly ITestOutputHelper _output;

    public PairedComparisonTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void AModelComparedWithItselfGivesZeroAZeroWidthIntervalAndPOne()
    {
        var reference = ClipSet(30, 5, 1, "ref");
        var copy = reference.Select(score => As(score, "copy")).ToList();
        var run = PairedComparison.Compare(reference.Concat(copy).ToList(), "ref", new ComparisonOptions { Seed = 3 });
        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "Total", "Single-Sound", "Off-Screen" }, run.Comparisons.Select(c => c.Group).Distinct());
        Assert.Equal(new[] { TableMetric.CIoU, TableMetric.AUC, TableMetric.Success50 }, run.Comparisons.Where(c => c.Group == "Total").Select(c => c.Metric));
        Assert.Equal(TableMetric.TNRate, run.Comparisons.Single(c => c.Group == "Off-Screen").Metric);
        foreach (var comparison in run.Comparisons)
        {
            Assert.Equal(0, comparison.Difference);
            Assert.Equal(0, comparison.Lower);
            Assert.Equal(0, comparison.Upper);
            Assert.Equal(1, comparison.PValue);
            Assert.Equal("copy", comparison.Model);
            Assert.Equal(comparison.Value, comparison.ReferenceValue);
        }
    }

    [Fact]
    public void ValuesAreThoseOfTheSummaryRows()
    {
        var a = ClipSet(40, 4, 2, "a");
        var b = ClipSet(40, 4, 5, "b");
        var rows = ScoreEvaluator.Summarize(a.Concat(b).ToList());
        var run = PairedComparison.Compare(a.Concat(b).ToList(), "a", new ComparisonOptions { Seed = 1 });
        foreach (var comparison in run.Comparisons)
        {
            var model = rows.Single(r => r.Model == "b" && r.Group == comparison.Group);
            var reference = rows.Single(r => r.Model == "a" && r.Group == comparison.Group);
            double? Of(AvatarScore row) => comparison.Metric.Name switch
            {
                "CIoU" => row.CIoU,
                "AUC" => row.AUC,
                "Success50" => row.Success50,
                _ => row.TNRate,
            };
            Assert.Equal(Of(model), comparison.Value);
            Assert.Equal(Of(reference), comparison.ReferenceValue);
            Assert.Equal(Of(model) - Of(reference), comparison.Difference);
            Assert.Equal(model.Clips, comparison.Clips);
        }
    }

    [Fact]
    public void ThreeClipsGiveTheExactSignFlipPValue()
    {
        // Per clip, the model's cIoU minus the reference's: D = (+0.10, +0.20, −0.05), observed T = 0.25.
        // The 8 sign patterns give ±0.25, ±0.35, ±0.15, ±0.05: |T(ε)| ≥ 0.25 for four of them, so p = 4/8 = 0.5.
        var reference = new[] { OnScreen("a_00000", 1, 0.40, "ref"), OnScreen("b_00000", 1, 0.40, "ref"), OnScreen("c_00000", 1, 0.35, "ref") };
        var model = new[] { OnScreen("a_00000", 1, 0.50, "new"), OnScreen("b_00000", 1, 0.60, "new"), OnScreen("c_00000", 1, 0.30, "new") };
        var run = PairedComparison.Compare(reference.Concat(model).ToList(), "ref", new ComparisonOptions { Seed = 1, Resamples = 100 });
        var ciou = run.Comparisons.Single(c => c.Group == "Total" && c.Metric == TableMetric.CIoU);
        Assert.True(ciou.PValueExact);
        Assert.Equal(0.5, ciou.PValue, 12);
        Assert.Equal(100 * 0.25 / 3, ciou.Difference, 10);
        // Success50: only clip b crosses 0.5 for the model; D = (1, 1, 0) (0.50 counts): T = 2, |T(ε)| ≥ 2 for ε = ±(1, 1, ·): p = 4/8.
        var success = run.Comparisons.Single(c => c.Group == "Total" && c.Metric == TableMetric.Success50);
        Assert.Equal(0.5, success.PValue, 12);
        Assert.Equal(100 * 2.0 / 3, success.Difference, 10);
    }

    [Fact]
    public void ASeededComparisonIsReproducedByAnIndependentLoop()
    {
        // 20 clips (more than 16 and 2^20 > resamples, so the p-value is sampled). The documented stream: xoshiro256** seeded
        // with the seed; first the bootstrap replicates (ClipBootstrapTests.DrawClips, over the clips in ordinal order), then
        // per sign replicate C bytes, clip c flipped when byte c is odd.
        var reference = ClipSet(20, 3, 21, "ref").Where(s => !s.IsOffScreen).ToList();
        var random = new Random(4);
        var model = reference.Select(s => As(s, "new") with { CIoU = Math.Clamp(s.CIoU + (0.1 * (random.NextDouble() - 0.3)), 0, 1) }).ToList();
        const int seed = 77;
        const int resamples = 300;
        var run = PairedComparison.Compare(reference.Concat(model).ToList(), "ref", new ComparisonOptions { Seed = seed, Resamples = resamples, ConfidenceLevel = 0.9 });
        var ciou = run.Comparisons.Single(c => c.Group == "Total" && c.Metric == TableMetric.CIoU);
        var auc = run.Comparisons.Single(c => c.Group == "Total" && c.Metric == TableMetric.AUC);

        var clips = reference.Select(s => s.VideoId).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();
        var generator = new Xoshiro256StarStar(seed, false);
        var differences = new List<double>();
        var aucDifferences = new List<double>();
        for (var b = 0; b < resamples; b++)
        {
            var draw = DrawClips(generator, clips);
            var m = draw.SelectMany(clip => model.Where(s => s.VideoId == clip).Select(s => s.CIoU)).ToArray();
            var r = draw.SelectMany(clip => reference.Where(s => s.VideoId == clip).Select(s => s.CIoU)).ToArray();
            differences.Add(Mean(m) - Mean(r));
            aucDifferences.Add(Auc(m) - Auc(r));
        }
        Assert.Equal(Quantile(differences, 0.05), ciou.Lower!.Value, 9);
        Assert.Equal(Quantile(differences, 0.95), ciou.Upper!.Value, 9);
        Assert.Equal(Quantile(aucDifferences, 0.05), auc.Lower!.Value, 9);
        Assert.Equal(Quantile(aucDifferences, 0.95), auc.Upper!.Value, 9);

        // The sign flips: T(ε) = Σ_c ε_c Σ_{frames of c} (model − reference).
        var clipSums = clips.Select(clip => model.Where(s => s.VideoId == clip).Sum(s => s.CIoU) - reference.Where(s => s.VideoId == clip).Sum(s => s.CIoU)).ToArray();
        var observed = Math.Abs(clipSums.Sum());
        var extreme = 0;
        var signs = new byte[clips.Length];
        for (var b = 0; b < resamples; b++)
        {
            generator.NextBytes(signs);
            var t = 0.0;
            for (var c = 0; c < clips.Length; c++)
            {
                t += signs[c] % 2 == 0 ? clipSums[c] : -clipSums[c];
            }
            extreme += Math.Abs(t) >= observed - 1e-9 ? 1 : 0;
        }
        Assert.False(ciou.PValueExact);
        Assert.Equal((1.0 + extreme) / (resamples + 1), ciou.PValue, 12);
        Assert.Equal(resamples, ciou.Resamples);
        Assert.Equal(20, ciou.Clips);
    }

    [Fact]
    public void APlantedDifferenceIsDetectedAndANullOneAtTheStatedRate()
    {
        // 40 clips of 5 frames: the reference's frames are μ_c + noise; the planted model adds 0.04 (4 CIoU points) to every
        // frame before its own noise; the null model has the reference's distribution with fresh noise (the two models are
        // exchangeable within each clip, the null hypothesis of the sign-flip test).
        static (List<FrameScore> Reference, List<FrameScore> Model) Data(int seed, double shift)
        {
            var random = new Random(seed);
            var reference = new List<FrameScore>();
            var model = new List<FrameScore>();
            for (var c = 0; c < 40; c++)
            {
                var clip = $"clip{c:D3}_00000";
                var level = 0.1 + (0.4 * random.NextDouble());
                for (var f = 0; f < 5; f++)
                {
                    reference.Add(OnScreen(clip, f, Math.Clamp(level + (0.1 * Gaussian(random)), 0, 1), "ref"));
                    model.Add(OnScreen(clip, f, Math.Clamp(level + shift + (0.1 * Gaussian(random)), 0, 1), "new"));
                }
            }
            return (reference, model);
        }
        const int datasets = 400;
        int detected = 0, falsePositives = 0, nullIntervalsExcludingZero = 0, plantedCovered = 0;
        for (var seed = 0; seed < datasets; seed++)
        {
            var options = new ComparisonOptions { Seed = seed, Resamples = 999 };
            var (reference, planted) = Data(seed, 0.04);
            var plantedResult = PairedComparison.Compare(reference.Concat(planted).ToList(), "ref", options).Comparisons
                .Single(c => c.Group == "Total" && c.Metric == TableMetric.CIoU);
            detected += plantedResult.PValue < 0.05 ? 1 : 0;
            plantedCovered += plantedResult.Lower <= 4 && 4 <= plantedResult.Upper ? 1 : 0;
            var (nullReference, nullModel) = Data(seed + 100_000, 0);
            var nullResult = PairedComparison.Compare(nullReference.Concat(nullModel).ToList(), "ref", options).Comparisons
                .Single(c => c.Group == "Total" && c.Metric == TableMetric.CIoU);
            falsePositives += nullResult.PValue < 0.05 ? 1 : 0;
            nullIntervalsExcludingZero += nullResult.Lower > 0 || nullResult.Upper < 0 ? 1 : 0;
        }
        _output.WriteLine($"planted +4 CIoU points: detected in {detected}/{datasets} (p < 0.05), interval covers +4 in {plantedCovered}/{datasets}");
        _output.WriteLine($"null: p < 0.05 in {falsePositives}/{datasets}; 95% interval excludes 0 in {nullIntervalsExcludingZero}/{datasets}");
        // A clip's mean difference has sd 0.1 · √2 / √5 ≈ 0.063, so over 40 clips the standard error is about 0.01 (one CIoU
        // point): +4 points is about four standard errors, detected at the 5 % level about 98 % of the time.
        Assert.True(detected >= 0.9 * datasets, $"planted difference detected in {detected}/{datasets}");
        // Binomial(400, 0.05): mean 20, sd 4.4; the band is about ±3 sd.
        Assert.InRange(falsePositives, 7, 34);
        Assert.InRange(nullIntervalsExcludingZero, 7, 40);
        Assert.InRange(plantedCovered, 0.9 * datasets, datasets);
    }

    [Fact]
    public void FramesOfOnlyOneModelAreAnErrorListingThemWhileOtherModelsAreCompared()
    {
        var reference = ClipSet(10, 3, 1, "ref");
        var good = reference.Select(s => As(s, "good")).ToList();
        var partial = reference.Select(s => As(s, "partial")).Where(s => !(s.VideoId == "clip00002_00000" && s.FrameIndex == 1)).ToList();
        partial.Add(OnScreen("extra_00000", 7, 0.3, "partial"));
        var run = PairedComparison.Compare(reference.Concat(good).Concat(partial).ToList(), "ref", new ComparisonOptions { Seed = 1 });
        var error = Assert.Single(run.Errors);
        Assert.Equal("FramesNotShared", error.ErrorId);
        Assert.Contains("extra_00000/00007 (only partial)", error.Message);
        Assert.Contains("clip00002_00000/00001 (only ref)", error.Message);
        Assert.All(run.Comparisons, c => Assert.Equal("good", c.Model));
        Assert.NotEmpty(run.Comparisons);
    }

    [Fact]
    public void BadInputIsReportedWithItsId()
    {
        var reference = ClipSet(5, 2, 1, "ref");
        var other = reference.Select(s => As(s, "other")).ToList();
        Assert.Equal("ReferenceNotFound", Assert.Throws<AvatarDataException>(() => PairedComparison.Compare(reference.Concat(other).ToList(), "nope")).ErrorId);
        Assert.Equal("ComparisonNeedsTwoModels", Assert.Throws<AvatarDataException>(() => PairedComparison.Compare(reference, "ref")).ErrorId);
        var twice = other.Concat(new[] { other[0] }).ToList();
        var run = PairedComparison.Compare(reference.Concat(twice).ToList(), "ref");
        Assert.Equal("DuplicateFrameScore", Assert.Single(run.Errors).ErrorId);
        var otherFraction = reference.Select(s => As(s, "other") with { TopFraction = 0.2 }).ToList();
        run = PairedComparison.Compare(reference.Concat(otherFraction).ToList(), "ref");
        Assert.Equal("ReferenceFractionNotFound", Assert.Single(run.Errors).ErrorId);
        Assert.Empty(run.Comparisons);
        Assert.Throws<ArgumentException>(() => PairedComparison.Compare(reference.Concat(other).ToList(), "ref", new ComparisonOptions { ConfidenceLevel = 1.5 }));
    }

    [Fact]
    public void AOneClipGroupHasNoIntervalAndPOne()
    {
        var reference = ClipSet(6, 3, 2, "ref");
        var model = reference.Select(s => As(s, "new") with { CIoU = Math.Min(1, s.CIoU + 0.2) }).ToList();
        var run = PairedComparison.Compare(reference.Concat(model).ToList(), "ref", new ComparisonOptions { Seed = 1, GroupBy = ScoreGrouping.Video });
        var clips = run.Comparisons.Where(c => c.GroupKind == ScoreGroupKind.Video).ToList();
        Assert.Equal(6 * 3, clips.Count);
        Assert.All(clips, c =>
        {
            Assert.Equal(1, c.Clips);
            Assert.Null(c.Lower);
            Assert.Null(c.Resamples);
            Assert.Equal(1, c.PValue);
            Assert.True(c.PValueExact);
        });
        // Six clips all improved: the exact test's smallest p-value, 2 / 2^6.
        Assert.Equal(2.0 / 64, run.Comparisons.Single(c => c.Group == "Total" && c.Metric == TableMetric.CIoU).PValue, 12);
    }
}
