using System.Xml.Linq;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Reports;
using AvatarTools.Core.Scoring;
using AvatarTools.Core.Tests.Media;
using CsvHelper;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace AvatarTools.Core.Tests.Reports;

/// <summary>A report with broken frame images among good ones, stopped half-way, or over an earlier one.</summary>
public sealed class ReportRobustnessTests : IDisposable
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly OverlayOptions Small = new() { ThumbnailWidth = 80, Threshold = 0.5 };

    private readonly string _parent = Directory.CreateTempSubdirectory("report-robustness-tests").FullName;

    public ReportRobustnessTests()
    {
        // 160 × 90 pictures: a good red PNG, an empty file, a JPEG cut in half.
        using (var red = new Image<Rgb24>(160, 90, new Rgb24(200, 0, 0)))
        {
            red.SaveAsPng(Path.Combine(_parent, "good.png"));
        }
        File.WriteAllBytes(Path.Combine(_parent, "empty.jpg"), Array.Empty<byte>());
        var jpeg = TestImages.Jpeg(160, 90);
        File.WriteAllBytes(Path.Combine(_parent, "cut.jpg"), jpeg[..(jpeg.Length / 2)]);
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string Image(string name) => Path.Combine(_parent, name);

    /// <summary>One clip, frames 1–3 (good, empty, cut), two models.</summary>
    private List<Localization> Localizations(string clip = "clip_00000")
    {
        var frames = new[]
        {
            ReportTestData.Frame(clip, 1, Image("good.png")),
            ReportTestData.Frame(clip, 2, Image("empty.jpg")),
            ReportTestData.Frame(clip, 3, Image("cut.jpg")),
        };
        return new[] { "A", "B" }.SelectMany(model => frames.Select(frame => ReportTestData.Localization(frame, model))).ToList();
    }

    private static FrameScore Score(Localization localization, double ciou) =>
        new(localization.VideoId, localization.FrameIndex, new[] { AvatarScenario.SingleSound }, localization.Model, 0.5, ciou, 100, 50, 25,
            null, 0.10, new[] { "playing violin" });

    [Fact]
    public void AStripDrawsFramesWhoseImageCannotBeReadWithoutThePictureAndNamesThem()
    {
        var localizations = Localizations();
        var rows = localizations.GroupBy(l => l.Model).Select(g => (IReadOnlyList<Localization>)g.ToList()).ToList();
        var strip = OverlayRenderer.RenderStrip(rows, Small);
        Assert.Equal(new[] { (2, "InvalidImage"), (3, "TruncatedImage") }, strip.ImageErrors.Select(e => (e.Frame.FrameIndex, e.Error.ErrorId)).ToArray());
        Assert.Equal(new[] { Image("empty.jpg"), Image("cut.jpg") }, strip.ImageErrors.Select(e => e.Error.Path).ToArray());
        using var picture = ReportTestData.Decode(strip.Png);
        // Thumbnails 80 × 45 at x = 164 + 84c, y = 28 + 49r. The NO IMAGE label is a black box from (4, 4) of the cell.
        foreach (var row in new[] { 0, 1 })
        {
            var top = 28 + (49 * row);
            Assert.NotEqual(new Rgb24(0, 0, 0), picture[164 + 5, top + 5]);
            Assert.Equal(new Rgb24(0, 0, 0), picture[164 + 84 + 5, top + 5]);
            Assert.Equal(new Rgb24(0, 0, 0), picture[164 + 168 + 5, top + 5]);
        }
        // The good frame's picture is there: value 0 at x < 20 of the 80-wide cell, opacity 0.2 over red 200 → R = round(0.8·200 + 0.2·48) = 170.
        Assert.Equal(170, picture[164 + 10, 28 + 40].R);
    }

    [Fact]
    public void AReportWithUnreadableImagesIsWrittenWholeAndSaysWhichFrames()
    {
        var localizations = Localizations();
        var scores = localizations.Select((l, i) => Score(l, 0.1 * i)).ToList();
        var target = Path.Combine(_parent, "report");
        var files = ReportWriter.Write(target, Array.Empty<AvatarScore>(), scores, localizations, new ReportOptions { Overlay = Small });
        Assert.True(File.Exists(files.IndexPath));
        Assert.True(File.Exists(files.ScoresPath));
        Assert.Equal(7, File.ReadAllLines(files.FramesPath).Length);
        Assert.Single(files.ImagePaths);
        Assert.True(File.Exists(files.ImagePaths[0]));
        Assert.Equal(new[] { 2, 3 }, files.ImageErrors.Select(e => e.Frame.FrameIndex).ToArray());
        var page = XDocument.Parse(File.ReadAllText(files.IndexPath)["<!DOCTYPE html>".Length..]);
        var note = page.Descendants(Xhtml + "p").Single(p => (string?)p.Attribute("id") == "frames-without-picture");
        Assert.StartsWith("2 frames are drawn without their picture", note.Value, StringComparison.Ordinal);
        var items = note.ElementsAfterSelf(Xhtml + "ul").First().Elements(Xhtml + "li").Select(li => li.Value).ToList();
        Assert.Equal(2, items.Count);
        Assert.StartsWith("clip_00000/00002: InvalidImage", items[0], StringComparison.Ordinal);
        Assert.StartsWith("clip_00000/00003: TruncatedImage", items[1], StringComparison.Ordinal);
        Assert.Equal(new[] { target }, Directory.GetDirectories(_parent));
    }

    [Fact]
    public void AReportCancelledHalfWayLeavesNoFolderAndNoPartialFiles()
    {
        var localizations = Localizations("clip_a_00000").Concat(Localizations("clip_b_00000")).Concat(Localizations("clip_c_00000")).ToList();
        var scores = localizations.Select((l, i) => Score(l, 0.05 * i)).ToList();
        var target = Path.Combine(_parent, "report");
        using var cancellation = new CancellationTokenSource();
        var stages = new List<ReportProgress>();
        var progress = new Inline(value =>
        {
            stages.Add(value);
            if (value is { Stage: "Drawing strips", Done: 2 })
            {
                cancellation.Cancel(); // Ctrl+C after two of the three strips.
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => ReportWriter.Write(target, Array.Empty<AvatarScore>(), scores, localizations,
            new ReportOptions { Overlay = Small }, cancellation.Token, progress));
        Assert.Contains(stages, value => value is { Stage: "Drawing strips", Done: 1 });
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetDirectories(_parent));
    }

    [Fact]
    public void AReportCancelledOverAnEarlierOneLeavesTheEarlierOneAsItWas()
    {
        var localizations = Localizations("clip_a_00000").Concat(Localizations("clip_b_00000")).ToList();
        var scores = localizations.Select((l, i) => Score(l, 0.05 * i)).ToList();
        var target = Path.Combine(_parent, "report");
        var first = ReportWriter.Write(target, Array.Empty<AvatarScore>(), scores, localizations, new ReportOptions { Overlay = Small, Title = "first" });
        var before = Directory.GetFiles(target, "*", SearchOption.AllDirectories).ToDictionary(path => path, File.ReadAllBytes);
        using var cancellation = new CancellationTokenSource();
        var progress = new Inline(value =>
        {
            if (value is { Stage: "Drawing strips", Done: 1 })
            {
                cancellation.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => ReportWriter.Write(target, Array.Empty<AvatarScore>(), scores, localizations,
            new ReportOptions { Overlay = Small, Title = "second" }, cancellation.Token, progress));
        var after = Directory.GetFiles(target, "*", SearchOption.AllDirectories);
        Assert.Equal(before.Keys.Order(), after.Order());
        Assert.All(after, path => Assert.Equal(before[path], File.ReadAllBytes(path)));
        Assert.Contains("<title>first</title>", File.ReadAllText(first.IndexPath), StringComparison.Ordinal);
        Assert.Equal(new[] { target }, Directory.GetDirectories(_parent));
    }

    [Fact]
    public void AReportOverAnEarlierOneReplacesItsFilesAndKeepsTheUsers()
    {
        var target = Path.Combine(_parent, "report");
        var threeClips = Localizations("clip_a_00000").Concat(Localizations("clip_b_00000")).Concat(Localizations("clip_c_00000")).ToList();
        ReportWriter.Write(target, Array.Empty<AvatarScore>(), threeClips.Select((l, i) => Score(l, 0.05 * i)).ToList(), threeClips, new ReportOptions { Overlay = Small });
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");
        var oneClip = Localizations("clip_z_00000");
        var files = ReportWriter.Write(target, Array.Empty<AvatarScore>(), oneClip.Select((l, i) => Score(l, 0.05 * i)).ToList(), oneClip, new ReportOptions { Overlay = Small });
        Assert.Equal(new[] { "strip-1-clip_z_00000.png" }, Directory.GetFiles(Path.Combine(target, "images")).Select(Path.GetFileName));
        Assert.Equal(files.ImagePaths, Directory.GetFiles(Path.Combine(target, "images")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "notes.txt")));
        Assert.Equal(new[] { target }, Directory.GetDirectories(_parent));
    }

    [Fact]
    public void AReportWithoutPicturesOverOneWithPicturesLeavesNoneOfTheOldStripsButTheUsersFiles()
    {
        var target = Path.Combine(_parent, "report");
        var twoClips = Localizations("clip_a_00000").Concat(Localizations("clip_b_00000")).ToList();
        var scores = twoClips.Select((l, i) => Score(l, 0.05 * i)).ToList();
        ReportWriter.Write(target, Array.Empty<AvatarScore>(), scores, twoClips, new ReportOptions { Overlay = Small });
        Assert.Equal(2, Directory.GetFiles(Path.Combine(target, "images")).Length);
        File.WriteAllText(Path.Combine(target, "images", "logo.png"), "mine");
        ReportWriter.Write(target, Array.Empty<AvatarScore>(), scores, twoClips, new ReportOptions { Overlay = Small, EmbedImages = true });
        Assert.Equal(new[] { "logo.png" }, Directory.GetFiles(Path.Combine(target, "images")).Select(Path.GetFileName));
        File.Delete(Path.Combine(target, "images", "logo.png"));
        ReportWriter.Write(target, Array.Empty<AvatarScore>(), scores, twoClips, new ReportOptions { Overlay = Small });
        ReportWriter.Write(target, Array.Empty<AvatarScore>(), scores, twoClips, new ReportOptions { Overlay = Small, StripClips = 0 });
        Assert.Equal(new[] { "frames.csv", "index.html", "scores.csv" }, Directory.GetFileSystemEntries(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("strip-1-clip_a.png", true)]
    [InlineData("strip-12-a-b_c.png", true)]
    [InlineData("strip-x-clip.png", false)]
    [InlineData("strip-1.png", false)]
    [InlineData("logo.png", false)]
    [InlineData("strip-1-clip.PNG", false)]
    public void OnlyTheWritersOwnStripNamesCountAsItsFiles(string name, bool expected) => Assert.Equal(expected, ReportWriter.IsStripName(name));

    [Fact]
    public void AReportOntoAFileIsRefused()
    {
        var file = Path.Combine(_parent, "report");
        File.WriteAllText(file, "x");
        var error = Assert.Throws<AvatarDataException>(() => ReportWriter.Write(file, Array.Empty<AvatarScore>(), Array.Empty<FrameScore>(), null));
        Assert.Equal(("ReportNotWritten", AvatarErrorKind.InvalidArgument), (error.ErrorId, error.Kind));
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("a;b")]
    [InlineData("a, b")]
    [InlineData("say \"hi\"")]
    [InlineData("two\nlines")]
    [InlineData("[\"json\"]")]
    [InlineData("back\\slash")]
    [InlineData("")]
    public void AnyCategoryNameRoundTripsThroughFramesCsv(string category)
    {
        var score = new FrameScore("clip_00000", 1, new[] { AvatarScenario.SingleSound, AvatarScenario.MixedSound }, "m", 0.5, 0.25, 1, 1, 1, null, 0.1,
            new[] { category, "playing violin" });
        var path = Path.Combine(_parent, "frames.csv");
        ReportWriter.WriteFrames(path, new[] { score });
        using var csv = CsvReader.FromFile(path);
        var row = Assert.Single(csv.GetRecords<FrameCsvRow>().ToList());
        Assert.Equal(new[] { category, "playing violin" }, CsvList.Parse(row.Categories));
        Assert.Equal(new[] { "Single-Sound", "Mixed-Sound" }, CsvList.Parse(row.Scenarios));
    }

    private sealed class Inline(Action<ReportProgress> report) : IProgress<ReportProgress>
    {
        public void Report(ReportProgress value) => report(value);
    }
}
