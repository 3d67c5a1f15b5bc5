using System.Text;
using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Benchmarks;

public sealed class FlickrReaderTests
{
    private const string Path = "/data/flickr/Annotations/2401234567.xml";

    private static BenchmarkSample Parse(string xml) => FlickrReader.Parse(Path, Encoding.UTF8.GetBytes(xml));

    private static string Box(int a, int b, int c, int d) =>
        $"<bbox><label>x</label><xmin>{a}</xmin><ymin>{b}</ymin><xmax>{c}</xmax><ymax>{d}</ymax></bbox>";

    [Fact]
    public void ReadsEveryAnnotatorsBoxesAndSkipsOtherElements()
    {
        var sample = Parse($"""
            <annotation>
              <filename>2401234567.jpg</filename>
              <object>{Box(0, 8, 100, 256)}<name>ignored</name></object>
              <object>{Box(16, 24, 255, 300)}{Box(1, 1, 9, 9)}</object>
              <size><width>256</width></size>
            </annotation>
            """);
        Assert.Equal("2401234567", sample.Id);
        Assert.Equal(FlickrReader.Category, sample.Category);
        // ⌊7v/8⌋ by hand: 0→0, 8→7, 100→87, 256→224; 16→14, 24→21, 255→223, 300→224 (edge); 1→0, 9→7.
        Assert.Equal(new[] { new BoxCells(0, 7, 87, 224), new BoxCells(14, 21, 223, 224), new BoxCells(0, 0, 7, 7) }, sample.Boxes);
    }

    [Fact]
    public void ANegativeCoordinateIsReadAsTheBaselinesSliceReadsIt()
    {
        // int(224 * -8 / 256) = -7, which numpy's slice counts from the far edge: column 217.
        var sample = Parse($"<annotation><object>{Box(-8, 10, 256, 50)}</object></annotation>");
        Assert.Equal(new[] { new BoxCells(217, 8, 224, 43) }, sample.Boxes);
    }

    [Fact]
    public void OnlyGrandchildrenOfTheRootAreBoxes()
    {
        // A bbox directly under the root, or nested deeper, is not read (the baselines walk root → child → bbox).
        var sample = Parse($"<annotation>{Box(0, 0, 256, 256)}<object><group>{Box(0, 0, 256, 256)}</group></object></annotation>");
        Assert.Empty(sample.Boxes);
        Assert.True(sample.HasEmptyGroundTruth);
    }

    [Theory]
    [InlineData("<annotation><object><bbox><a/><b>1</b><c>2</c><d>3</d></bbox></object></annotation>", "has 4 elements; expected 5")]
    [InlineData("<annotation><object><bbox><a/><b>1</b><c>2</c><d>3</d><e>4</e><f>5</f></bbox></object></annotation>", "has 6 elements; expected 5")]
    [InlineData("<annotation><object><bbox><a/><b>1.5</b><c>2</c><d>3</d><e>4</e></bbox></object></annotation>", "<b> holds '1.5'; expected an integer")]
    [InlineData("<annotation><object><bbox><a/><b>1</b><c></c><d>3</d><e>4</e></bbox></object></annotation>", "<c> holds ''")]
    [InlineData("<annotation><object>", "not well-formed XML")]
    [InlineData("<!DOCTYPE a [<!ENTITY e \"x\">]><annotation/>", "not well-formed XML")]
    public void MalformedFilesAreInvalidFlickrAnnotation(string xml, string expected)
    {
        var error = Assert.Throws<AvatarDataException>(() => Parse(xml));
        Assert.Equal("InvalidFlickrAnnotation", error.ErrorId);
        Assert.StartsWith(Path + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadNeverThrowsForAFile()
    {
        var folder = Directory.CreateTempSubdirectory("avatar-flickr-").FullName;
        try
        {
            File.WriteAllText(System.IO.Path.Combine(folder, "1.xml"), "<annotation><object>");
            var record = FlickrReader.Read(System.IO.Path.Combine(folder, "1.xml"));
            Assert.Equal("InvalidFlickrAnnotation", record.Error!.ErrorId);
            Assert.Equal("AnnotationNotFound", FlickrReader.Read(System.IO.Path.Combine(folder, "2.xml")).Error!.ErrorId);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
