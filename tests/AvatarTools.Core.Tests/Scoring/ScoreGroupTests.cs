using AvatarTools.Core.Dataset;
using AvatarTools.Core.Reports;
using AvatarTools.Core.Scoring;
using Xunit;
using static AvatarTools.Core.Tests.Scoring.FrameScoreFactory;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// Groups as data (<see cref="ScoreGroup"/>): every kind through its printed label and back, the table's order, one source of
/// membership for the summary rows and the comparisons, and a metric defined here alone that gets intervals and comparisons.
/// </summary>
public class ScoreGroupTests
{
    public static TheoryData<ScoreGroupKind, string, string> Labels => new()
    {
        { ScoreGroupKind.Total, "Total", "Total" },
        { ScoreGroupKind.Scenario, "Single-Sound", "Single-Sound" },
        { ScoreGroupKind.Scenario, "Mixed-Sound", "Mixed-Sound" },
        { ScoreGroupKind.Scenario, "Multi-Entity", "Multi-Entity" },
        { ScoreGroupKind.OffScreen, "Off-Screen", "Off-Screen" },
        { ScoreGroupKind.CrossEvent, "Cross-event", "Cross-event" },
        { ScoreGroupKind.Category, "playing violin, fiddle", "Category:playing violin, fiddle" },
        { ScoreGroupKind.Category, "a:b", "Category:a:b" },
        { ScoreGroupKind.Category, "Video:x", "Category:Video:x" },
        { ScoreGroupKind.Video, "abc:def_00010", "Video:abc:def_00010" },
        { ScoreGroupKind.Video, "-_9XyZ_00000", "Video:-_9XyZ_00000" },
        { ScoreGroupKind.TestList, "vggss_heard_test", "TestList:vggss_heard_test" },
        { ScoreGroupKind.TestList, "list:2", "TestList:list:2" },
    };

    [Theory]
    [MemberData(nameof(Labels))]
    public void EveryKindRoundTripsThroughItsLabel(ScoreGroupKind kind, string name, string label)
    {
        var group = new ScoreGroup(kind, name);
        Assert.Equal(label, group.Label);
        Assert.Equal(label, group.ToString());
        Assert.Equal(group, ScoreGroup.Parse(label));
        Assert.Equal((kind, name), ReportRowReader.GroupOf(label));
    }

    [Fact]
    public void TheNamedGroupsAreThoseTheRowsPrint()
    {
        Assert.Equal(new ScoreGroup(ScoreGroupKind.Total, "Total"), ScoreGroup.Total);
        Assert.Equal(new ScoreGroup(ScoreGroupKind.OffScreen, "Off-Screen"), ScoreGroup.OffScreen);
        Assert.Equal(new ScoreGroup(ScoreGroupKind.CrossEvent, "Cross-event"), ScoreGroup.CrossEvent);
        Assert.Equal(new ScoreGroup(ScoreGroupKind.Scenario, "Mixed-Sound"), ScoreGroup.Scenario(AvatarScenario.MixedSound));
        Assert.Equal("Category:dog", ScoreGroup.Category("dog").Label);
    }

    [Fact]
    public void GroupsSortInTheTablesOrder()
    {
        var expected = new[]
        {
            ScoreGroup.Total, ScoreGroup.Scenario(AvatarScenario.SingleSound), ScoreGroup.Scenario(AvatarScenario.MixedSound),
            ScoreGroup.Scenario(AvatarScenario.MultiEntity), ScoreGroup.OffScreen, ScoreGroup.CrossEvent, ScoreGroup.Category("cat"),
            ScoreGroup.Category("dog"), ScoreGroup.TestList("a_test"), ScoreGroup.Video("a_00000"), ScoreGroup.Video("b_00000"),
        };
        var shuffled = expected.Reverse().Concat(expected.Where((_, i) => i % 2 == 0)).ToList();
        var sorted = shuffled.Order().Distinct().ToArray();
        Assert.Equal(expected, sorted);
        Assert.True(ScoreGroup.Total < ScoreGroup.OffScreen);
        Assert.True(ScoreGroup.Video("a") > ScoreGroup.Category("z"));
    }

