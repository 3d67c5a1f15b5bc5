using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Benchmarks;

public sealed class ImageBenchmarkSetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("avatar-benchmark-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private const string VggSs = """
        [
          {"file": "b_000002", "class": "dog barking", "bbox": [[0.1, 0.2, 0.5, 0.75]]},
          {"file": "a_000001", "class": "playing piano", "bbox": [[0.3, 0.1, 0.3, 0.9]]},
          {"file": "c_000003", "class": "dog barking", "bbox": [[0, 0, 1, 1], [0.5, 0.5, 1, 1]]},
          {"file": "bad_000004", "class": "x", "bbox": [[1, 2]]}
        ]
        """;

    [Fact]
    public void RecognisesEachLayout()
    {
        Assert.Null(BenchmarkLayout.Detect(_root, out _));
        Directory.CreateDirectory(Path.Combine(_root, "frames"));
        Assert.Null(BenchmarkLayout.Detect(_root, out _));
        var xml = Write("Annotations/1.xml", "<annotation/>");
        Assert.Equal(Benchmark.FlickrSoundNet, BenchmarkLayout.Detect(_root, out var annotation));
        Assert.Equal(Path.GetDirectoryName(xml), annotation);
        var json = Write("vggss.json", "[]");
        Assert.Equal(Benchmark.VggSs, BenchmarkLayout.Detect(_root, out annotation));
        Assert.Equal(json, annotation);
        Directory.CreateDirectory(Path.Combine(_root, "metadata"));
        Assert.Equal(Benchmark.Avatar, BenchmarkLayout.Detect(_root, out annotation));
        Assert.Null(annotation);
    }

    [Fact]
    public void FindsFlickrXmlInAnotherSingleFolderButNotAmongSeveral()
    {
        Directory.CreateDirectory(Path.Combine(_root, "frames"));
        var xml = Write("gt/1.xml", "<annotation/>");
        Assert.Equal(Benchmark.FlickrSoundNet, BenchmarkLayout.Detect(_root, out var annotation));
        Assert.Equal(Path.GetDirectoryName(xml), annotation);
        Write("other/2.xml", "<annotation/>");
        Assert.Null(BenchmarkLayout.Detect(_root, out _));
    }

    [Fact]
    public void VggSsSamplesStreamAsFramesInTheFilesOrder()
    {
        var json = Write("vggss.json", VggSs);
        Write("frames/b_000002.jpg", "x");
        var set = ImageBenchmarkSet.Open(_root, Benchmark.VggSs);
        var warnings = new List<string>();
        var records = set.ReadFrames(null, warnings.Add).ToList();
        Assert.Equal(4, records.Count);
        var frame = records[0].Frame!;
        Assert.Equal(Benchmark.VggSs, frame.Benchmark);
        Assert.Equal("b_000002", frame.VideoId);
        Assert.Equal(0, frame.FrameIndex);
        Assert.Equal(224, frame.Width);
        Assert.Equal(224, frame.Height);
        Assert.Null(frame.FrameRate);
        Assert.Null(frame.Time);
        Assert.Null(frame.TestList);
        Assert.Equal(json, frame.MetadataPath);
        Assert.Equal(Path.Combine(_root, "frames", "b_000002.jpg"), frame.ImagePath);
        Assert.Equal(_root, frame.DatasetPath);
        Assert.Equal(new[] { "dog barking" }, frame.Categories);
        Assert.Equal(new[] { AvatarScenario.SingleSound }, frame.Scenarios);
        Assert.False(frame.IsOffScreen);
        Assert.Equal(new BoundingBox(22, 44, 90, 124), Assert.Single(frame.Instances).BoundingBox);
        Assert.Null(records[0].Warning);
        // The degenerate box: an empty ground truth is a warning, and the frame still streams.
        Assert.NotNull(records[1].Frame);
        Assert.Contains("'a_000001' has an empty ground truth", records[1].Warning, StringComparison.Ordinal);
        Assert.Equal(2, records[2].Frame!.Instances.Count);
        Assert.Equal("InvalidVggSsSample", records[3].Error!.ErrorId);
        // Only b_000002 has its image.
        Assert.Contains("2 sample(s) have no image", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void ATestListSelectsSamplesInItsOrderAndNamesTheMissingOnes()
    {
        Write("vggss.json", VggSs);
        var list = TestList.Parse(Path.Combine(_root, "vggss_heard_test.csv"), "c_000003\nnope_000009\nb_000002\n"u8.ToArray());
        var warnings = new List<string>();
        var records = ImageBenchmarkSet.Open(_root, Benchmark.VggSs).ReadFrames(list, warnings.Add).ToList();
        // The entry that failed to read is still reported (it may be the listed id that is missing).
        Assert.Equal("InvalidVggSsSample", records[0].Error!.ErrorId);
        var frames = records.Where(r => r.Frame is not null).Select(r => r.Frame!).ToList();
        Assert.Equal(new[] { "c_000003", "b_000002" }, frames.Select(f => f.VideoId));
        Assert.All(frames, f => Assert.Equal("vggss_heard_test", f.TestList));
        Assert.Contains(warnings, w => w.Contains("1 of the 3 ids of vggss_heard_test.csv have no annotation in vggss.json", StringComparison.Ordinal) && w.Contains("nope_000009", StringComparison.Ordinal));
    }

    [Fact]
    public void FlickrSamplesStreamByIdAndOneBadFileCostsOnlyItself()
    {
        Write("Annotations/20.xml", "<annotation><object><bbox><l/><a>0</a><b>0</b><c>128</c><d>128</d></bbox></object></annotation>");
        Write("Annotations/10.xml", "<annotation><object><bbox><l/><a>0</a><b>0</b><c>8</c><d>8</d></bbox></object><object><bbox><l/><a>8</a><b>8</b><c>16</c><d>16</d></bbox></object></annotation>");
        Write("Annotations/15.xml", "<annotation><object>");
        Write("Annotations/30.xml", "<annotation/>");
        Directory.CreateDirectory(Path.Combine(_root, "frames"));
        var set = ImageBenchmarkSet.Open(_root, Benchmark.FlickrSoundNet);
        var records = set.ReadFrames(null, _ => { }).ToList();
        Assert.Equal(new[] { "10", null, "20", "30" }, records.Select(r => r.Frame?.VideoId));
        Assert.Equal("InvalidFlickrAnnotation", records[1].Error!.ErrorId);
        var frame = records[0].Frame!;
        Assert.Equal(Benchmark.FlickrSoundNet, frame.Benchmark);
        Assert.Equal(new[] { new BoundingBox(0, 0, 7, 7), new BoundingBox(7, 7, 7, 7) }, frame.Instances.Select(i => i.BoundingBox));
        Assert.All(frame.Instances, i => Assert.Equal(FlickrReader.Category, i.Category));
        Assert.Null(frame.YouTubeId);
        Assert.Contains("'30' has an empty ground truth (it has no box)", records[3].Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void AFlickrTestListSelectsTheListedFiles()
    {
        Write("anno/10.xml", "<annotation/>");
        Write("anno/20.xml", "<annotation/>");
        var list = TestList.Parse("/x/flickr_test.csv", "20,0\n99,1\n"u8.ToArray());
        var warnings = new List<string>();
        var records = ImageBenchmarkSet.Open(_root, Benchmark.FlickrSoundNet, Path.Combine(_root, "anno")).ReadFrames(list, warnings.Add).ToList();
        Assert.Equal("20", Assert.Single(records).Frame!.VideoId);
        Assert.Equal("flickr_test", records[0].Frame!.TestList);
        Assert.Contains(warnings, w => w.Contains("1 of the 2 ids of flickr_test.csv have no annotation", StringComparison.Ordinal) && w.EndsWith(": 99", StringComparison.Ordinal));
    }

    [Fact]
    public void OpeningChecksTheAnnotationsKind()
    {
        Assert.Equal("AnnotationNotFound", Assert.Throws<AvatarDataException>(() => ImageBenchmarkSet.Open(_root, Benchmark.VggSs)).ErrorId);
        Assert.Equal("AnnotationNotFound", Assert.Throws<AvatarDataException>(() => ImageBenchmarkSet.Open(_root, Benchmark.FlickrSoundNet, Write("a.xml", "<a/>"))).ErrorId);
        Assert.Equal("DatasetNotFound", Assert.Throws<AvatarDataException>(() => ImageBenchmarkSet.Open(Path.Combine(_root, "none"), Benchmark.VggSs)).ErrorId);
        Assert.Equal("NotAnImageBenchmark", Assert.Throws<AvatarDataException>(() => ImageBenchmarkSet.Open(_root, Benchmark.Avatar)).ErrorId);
    }

    [Fact]
    public void TheSetIsTheMediaOfItsSamples()
    {
        Write("vggss.json", "[]");
        var wav = Write("audio/a_000001.wav", "x");
        IClipMedia media = ImageBenchmarkSet.Open(_root, Benchmark.VggSs);
        Assert.Equal(_root, media.Root);
        Assert.Equal(wav, media.AudioFile("a_000001"));
        Assert.Null(media.AudioFile("b_000001"));
        Assert.Null(media.VideoFile("a_000001"));
        Assert.Null(media.FramesFolder("a_000001"));
        Assert.Null(media.FrameRate("a_000001"));
        Assert.Equal(new[] { 0 }, media.LabelledFrames("a_000001"));
    }
}
