using System.Xml.Linq;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Reports;
using AvatarTools.Core.Scoring;
using AvatarTools.Core.Tests.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Reports;

/// <summary>The report's VGG-SS and Flickr-SoundNet tables, one per benchmark, as the papers print them.</summary>
public sealed class BenchmarkTablesTests : IDisposable
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-benchmark-tables-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static AvatarScore Row(Benchmark benchmark, string model, ScoreGroupKind kind, string name, double at50, double auc, double mean, int undefined = 0) => new()
    {
        Model = model,
        Group = kind == ScoreGroupKind.Total ? "Total" : "TestList:" + name,
        GroupKind = kind,
        GroupName = name,
        Frames = 5158,
        Benchmark = benchmark,
        Protocol = ScoreProtocol.EzVsl,
        CIoU = mean,
        MeanCIoU = mean,
        Success50 = at50,
        CIoUAt50 = at50,
        AUC = auc,
        UndefinedFrames = undefined,
        ThresholdSource = ThresholdSource.PerFrame,
        TieRule = TieRule.AtLeast,
        GridHeight = 224,
        GridWidth = 224,
        Interpolation = UpsampleMode.BilinearAlignCorners,
    };

    private XDocument Write(IReadOnlyList<AvatarScore> scores)
    {
        var files = ReportWriter.Write(_folder, scores, Array.Empty<FrameScore>(), null, null);
        return XDocument.Parse(File.ReadAllText(files.IndexPath)["<!DOCTYPE html>".Length..]);
    }

    private static XElement Table(XDocument document, string id) =>
        document.Descendants(Xhtml + "table").Single(element => (string?)element.Attribute("id") == id);

    private static string Cell(XElement table, string model, string column) =>
        table.Descendants(Xhtml + "tr").Single(tr => tr.Elements(Xhtml + "td").FirstOrDefault()?.Value == model)
            .Elements(Xhtml + "td").Single(td => (string?)td.Attribute("data-column") == column).Value;

    [Fact]
    public void OneTablePerBenchmarkWithCIoUAt50AucAndMeanPerTestList()
    {
        var document = Write(new[]
        {
            Row(Benchmark.VggSs, "EZ-VSL", ScoreGroupKind.Total, "Total", 38.855, 40.0, 35.2, 2),
            Row(Benchmark.VggSs, "EZ-VSL", ScoreGroupKind.TestList, "vggss_heard_test", 39.1, 40.5, 35.0),
            Row(Benchmark.VggSs, "SLAVC", ScoreGroupKind.Total, "Total", 39.8, 41.2, 36.0),
            Row(Benchmark.FlickrSoundNet, "EZ-VSL", ScoreGroupKind.Total, "Total", 83.94, 63.6, 60.1),
        });
        var vggss = Table(document, "benchmark-vggss");
        Assert.Equal("38.85", Cell(vggss, "EZ-VSL", "total-ciou"));
        Assert.Equal("40.00", Cell(vggss, "EZ-VSL", "total-auc"));
        Assert.Equal("35.20", Cell(vggss, "EZ-VSL", "total-mean"));
        Assert.Equal("39.10", Cell(vggss, "EZ-VSL", "list-vggss_heard_test-ciou"));
        Assert.Equal("–", Cell(vggss, "SLAVC", "list-vggss_heard_test-ciou"));
        var headers = vggss.Descendants(Xhtml + "tr").First().Elements(Xhtml + "th").Select(th => th.Value).ToArray();
        Assert.Equal(new[] { "Model", "Protocol", "Total", "vggss_heard_test", "Samples", "Undefined" }, headers);
        Assert.Equal("83.94", Cell(Table(document, "benchmark-flickrsoundnet"), "EZ-VSL", "total-ciou"));
        var headings = document.Descendants(Xhtml + "h2").Select(h => h.Value).ToArray();
        Assert.Contains("VGG-SS", headings);
        Assert.Contains("Flickr-SoundNet", headings);
        // Without AVATAR rows there is no AVATAR table.
        Assert.DoesNotContain(document.Descendants(Xhtml + "table"), element => (string?)element.Attribute("id") == "scores");
    }

    [Fact]
    public void AReportOfLocalizationsScoresEachBenchmarkWithItsDefaultProtocol()
    {
        var frame = ProtocolTests.ImageFrame(Benchmark.VggSs, "a_000001", "dog", "vggss_test", (0, 0, 112, 224));
        var values = new float[224 * 224];
        for (var y = 0; y < 224; y++)
        {
            for (var x = 0; x < 112; x++)
            {
                values[(y * 224) + x] = 1;
            }
        }
        var avatar = ScoreEvaluatorTests.Run();
        var localizations = new List<Localization>(avatar) { new(frame, "m", new Heatmap(224, 224, values)) };
        var files = EvaluationReport.Write(_folder, localizations, Array.Empty<AvatarScore>(), Array.Empty<FrameScore>(), new[] { 0.18 });
        var document = XDocument.Parse(File.ReadAllText(files.IndexPath)["<!DOCTYPE html>".Length..]);
        Assert.Equal("100.00", Cell(Table(document, "benchmark-vggss"), "m", "total-ciou"));
        Assert.Equal("100.00", Cell(Table(document, "benchmark-vggss"), "m", "list-vggss_test-ciou"));
        Assert.Contains(document.Descendants(Xhtml + "table"), element => (string?)element.Attribute("id") == "scores");
        var csv = File.ReadAllLines(files.ScoresPath);
        Assert.Contains(csv, line => line.StartsWith("m,Total,", StringComparison.Ordinal) && line.Contains(",VggSs,EzVsl,100,100,0", StringComparison.Ordinal));
    }
}