    [Fact]
    public void RowsKeepTheirGroupFieldsAndGiveTheGroupBack()
    {
        var rows = ScoreEvaluator.Summarize(Frames("m"), new ScoreOptions { GroupBy = ScoreGrouping.Category, CrossEvent = true },
            new HashSet<string>(StringComparer.Ordinal) { "b_00000" });
        Assert.Equal(
            new[] { "Total", "Single-Sound", "Mixed-Sound", "Multi-Entity", "Off-Screen", "Cross-event", "Category:a:b", "Category:dog" },
            rows.Select(row => row.Group));
        foreach (var row in rows)
        {
            var group = row.GetScoreGroup();
            Assert.Equal(row.Group, group.Label);
            Assert.Equal(row.GroupKind, group.Kind);
            Assert.Equal(row.GroupName, group.Name);
        }
    }

    [Theory]
    [InlineData(ScoreGrouping.Category)]
    [InlineData(ScoreGrouping.Video)]
    public void SummaryAndComparisonAgreeOnEveryGroupsMembers(ScoreGrouping groupBy)
    {
        var frames = Frames("a").Concat(Frames("b", shift: 0.1)).ToList();
        var rows = ScoreEvaluator.Summarize(frames, new ScoreOptions { GroupBy = groupBy });
        var run = PairedComparison.Compare(frames, "a", new ComparisonOptions { Seed = 2, GroupBy = groupBy, Resamples = 50 });
        Assert.Empty(run.Errors);
        var compared = run.Comparisons.Select(c => (c.Group, c.GroupKind, c.GroupName, c.Frames, c.Clips)).Distinct().ToList();
        var summarised = rows.Where(row => row.Model == "a").Select(row => (row.Group, row.GroupKind, row.GroupName, row.Frames, Clips: row.Clips!.Value)).ToList();
        Assert.Equal(summarised, compared);

        // The members by hand: the on-screen frames of a (8 of them in clips a_, b_, c_) and the Off-Screen frame in c_.
        Assert.Equal(8, rows.Single(row => row.Model == "a" && row.Group == "Total").Frames);
        if (groupBy == ScoreGrouping.Category)
        {
            Assert.Equal(3, rows.Single(row => row.Model == "a" && row.Group == "Category:a:b").Frames);
            Assert.Equal(6, rows.Single(row => row.Model == "a" && row.Group == "Category:dog").Frames);
        }
        else
        {
            Assert.Equal(new[] { "Video:a_00000", "Video:b_00000", "Video:c:1_00000" },
                rows.Where(row => row.Model == "a" && row.GroupKind == ScoreGroupKind.Video).Select(row => row.Group));
        }
    }

    [Fact]
    public void ImageRowsFormTotalCategoriesAndTestLists()
    {
        var frames = new[]
        {
            OnScreen("s1", 0, 0.6, categories: new[] { "dog" }) with { Benchmark = Benchmark.VggSs, TestList = "heard" },
            OnScreen("s2", 0, 0.2, categories: new[] { "cat" }) with { Benchmark = Benchmark.VggSs, TestList = "heard" },
            OnScreen("s3", 0, double.NaN, categories: new[] { "dog" }) with { Benchmark = Benchmark.VggSs, TestList = "unheard" },
        };
        var rows = ImageEvaluation.Summarize(frames, new ScoreOptions { GroupBy = ScoreGrouping.Category }, seed: 0);
        Assert.Equal(new[] { "Total", "Category:cat", "Category:dog", "TestList:heard", "TestList:unheard" }, rows.Select(row => row.Group));
        var total = rows[0];
        Assert.Equal(100.0 / 3, total.CIoUAt50!.Value, 12);
        Assert.Equal(total.CIoUAt50, total.Success50);
        Assert.Equal(100 * (0.6 + 0.2 + 0) / 3, total.MeanCIoU!.Value, 12);
        Assert.Equal(total.MeanCIoU, total.CIoU);
        Assert.Equal(1, total.UndefinedFrames);
        Assert.Equal(ScoreGroup.TestList("unheard"), rows[4].GetScoreGroup());
    }

