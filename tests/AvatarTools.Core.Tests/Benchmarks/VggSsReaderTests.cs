using System.Text;
using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Benchmarks;

public sealed class VggSsReaderTests
{
    private const string Path = "/data/vggss/vggss.json";

    private static IReadOnlyList<SampleRecord> Parse(string json) => VggSsReader.Parse(Path, Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ReadsEntriesInTheFileOrderWithTheirBoxesInCells()
    {
        var records = Parse("""
            [
              {"file": "abc_000010", "class": "dog barking", "bbox": [[0.1, 0.2, 0.5, 0.75], [0, 0, 1, 1]]},
              {"file": "xyz-_000000", "class": "playing piano", "bbox": [[0.25, -2.9e16, 1.3, 0.5]], "extra": 1}
            ]
            """);
        Assert.Equal(2, records.Count);
        var first = records[0].Sample!;
        Assert.Equal("abc_000010", first.Id);
        Assert.Equal("dog barking", first.Category);
        Assert.Equal(Path, first.AnnotationPath);
        Assert.Equal(new[] { new BoxCells(22, 44, 112, 168), new BoxCells(0, 0, 224, 224) }, first.Boxes);
        // -2.9e16 clips to 0 and 1.3 to 1 (224): the baselines' np.clip then astype(int).
        Assert.Equal(new[] { new BoxCells(56, 0, 224, 112) }, records[1].Sample!.Boxes);
        Assert.False(records[1].Sample!.HasEmptyGroundTruth);
    }

    [Fact]
    public void DegenerateAndOutOfRangeBoxesLeaveAnEmptyGroundTruthButTheSampleIsRead()
    {
        var records = Parse("""[{"file": "a_000001", "class": "c", "bbox": [[0.3, 0.1, 0.3, 0.9], [1.2, 0.1, 1.5, 0.4]]}, {"file": "b_000001", "class": "c", "bbox": []}]""");
        Assert.All(records, record => Assert.Null(record.Error));
        Assert.True(records[0].Sample!.HasEmptyGroundTruth);
        Assert.Equal(new BoxCells(224, 22, 224, 89), records[0].Sample!.Boxes[1]);
        Assert.True(records[1].Sample!.HasEmptyGroundTruth);
    }

    [Fact]
    public void ANumberTooLargeForADoubleClipsLikeAnInfinity()
    {
        var sample = Parse("""[{"file": "a_000001", "class": "c", "bbox": [[-1e400, 0.5, 1e400, 0.75]]}]""")[0].Sample!;
        Assert.Equal(new BoxCells(0, 112, 224, 168), sample.Boxes[0]);
    }

    [Theory]
    [InlineData("""[3]""", "entry 0 is a JSON number, not an object")]
    [InlineData("""[{"class": "c", "bbox": []}]""", "entry 0 lacks the string 'file'")]
    [InlineData("""[{"file": 12, "class": "c", "bbox": []}]""", "entry 0 lacks the string 'file'")]
    [InlineData("""[{"file": "../x", "class": "c", "bbox": []}]""", "is not a plain file name")]
    [InlineData("""[{"file": "a_000001", "bbox": []}]""", "entry 0 ('a_000001') lacks the string 'class'")]
    [InlineData("""[{"file": "a_000001", "class": "c"}]""", "lacks 'bbox'")]
    [InlineData("""[{"file": "a_000001", "class": "c", "bbox": [[0.1, 0.2, 0.3]]}]""", "box 0 is [0.1, 0.2, 0.3]; expected [xmin, ymin, xmax, ymax]")]
    [InlineData("""[{"file": "a_000001", "class": "c", "bbox": [0.1, 0.2, 0.3, 0.4]}]""", "box 0 is 0.1")]
    [InlineData("""[{"file": "a_000001", "class": "c", "bbox": [[0.1, "0.2", 0.3, 0.4]]}]""", "box 0 holds \"0.2\" where a number is expected")]
    [InlineData("""[{"file": "a_000001", "class": "c", "bbox": [[0.1, null, 0.3, 0.4]]}]""", "box 0 holds null")]
    public void AMalformedEntryIsAnErrorForThatEntryOnly(string entries, string expected)
    {
        var json = entries.Insert(entries.Length - 1, """, {"file": "ok_000001", "class": "c", "bbox": [[0, 0, 1, 1]]}""");
        var records = Parse(json);
        Assert.Equal(2, records.Count);
        var error = records[0].Error!;
        Assert.Equal("InvalidVggSsSample", error.ErrorId);
        Assert.Equal(Path, error.Path);
        Assert.Contains(Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("ok_000001", records[1].Sample!.Id);
    }

    [Fact]
    public void PythonsNonFiniteTokensAreNumbersAsJsonLoadReadsThem()
    {
        // Python's json.load gives [nan, inf, -inf] for these bare tokens; the boxes then clip as numpy clips them
        // (NaN start -> 0, inf -> 224, -inf -> 0). Strings that hold the same letters stay strings.
        var records = Parse("""
            [{"file": "a_000001", "class": "NaN Infinity", "bbox": [[NaN, 0.1, Infinity, 0.9], [-Infinity,0,0.5,1.0]]}]
            """);
        var sample = records[0].Sample!;
        Assert.Equal("NaN Infinity", sample.Category);
        Assert.Equal(new[] { new BoxCells(0, 22, 224, 201), new BoxCells(0, 0, 112, 224) }, sample.Boxes);
    }

    [Theory]
    [InlineData("""[{"file": "a_000001", "class": NaN, "bbox": []}]""", "lacks the string 'class'")]
    [InlineData("""[{"file": Infinity, "class": "c", "bbox": []}]""", "lacks the string 'file'")]
    [InlineData("""[{"file": "a_000001", "class": "c", "bbox": [NaN]}]""", "box 0 is NaN;")]
    public void ANonFiniteTokenWhereNoNumberBelongsIsAnErrorForItsEntry(string json, string expected)
    {
        var error = Assert.Single(Parse(json)).Error!;
        Assert.Equal("InvalidVggSsSample", error.ErrorId);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADuplicateIdIsAnErrorForTheSecondEntry()
    {
        var records = Parse("""[{"file": "a_000001", "class": "c", "bbox": []}, {"file": "a_000001", "class": "d", "bbox": []}]""");
        Assert.Equal("c", records[0].Sample!.Category);
        Assert.Contains("entry 1 ('a_000001') the id appears in an earlier entry", records[1].Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"file\": \"a\"}", "the top level is a JSON object")]
    [InlineData("[{\"file\": ", "not valid JSON")]
    [InlineData("[{\"file\": \"a_000001\", \"class\": \"c\", \"bbox\": [[NaNa, 0, 1, 1]]}]", "not valid JSON")]
    public void AFileThatIsNotAJsonArrayIsOneError(string json, string expected)
    {
        var error = Assert.Throws<AvatarDataException>(() => Parse(json));
        Assert.Equal("InvalidVggSsJson", error.ErrorId);
        Assert.StartsWith(Path + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsAnnotationNotFound()
    {
        var error = Assert.Throws<AvatarDataException>(() => VggSsReader.Read(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "no-such-folder-4711", "vggss.json")));
        Assert.Equal("AnnotationNotFound", error.ErrorId);
    }
}
