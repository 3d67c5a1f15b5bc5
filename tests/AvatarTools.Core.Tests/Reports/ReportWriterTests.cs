using System.Xml.Linq;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Reports;
using AvatarTools.Core.Scoring;
using CsvHelper;
using Xunit;

namespace AvatarTools.Core.Tests.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-report-writer-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static AvatarScore Row(string model, string group, double ciou, double auc, double? tn = null, double? delta = null) =>
        new()
        {
            Model = model,
            Group = group,
            GroupKind = group switch
            {
                "Total" => ScoreGroupKind.Total,
                "Off-Screen" => ScoreGroupKind.OffScreen,
                "Cross-event" => ScoreGroupKind.CrossEvent,
                _ when group.StartsWith("Category:", StringComparison.Ordinal) => ScoreGroupKind.Category,
                _ => ScoreGroupKind.Scenario,
            },
            GroupName = group.StartsWith("Category:", StringComparison.Ordinal) ? group["Category:".Length..] : group,
            Frames = 10,
            CIoU = double.IsNaN(ciou) ? null : ciou,
            AUC = double.IsNaN(auc) ? null : auc,
            Success50 = double.IsNaN(ciou) ? null : 5.0,
            TNRate = tn,
            Delta = delta,
            Threshold = 0.42,
            TopFraction = 0.10,
            ThresholdSource = ThresholdSource.Calibrated,
            TieRule = TieRule.AtLeast,
            GridHeight = 360,
            GridWidth = 640,
            Interpolation = UpsampleMode.Bilinear,
        };

    private static IReadOnlyList<AvatarScore> Scores() => new[]
    {
        Row("EZ-VSL", "Total", 10.504, 11.996),
        Row("EZ-VSL", "Single-Sound", 9.066, 10.604),
        Row("EZ-VSL", "Mixed-Sound", 8.155, 9.0), // the double 8.155 is 8.15499…, printed "8.15" as Python's "%.2f" does
        Row("EZ-VSL", "Multi-Entity", 6.87, 7.125),
        Row("EZ-VSL", "Off-Screen", double.NaN, double.NaN, tn: 96.914),
        Row("EZ-VSL", "Cross-event", 5.26, 6.0, delta: 5.26 - 10.504),
        Row("TAVLO", "Total", 13.37, 13.98),
        Row("TAVLO", "Single-Sound", 13.42, 14.08),
        Row("TAVLO", "Mixed-Sound", 14.13, 15.0),
        Row("TAVLO", "Multi-Entity", 12.08, 12.5),
        Row("TAVLO", "Off-Screen", double.NaN, double.NaN, tn: 91.18),
    };

    private static FrameScore Frame(string model, string clip, int index, double ciou, params AvatarScenario[] scenarios) =>
        new(clip, index, scenarios, model, 0.42, ciou, 100, 50, 25, null, 0.10, new[] { "playing violin", "speech" });

    private static IReadOnlyList<FrameScore> FrameScores() => new[]
    {
        Frame("EZ-VSL", "clip_a", 1, 0.12, AvatarScenario.SingleSound),
        Frame("EZ-VSL", "clip_a", 2, 0.3, AvatarScenario.SingleSound, AvatarScenario.MixedSound),
        Frame("EZ-VSL", "clip_b", 1, 0.3, AvatarScenario.SingleSound),
        Frame("EZ-VSL", "clip_b", 2, 0.76, AvatarScenario.SingleSound),
        new FrameScore("clip_b", 3, new[] { AvatarScenario.OffScreen }, "EZ-VSL", 0.42, 0, 0, 0, 0, true, 0.10, Array.Empty<string>()),
        Frame("TAVLO", "clip_a", 1, 0.5, AvatarScenario.SingleSound),
        Frame("TAVLO", "clip_a", 2, 0.5, AvatarScenario.SingleSound, AvatarScenario.MixedSound),
        Frame("TAVLO", "clip_b", 1, 0.3, AvatarScenario.SingleSound),
        Frame("TAVLO", "clip_b", 2, 0.76, AvatarScenario.SingleSound),
    };

    private XDocument WriteAndParse(ReportOptions? options = null, IReadOnlyList<Localization>? localizations = null)
    {
        var files = ReportWriter.Write(_folder, Scores(), FrameScores(), localizations, options);
        var text = File.ReadAllText(files.IndexPath);
        Assert.StartsWith("<!DOCTYPE html>", text);
        // The page is well-formed XML (XHTML syntax); the HTML5 doctype has no DTD, so drop it before parsing.
        return XDocument.Parse(text["<!DOCTYPE html>".Length..]);
    }

    private static string Cell(XDocument document, string model, string column)
    {
        var table = document.Descendants(Xhtml + "table").Single(element => (string?)element.Attribute("id") == "scores");
        var row = table.Descendants(Xhtml + "tr").Single(tr => tr.Elements(Xhtml + "td").FirstOrDefault()?.Value == model);
        return row.Elements(Xhtml + "td").Single(td => (string?)td.Attribute("data-column") == column).Value;
    }

    [Fact]
    public void ScoreTableHasThePapersColumnsWithTwoDecimals()
    {
        var document = WriteAndParse();
        Assert.Equal("9.07", Cell(document, "EZ-VSL", "single-sound-ciou"));
        Assert.Equal("10.60", Cell(document, "EZ-VSL", "single-sound-auc"));
        Assert.Equal("8.15", Cell(document, "EZ-VSL", "mixed-sound-ciou"));
        Assert.Equal("6.87", Cell(document, "EZ-VSL", "multi-entity-ciou"));
        Assert.Equal("96.91", Cell(document, "EZ-VSL", "off-screen-tn"));
        Assert.Equal("10.50", Cell(document, "EZ-VSL", "total-ciou"));
        Assert.Equal("12.00", Cell(document, "EZ-VSL", "total-auc"));
        Assert.Equal("5.26", Cell(document, "EZ-VSL", "cross-event-ciou"));
        Assert.Equal("-5.24", Cell(document, "EZ-VSL", "cross-event-delta"));
        Assert.Equal("13.98", Cell(document, "TAVLO", "total-auc"));
        Assert.Equal("–", Cell(document, "TAVLO", "cross-event-ciou"));

        var table = document.Descendants(Xhtml + "table").Single(element => (string?)element.Attribute("id") == "scores");
        var headers = table.Descendants(Xhtml + "tr").First().Elements(Xhtml + "th").Select(th => th.Value).ToArray();
        Assert.Equal(new[] { "Model", "Single-Sound", "Mixed-Sound", "Multi-Entity", "Off-Screen", "Total", "Cross-event" }, headers);
        // One p column appears only with several top fractions.
        Assert.DoesNotContain(table.Descendants(Xhtml + "th"), th => th.Value == "p");
    }

    [Fact]
    public void SuccessCurveHasTheProtocolPoints()
    {
        var document = WriteAndParse();
        var total = document.Descendants(Svg + "svg").First(svg => svg.Elements(Svg + "text").First().Value == "Total");
        var curve = total.Elements(Svg + "polyline").Single(line => (string?)line.Attribute("data-series") == "EZ-VSL");
        // EZ-VSL's on-screen cIoUs are 0.12, 0.3, 0.3, 0.76 (K = 4). At t_i = 0.05·i (as doubles): s = 1 for i ≤ 2;
        // 3/4 for i = 3..5; t_6 = 0.05·6 = 0.30000000000000004 > 0.3, so s = 1/4 for i = 6..15 (t_15 = 0.75 ≤ 0.76);
        // 0 for i ≥ 16. Plot: x = 50 + 300·t, y = 28 + 200·(1 − s) → y = 28, 78, 178, 228.
        var expected = new List<string>();
        for (var i = 0; i <= 20; i++)
        {
            var y = i <= 2 ? "28" : i <= 5 ? "78" : i <= 15 ? "178" : "228";
            expected.Add($"{50 + (15 * i)},{y}");
        }
        Assert.Equal(string.Join(' ', expected), (string?)curve.Attribute("points"));
        // Trapezoids of width 0.05: 1 + 1 + 0.875 + 0.75 + 0.75 + 0.5 + 9·0.25 + 0.125 = 7.25 → 0.3625 → AUC 36.25.
        Assert.Contains(total.Elements(Svg + "text"), text => text.Value == "EZ-VSL: AUC 36.25 (n = 4)");
    }

    [Fact]
    public void SvgAndTablesAreBalanced()
    {
        var text = File.ReadAllText(ReportWriter.Write(_folder, Scores(), FrameScores(), null).IndexPath);
        foreach (var tag in new[] { "svg", "table", "tr", "figure" })
        {
            Assert.Equal(Count(text, $"<{tag} ") + Count(text, $"<{tag}>"), Count(text, $"</{tag}>"));
        }
        // Total, Single-Sound and Mixed-Sound; no frame is Multi-Entity and no cross-event clips are given.
        Assert.Equal(3, Count(text, "<svg "));
    }

    [Fact]
    public void CategoryTableIsComputedFromFrameScoresWithoutCategoryRows()
    {
        var document = WriteAndParse();
        var table = document.Descendants(Xhtml + "table").Single(element => (string?)element.Attribute("id") == "categories");
        var violin = table.Descendants(Xhtml + "tr").Single(tr => tr.Elements(Xhtml + "td").FirstOrDefault()?.Value == "playing violin");
        // EZ-VSL: mean of 0.12, 0.3, 0.3, 0.76 = 0.37 → 37.00 over 4 frames; TAVLO: (0.5 + 0.5 + 0.3 + 0.76)/4 = 0.515 → 51.50.
        Assert.Equal(new[] { "playing violin", "37.00 (4)", "51.50 (4)" }, violin.Elements(Xhtml + "td").Select(td => td.Value).ToArray());
    }

    [Fact]
    public void StripsOfTheClipsThatDifferMostAreWrittenBesideThePage()
    {
        // Spreads of the per-clip mean cIoU: clip_a |0.21 − 0.5| = 0.29, clip_b |0.53 − 0.53| = 0 (the Off-Screen frame is not counted).
        var localizations = new List<Localization>();
        foreach (var model in new[] { "EZ-VSL", "TAVLO" })
        {
            foreach (var clip in new[] { "clip_a", "clip_b" })
            {
                localizations.Add(ReportTestData.Localization(ReportTestData.Frame(clip, 1), model));
                localizations.Add(ReportTestData.Localization(ReportTestData.Frame(clip, 2), model));
            }
        }
        var document = WriteAndParse(new ReportOptions { StripClips = 1, Overlay = new OverlayOptions { ThumbnailWidth = 80 } }, localizations);
        var image = document.Descendants(Xhtml + "img").Single();
        Assert.Equal("images/strip-1-clip_a.png", (string?)image.Attribute("src"));
        Assert.True(File.Exists(Path.Combine(_folder, "images", "strip-1-clip_a.png")));
    }

    [Fact]
    public void ClipsAreRankedBySpreadOfMeanCIoU()
    {
        var localizations = new[] { "clip_a", "clip_b", "clip_c" }
            .Select(clip => ReportTestData.Localization(ReportTestData.Frame(clip, 1))).ToList();
        var clips = ReportWriter.SelectClips(FrameScores(), localizations, 3);
        Assert.Equal(new[] { "clip_a", "clip_b", "clip_c" }, clips.Select(item => item.Clip).ToArray());
        Assert.Equal(0.29, clips[0].Spread, 12);
        Assert.Equal(0.0, clips[1].Spread, 12);
        Assert.True(double.IsNaN(clips[2].Spread));
    }

    [Fact]
    public void EmbeddedStripsUseDataUris()
    {
        var localizations = new[] { ReportTestData.Localization(ReportTestData.Frame("clip_a", 1)) };
        var files = ReportWriter.Write(_folder, Scores(), FrameScores(), localizations, new ReportOptions { EmbedImages = true });
        Assert.Empty(files.ImagePaths);
        Assert.Contains("src=\"data:image/png;base64,", File.ReadAllText(files.IndexPath));
    }

    [Fact]
    public void ScoresCsvRoundTrips()
    {
        var scores = Scores();
        var files = ReportWriter.Write(_folder, scores, FrameScores(), null);
        Assert.StartsWith("model,group,top_fraction,threshold,frames,ciou,auc,success50,tn_rate,delta,benchmark,protocol,ciou_at_50,mean_ciou,undefined_frames,ciou_lower,ciou_upper,auc_lower,auc_upper,success50_lower,success50_upper,tn_rate_lower,tn_rate_upper,confidence_level,resamples,bootstrap_seed\n", File.ReadAllText(files.ScoresPath));
        using var csv = CsvReader.FromFile(files.ScoresPath);
        var rows = csv.GetRecords<ScoreCsvRow>().ToList();
        Assert.Equal(scores.Count, rows.Count);
        for (var i = 0; i < scores.Count; i++)
        {
            Assert.Equal(scores[i].Model, rows[i].Model);
            Assert.Equal(scores[i].Group, rows[i].Group);
            Assert.Equal(scores[i].Frames, rows[i].Frames);
            Assert.Equal(scores[i].CIoU, rows[i].CIoU);
            Assert.Equal(scores[i].AUC, rows[i].AUC);
            Assert.Equal(scores[i].Success50, rows[i].Success50);
            Assert.Equal(scores[i].TNRate, rows[i].TNRate);
            Assert.Equal(scores[i].Delta, rows[i].Delta);
            Assert.Equal(scores[i].Threshold, rows[i].Threshold);
            Assert.Equal(scores[i].TopFraction, rows[i].TopFraction);
        }
    }

    [Fact]
    public void FramesCsvRoundTrips()
    {
        var frames = FrameScores();
        var files = ReportWriter.Write(_folder, Scores(), frames, null);
        var text = File.ReadAllText(files.FramesPath);
        // The list columns are JSON arrays inside CSV fields: quotes doubled by the CSV quoting.
        Assert.Contains(",\"[\"\"Single-Sound\"\",\"\"Mixed-Sound\"\"]\",\"[\"\"playing violin\"\",\"\"speech\"\"]\",", text);
        using var csv = CsvReader.FromFile(files.FramesPath);
        var rows = csv.GetRecords<FrameCsvRow>().ToList();
        Assert.Equal(frames.Count, rows.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i].Model, rows[i].Model);
            Assert.Equal(frames[i].VideoId, rows[i].VideoId);
            Assert.Equal(frames[i].FrameIndex, rows[i].FrameIndex);
            Assert.Equal(frames[i].CIoU, rows[i].CIoU);
            Assert.Equal(frames[i].Threshold, rows[i].Threshold);
            Assert.Equal(frames[i].TopFraction, rows[i].TopFraction);
            Assert.Equal(frames[i].TruthPixels, rows[i].TruthPixels);
            Assert.Equal(frames[i].PredictedPixels, rows[i].PredictedPixels);
            Assert.Equal(frames[i].IntersectionPixels, rows[i].IntersectionPixels);
            Assert.Equal(frames[i].TrueNegative, rows[i].TrueNegative);
            Assert.Equal(frames[i].Scenarios.Select(scenario => scenario.ToTaskString()), CsvList.Parse(rows[i].Scenarios));
            Assert.Equal(frames[i].Categories, CsvList.Parse(rows[i].Categories));
        }
    }

    [Fact]
    public void SameInputGivesTheSameFiles()
    {
        var first = ReportWriter.Write(_folder, Scores(), FrameScores(), null);
        var html = File.ReadAllBytes(first.IndexPath);
        var scores = File.ReadAllBytes(first.ScoresPath);
        var second = ReportWriter.Write(_folder, Scores(), FrameScores(), null);
        Assert.Equal(html, File.ReadAllBytes(second.IndexPath));
        Assert.Equal(scores, File.ReadAllBytes(second.ScoresPath));
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