    [Fact]
    public void ImageRowsGetTheBootstrapOfTheirSamplesWorkedOutDirectly()
    {
        // Four VGG-SS samples, each its own clip: cIoU .6, NaN (the baselines' 0/0: a failure, 0 in the mean), .3, .8.
        var ciou = new[] { 0.6, double.NaN, 0.3, 0.8 };
        var frames = ciou.Select((value, k) => OnScreen($"s{k}_000000", 0, value) with { Benchmark = Benchmark.VggSs }).ToArray();
        var options = new ScoreOptions { ConfidenceLevel = 0.9, Resamples = 400 };
        var total = ImageEvaluation.Summarize(frames, options, seed: 5)[0];
        Assert.Equal(("Total", 0.9, 5, 400), (total.Group, total.ConfidenceLevel!.Value, total.BootstrapSeed!.Value, total.Resamples!.Value));

        // The replicates written out: the 4 samples (ordinal order of their ids) drawn with replacement by the run's draws;
        // mean cIoU = 100 × Σ w·c / Σ w with NaN as 0, cIoU@0.5 = 100 × Σ w·[c ≥ 0.5] / Σ w.
        var draws = new ClipDraws(5);
        var weights = new int[4];
        var mean = new List<double>();
        var at50 = new List<double>();
        for (var b = 0; b < 400; b++)
        {
            draws.DrawClips(weights);
            var n = (double)weights.Sum();
            mean.Add(100 * Enumerable.Range(0, 4).Sum(k => weights[k] * (double.IsNaN(ciou[k]) ? 0 : ciou[k])) / n);
            at50.Add(100 * Enumerable.Range(0, 4).Sum(k => weights[k] * (ciou[k] >= 0.5 ? 1.0 : 0.0)) / n);
        }
        // Percentile bounds: the type-7 quantile (ClipBootstrapTests.Quantile, written out there).
        static double Quantile(List<double> values, double q) => ClipBootstrapTests.Quantile(values, q);
        Assert.Equal(Quantile(mean, 0.05), total.CIoULower!.Value, 9);
        Assert.Equal(Quantile(mean, 0.95), total.CIoUUpper!.Value, 9);
        Assert.Equal(Quantile(at50, 0.05), total.Success50Lower!.Value, 9);
        Assert.Equal(Quantile(at50, 0.95), total.Success50Upper!.Value, 9);
        Assert.InRange(total.MeanCIoU!.Value, total.CIoULower.Value, total.CIoUUpper.Value);
        Assert.InRange(total.AUC!.Value, total.AUCLower!.Value, total.AUCUpper!.Value);
    }

    [Fact]
    public void AMetricDefinedHereGetsIntervalsAndComparisons()
    {
        // 100 × the share of frames with cIoU ≥ 0.3: one entry, nothing else edited.
        var share30 = new TableMetric("Share30", "cIoU@0.3", "share30") { FrameValue = score => score.CIoU >= 0.3 ? 1.0 : 0.0 };
        // The built-in cIoU@0.5 written out the same way: it must reproduce the rows' intervals and the comparisons exactly.
        var share50 = new TableMetric("Share50", "cIoU@0.5", "share50") { FrameValue = score => score.CIoU >= 0.5 ? 1.0 : 0.0 };
        var a = ClipSet(12, 4, 5, "a");
        var b = ClipSet(12, 4, 6, "b");
        var onScreenA = a.Where(score => !score.IsOffScreen).ToList();

        var options = new ScoreOptions { ConfidenceLevel = 0.9, BootstrapSeed = 11, Resamples = 400 };
        var total = ScoreEvaluator.Summarize(a, options).Single(row => row.Group == "Total");
        var intervals = ScoreIntervals.Of(new[] { ((IReadOnlyList<FrameScore>)onScreenA, (IReadOnlyList<TableMetric>)new[] { share30, share50 }) },
            ScoreIntervals.ClipIndex(a), 0.9, 400, 11);
        var (_, bounds, resamples) = intervals.Single();
        Assert.Equal(total.Resamples, resamples);
        Assert.Equal(total.Success50Lower!.Value, bounds[1]!.Value.Lower, 10);
        Assert.Equal(total.Success50Upper!.Value, bounds[1]!.Value.Upper, 10);
        var point30 = 100.0 * onScreenA.Count(score => score.CIoU >= 0.3) / onScreenA.Count;
        Assert.Equal(point30, share30.PointOf(onScreenA), 10);
        Assert.InRange(point30, bounds[0]!.Value.Lower, bounds[0]!.Value.Upper);
        Assert.True(bounds[0]!.Value.Upper > bounds[0]!.Value.Lower);

        var frames = a.Concat(b).ToList();
        var builtIn = PairedComparison.Compare(frames, "a", new ComparisonOptions { Seed = 4, Resamples = 300 });
        var mine = PairedComparison.Compare(frames, "a", new ComparisonOptions
        {
            Seed = 4,
            Resamples = 300,
            Metrics = (_, kind) => kind == ScoreGroupKind.OffScreen ? Array.Empty<TableMetric>() : new[] { share30, share50 },
        });
        var reference50 = builtIn.Comparisons.Single(c => c.Group == "Total" && c.Metric == TableMetric.Success50);
        var mine50 = mine.Comparisons.Single(c => c.Group == "Total" && c.Metric == share50);
        Assert.Equal(reference50.Difference, mine50.Difference, 10);
        Assert.Equal(reference50.Lower!.Value, mine50.Lower!.Value, 10);
        Assert.Equal(reference50.Upper!.Value, mine50.Upper!.Value, 10);
        Assert.Equal(reference50.PValue, mine50.PValue, 12);

        var mine30 = mine.Comparisons.Single(c => c.Group == "Total" && c.Metric == share30);
        var onScreenB = b.Where(score => !score.IsOffScreen).ToList();
        var value30 = 100.0 * onScreenB.Count(score => score.CIoU >= 0.3) / onScreenB.Count;
        Assert.Equal(value30, mine30.Value, 10);
        Assert.Equal(point30, mine30.ReferenceValue, 10);
        Assert.Equal(value30 - point30, mine30.Difference, 10);
        Assert.NotNull(mine30.Lower);
        Assert.InRange(mine30.PValue, 0, 1);
        Assert.Equal("Share30", mine30.Metric.ToString());
        Assert.DoesNotContain(mine.Comparisons, c => c.GroupKind == ScoreGroupKind.OffScreen);
    }

