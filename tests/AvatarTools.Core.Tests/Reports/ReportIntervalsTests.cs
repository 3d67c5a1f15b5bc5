using System.Globalization;
using System.Xml.Linq;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Reports;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Reports;

/// <summary>The report's error bars (table cells and success-curve points), its comparison table and its negatives table.</summary>
public sealed class ReportIntervalsTests : IDisposable
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-report-intervals-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static FrameScore Frame(string model, string clip, int index, double ciou) =>
        new(clip, index, new[] { AvatarScenario.SingleSound }, model, 0.5, ciou, 10, 10, 5, null, 0.1, new[] { "violin" });

    [Fact]
    public void ASuccessPointsIntervalIsTheClipBootstrapWorkedOutByHand()
    {
        // Two clips: a holds one frame of cIoU 1, b one of cIoU 0. A replicate draws 2 clips with replacement: {a, a} (1/4),
        // {a, b} (1/2) or {b, b} (1/4), so s(t) for t > 0 is 1, 1/2 or 0 with those probabilities; the 2.5 % and 97.5 %
        // quantiles of the replicates are 0 and 1. At t = 0 every frame succeeds (cIoU ≥ 0): [1, 1].
        var frames = new[] { Frame("m", "a", 1, 1.0), Frame("m", "b", 1, 0.0) };
        var intervals = ReportIntervals.SuccessIntervals(frames, 0.95, 2000, 7);
        Assert.Equal(21, intervals.Length);
        Assert.Equal((1.0, 1.0), intervals[0]);
        Assert.All(intervals.Skip(1), bounds => Assert.Equal((0.0, 1.0), bounds));
        // One clip: no spread between clips, no interval.
        Assert.All(ReportIntervals.SuccessIntervals(new[] { Frame("m", "a", 1, 1.0), Frame("m", "a", 2, 0.0) }, 0.95, 200, 7),
            bounds => Assert.Null(bounds));
    }

    private static AvatarScore Row(string model, string group, double? ciou, double? tn = null) => new()
    {
        Model = model,
        Group = group,
        GroupKind = group == "Off-Screen" ? ScoreGroupKind.OffScreen : group == "Total" ? ScoreGroupKind.Total : ScoreGroupKind.Scenario,
        GroupName = group,
        Frames = 4,
        CIoU = ciou,
        AUC = ciou,
        TNRate = tn,
        CIoULower = ciou - 10,
        CIoUUpper = ciou + 5,
        AUCLower = ciou - 2,
        AUCUpper = ciou + 2,
        TNRateLower = tn - 20,
        TNRateUpper = tn,
        ConfidenceLevel = 0.9,
        BootstrapSeed = 5,
        Threshold = 0.5,
        TopFraction = 0.1,
        ThresholdSource = ThresholdSource.Calibrated,
        TieRule = TieRule.AtLeast,
        GridHeight = 4,
        GridWidth = 4,
        Interpolation = UpsampleMode.Bilinear,
    };

    private XDocument Parse(string path) => XDocument.Parse(File.ReadAllText(path)["<!DOCTYPE html>".Length..]);

    [Fact]
    public void TheTableAndTheCurvesCarryTheIntervalsAsErrorBars()
    {
        var scores = new[] { Row("m", "Total", 50), Row("m", "Single-Sound", 50), Row("m", "Off-Screen", null, tn: 80) };
        var frames = new[] { Frame("m", "a", 1, 1.0), Frame("m", "b", 1, 0.0), Frame("m", "b", 2, 0.5), Frame("m", "c", 1, 0.25) };
        var files = EvaluationReport.Write(_folder, Array.Empty<AvatarTools.Core.Heatmaps.Localization>(), scores, frames, new[] { 0.1 });
        var document = Parse(files.IndexPath);
        var table = document.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "scores");
        var total = table.Descendants(Xhtml + "td").Single(td => (string?)td.Attribute("data-column") == "total-ciou");
        var ci = total.Element(Xhtml + "span")!;
        Assert.Equal(("40.00", "55.00"), ((string)ci.Attribute("data-lower")!, (string)ci.Attribute("data-upper")!));
        Assert.Contains("90 % CI", (string)ci.Attribute("title")!);
        // The bar on the 0–100 scale of a 60-pixel bar: from 0.4 · 60 = 24 to 0.55 · 60 = 33, the dot at 30.
        var bar = total.Element(Svg + "svg")!;
        var line = bar.Elements(Svg + "line").First();
        Assert.Equal(("24", "33"), ((string)line.Attribute("x1")!, (string)line.Attribute("x2")!));
        Assert.Equal("30", (string)bar.Element(Svg + "circle")!.Attribute("cx")!);
        var tn = table.Descendants(Xhtml + "td").Single(td => (string?)td.Attribute("data-column") == "off-screen-tn");
        Assert.Equal("60.00", (string)tn.Element(Xhtml + "span")!.Attribute("data-lower")!);

        // The curves take the rows' level and seed; every t has a bar, the first (all frames succeed at t = 0) of width 0.
        var bars = document.Descendants(Svg + "line").Where(l => (string?)l.Attribute("class") == "errorbar").ToList();
        Assert.NotEmpty(bars);
        var first = bars.First(l => (string?)l.Attribute("data-t") == "0.00");
        Assert.Equal(("1", "1"), ((string)first.Attribute("data-lower")!, (string)first.Attribute("data-upper")!));
        var expected = ReportIntervals.SuccessIntervals(frames, 0.9, ScoreOptions.DefaultResamples, 5);
        var half = bars.First(l => (string?)l.Attribute("data-t") == "0.50");
        Assert.Equal(expected[10]!.Value.Lower.ToString("0.####", CultureInfo.InvariantCulture), (string)half.Attribute("data-lower")!);
        Assert.Contains("90 % clip-bootstrap intervals", File.ReadAllText(files.IndexPath));
    }

    [Fact]
    public void AReferenceAddsTheComparisonTable()
    {
        // Model b is model a plus 0.1 on every frame: the difference in CIoU is exactly +10 with an interval [10, 10].
        var a = new[] { Frame("a", "x", 1, 0.2), Frame("a", "y", 1, 0.4), Frame("a", "z", 1, 0.6) };
        var b = a.Select(f => f with { Model = "b", CIoU = f.CIoU + 0.1 }).ToArray();
        var files = EvaluationReport.Write(_folder, Array.Empty<AvatarTools.Core.Heatmaps.Localization>(), Array.Empty<AvatarScore>(), a.Concat(b).ToList(),
            new[] { 0.1 }, new ReportOptions { Reference = "a", BootstrapSeed = 3 });
        Assert.Empty(files.LeftOut);
        var document = Parse(files.IndexPath);
        var table = document.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "comparison");
        var row = table.Descendants(Xhtml + "tr").Single(tr => (string?)tr.Attribute("data-group") == "Total" && (string?)tr.Attribute("data-metric") == "CIoU");
        Assert.Equal("b", (string)row.Attribute("data-model")!);
        Assert.Equal("10.00", row.Elements(Xhtml + "td").Single(td => (string?)td.Attribute("data-column") == "difference").Value);
        var ci = row.Descendants(Xhtml + "span").Single();
        Assert.Equal(("10.00", "10.00"), ((string)ci.Attribute("data-lower")!, (string)ci.Attribute("data-upper")!));
        Assert.Contains("Comparison with a", File.ReadAllText(files.IndexPath));

        // Comparison rows given as input are drawn as they are.
        var given = PairedComparison.Compare(a.Concat(b).ToList(), "a", new ComparisonOptions { Seed = 3 }).Comparisons;
        var again = EvaluationReport.Write(_folder, Array.Empty<AvatarTools.Core.Heatmaps.Localization>(), Array.Empty<AvatarScore>(), a.Concat(b).ToList(),
            new[] { 0.1 }, new ReportOptions { Comparisons = given });
        var rows = Parse(again.IndexPath).Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "comparison").Descendants(Xhtml + "tr").Skip(1);
        Assert.Equal(given.Count, rows.Count());
    }

    [Fact]
    public void NegativeAudioLocalizationsGetTheirTable()
    {
        // The maps of a model that ignores audio: the same under silence, so IoU = 100 on every row, and the Off-Screen row
        // has TN% as the positives' Off-Screen row has it.
        var positives = AvatarTools.Core.Tests.Scoring.ScoreEvaluatorTests.Run();
        var silent = positives.Select(p => p.WithCondition(AvatarTools.Core.Heatmaps.AudioCondition.Silence)).ToList();
        var files = EvaluationReport.Write(_folder, positives.Concat(silent).ToList(), Array.Empty<AvatarScore>(), Array.Empty<FrameScore>(),
            new[] { 0.18 }, new ReportOptions { StripClips = 0 });
        Assert.Empty(files.LeftOut);
        var table = Parse(files.IndexPath).Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "negatives");
        var rows = table.Descendants(Xhtml + "tr").Skip(1).ToList();
        Assert.Equal(new[] { "Total", "Single-Sound", "Mixed-Sound", "Multi-Entity", "Off-Screen" }, rows.Select(r => (string)r.Attribute("data-group")!));
        Assert.All(rows, r => Assert.Equal("Silence", (string)r.Attribute("data-condition")!));
        Assert.All(rows, r => Assert.Equal("100.00", r.Elements(Xhtml + "td").Single(td => (string?)td.Attribute("data-column") == "iou").Value));
        // Off-Screen: frame C predicts its two 8s at τ = 8 (a false positive), D nothing: TN% 50.
        Assert.Equal("50.00", rows[4].Elements(Xhtml + "td").Single(td => (string?)td.Attribute("data-column") == "tn").Value);

        // Negatives without their positives leave the table out, with the reason.
        var alone = EvaluationReport.Write(_folder, positives.Take(2).Concat(silent.Skip(2).Select(l => l with { Model = "other" })).ToList(),
            Array.Empty<AvatarScore>(), Array.Empty<FrameScore>(), new[] { 0.18 }, new ReportOptions { StripClips = 0 });
        Assert.Equal("NegativesNeedCalibration", Assert.Single(alone.LeftOut).ErrorId);
    }
}