    [Fact]
    public void MetricsPrintAndParseAsTheFormerEnumsNames()
    {
        Assert.Equal(new[] { "CIoU", "AUC", "Success50", "TNRate", "CIoUAt50", "MeanCIoU" }, TableMetric.All.Select(metric => metric.ToString()));
        foreach (var metric in TableMetric.All)
        {
            Assert.Same(metric, TableMetric.Parse(metric.Name.ToLowerInvariant()));
        }
        Assert.Equal(TableMetric.All, TableMetric.All.Reverse().Order());
        var error = Assert.Throws<FormatException>(() => TableMetric.Parse("IoU"));
        Assert.Contains("CIoU, AUC", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// One model's frames: clip a_ (2 Single-Sound frames of dog), b_ (3 Mixed-Sound frames of a:b and dog), c:1_ (2 Multi-Entity
    /// frames of dog, 1 Single-Sound frame of dog and cat-less, 1 Off-Screen frame).
    /// </summary>
    private static List<FrameScore> Frames(string model, double shift = 0)
    {
        var single = new[] { AvatarScenario.SingleSound };
        return new List<FrameScore>
        {
            OnScreen("a_00000", 0, 0.2 + shift, model, scenarios: single, categories: new[] { "dog" }),
            OnScreen("a_00000", 1, 0.6 + shift, model, scenarios: single, categories: new[] { "dog" }),
            OnScreen("b_00000", 0, 0.3 + shift, model, scenarios: new[] { AvatarScenario.MixedSound }, categories: new[] { "a:b", "dog" }),
            OnScreen("b_00000", 1, 0.1, model, scenarios: new[] { AvatarScenario.MixedSound }, categories: new[] { "a:b" }),
            OnScreen("b_00000", 2, 0.5, model, scenarios: new[] { AvatarScenario.MixedSound }, categories: new[] { "a:b" }),
            OnScreen("c:1_00000", 0, 0.7, model, scenarios: new[] { AvatarScenario.MultiEntity }, categories: new[] { "dog" }),
            OnScreen("c:1_00000", 1, 0.4 - shift, model, scenarios: new[] { AvatarScenario.MultiEntity }, categories: new[] { "dog" }),
            OnScreen("c:1_00000", 2, 0.9, model, scenarios: single, categories: new[] { "dog" }),
            OffScreen("c:1_00000", 3, true, model),
        };
    }
}
