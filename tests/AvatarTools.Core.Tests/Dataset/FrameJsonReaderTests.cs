using System.Text;
using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Dataset;

public class FrameJsonReaderTests
{
    private static FrameJsonReader.FrameContent Read(string json) => FrameJsonReader.Read("frame.json", Encoding.UTF8.GetBytes(json));

    private static AvatarDataException Fails(string json) => Assert.Throws<AvatarDataException>(() => Read(json));

    [Fact]
    public void ReadsInstancesPolygonsAndBoxesAndIgnoresUnknownKeys()
    {
        var content = Read("""
            { "original_width": 640, "original_height": 360, "fps_hint": 3, "annotations": [
              { "segmentation": [[1, 2, 3, 4, 5, 6], [10.5, 11, 12, 13, 14, 15]], "bbox": [1, 2, 13, 13],
                "audio_visual_category": "playing violin", "task": "Single-Sound", "id": 7 },
              { "audio_visual_category": "car engine", "task": "Off-Screen", "segmentation": [] },
              { "audio_visual_category": "dog barking", "task": "Multi-Entity", "segmentation": null, "bbox": [] } ] }
            """);
        Assert.Equal(640, content.Width);
        Assert.Equal(360, content.Height);
        Assert.Equal(3, content.Instances.Count);
        var violin = content.Instances[0];
        Assert.Equal(AvatarScenario.SingleSound, violin.Scenario);
        Assert.Equal(2, violin.Polygons.Count);
        Assert.Equal(new[] { 10.5, 11, 12, 13, 14, 15 }, violin.Polygons[1]);
        Assert.Equal(new BoundingBox(1, 2, 13, 13), violin.BoundingBox);
        Assert.Empty(content.Instances[1].Polygons);
        Assert.Null(content.Instances[1].BoundingBox);
        Assert.Null(content.Instances[2].BoundingBox);
    }

    [Fact]
    public void RejectsInvalidJson() => Assert.Equal("InvalidFrameJson", Fails("{ \"original_width\": 640,").ErrorId);

    [Theory]
    [InlineData("""{ "original_height": 360, "annotations": [] }""", "original_width")]
    [InlineData("""{ "original_width": 640, "annotations": [] }""", "original_height")]
    [InlineData("""{ "original_width": 640, "original_height": 360 }""", "annotations")]
    [InlineData("""{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "x" } ] }""", "task")]
    [InlineData("""{ "original_width": 640, "original_height": 360, "annotations": [ { "task": "Single-Sound" } ] }""", "audio_visual_category")]
    public void RejectsMissingKeysNamingThem(string json, string key)
    {
        var error = Fails(json);
        Assert.Equal("MissingFrameKey", error.ErrorId);
        Assert.Contains(key, error.Message);
        Assert.Contains("frame.json", error.Message);
    }

    [Fact]
    public void RejectsAnUnknownTaskListingTheAllowedValues()
    {
        var error = Fails("""{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "x", "task": "Silent" } ] }""");
        Assert.Equal("UnknownTask", error.ErrorId);
        Assert.Contains("'Silent'", error.Message);
        Assert.Contains("'Single-Sound', 'Mixed-Sound', 'Multi-Entity', 'Off-Screen'", error.Message);
    }

    [Fact]
    public void RejectsAPolygonWithAnOddNumberOfCoordinates()
    {
        var error = Fails("""{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "x", "task": "Single-Sound", "segmentation": [[1, 2, 3, 4, 5]] } ] }""");
        Assert.Equal("InvalidPolygon", error.ErrorId);
        Assert.Contains("odd number of coordinates (5)", error.Message);
    }

    [Theory]
    [InlineData(0, 360)]
    [InlineData(640, -1)]
    [InlineData(640.5, 360)]
    public void RejectsNonPositiveOrFractionalSizes(double width, double height)
    {
        var json = FormattableString.Invariant($$"""{ "original_width": {{width}}, "original_height": {{height}}, "annotations": [] }""");
        Assert.Equal("InvalidFrameSize", Fails(json).ErrorId);
    }

    [Fact]
    public void AFrameWithOnlyOffScreenInstancesIsOffScreenButKeepsItsCategories()
    {
        var content = Read("""{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "b", "task": "Off-Screen" }, { "audio_visual_category": "a", "task": "Off-Screen" } ] }""");
        var frame = new AvatarFrame("x_00001", 3, content.Width, content.Height, content.Instances, ".", "m", "i", 25);
        Assert.True(frame.IsOffScreen);
        Assert.Equal(new[] { "a", "b" }, frame.Categories);
        Assert.Equal(new[] { AvatarScenario.OffScreen }, frame.Scenarios);
        Assert.Equal(3 / 25.0, frame.Time);
    }

    [Fact]
    public void ScenariosAreDistinctAndInScenarioOrder()
    {
        var content = Read("""
            { "original_width": 640, "original_height": 360, "annotations": [
            { "audio_visual_category": "a", "task": "Off-Screen" }, { "audio_visual_category": "b", "task": "Mixed-Sound" },
            { "audio_visual_category": "c", "task": "Mixed-Sound" }, { "audio_visual_category": "d", "task": "Single-Sound" } ] }
            """);
        var frame = new AvatarFrame("x_00001", 0, 640, 360, content.Instances, ".", "m", "i", null);
        Assert.Equal(new[] { AvatarScenario.SingleSound, AvatarScenario.MixedSound, AvatarScenario.OffScreen }, frame.Scenarios);
        Assert.False(frame.IsOffScreen);
        Assert.Null(frame.Time);
    }

    [Fact]
    public void AnEmptyAnnotationListIsAnErrorNotAnOffScreenFrame()
    {
        var error = Fails("""{ "original_width": 640, "original_height": 360, "annotations": [] }""");
        Assert.Equal("EmptyAnnotations", error.ErrorId);
        Assert.Contains("'annotations' is empty", error.Message);
    }

    [Theory]
    [InlineData("""{ "original_width": 640, "original_width": 320, "original_height": 360, "annotations": [ { "audio_visual_category": "x", "task": "Off-Screen" } ] }""", "original_width")]
    [InlineData("""{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "x", "task": "Off-Screen", "task": "Single-Sound" } ] }""", "task")]
    public void AnObjectWithADuplicateKeyIsInvalidJsonNamingTheKey(string json, string key)
    {
        var error = Fails(json);
        Assert.Equal("InvalidFrameJson", error.ErrorId);
        Assert.Contains($"'{key}' twice", error.Message);
    }

    [Fact]
    public void AUtf8ByteOrderMarkIsAccepted()
    {
        var json = """{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "x", "task": "Off-Screen" } ] }""";
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(json)).ToArray();
        var content = FrameJsonReader.Read("bom.json", bytes);
        Assert.Equal(640, content.Width);
        Assert.Single(content.Instances);
    }

    [Theory]
    [InlineData("""{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "x", "task": "Single-Sound", "segmentation": [[NaN, 1, 2, 3, 4, 5]] } ] }""")]
    [InlineData("""{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "x", "task": "Single-Sound" """)]
    public void NanLiteralsAndTruncatedFilesAreInvalidJson(string json) =>
        Assert.Equal("InvalidFrameJson", Fails(json).ErrorId);

    [Fact]
    public void JsonNestedTooDeeplyIsInvalidJson()
    {
        var json = """{ "original_width": 640, "original_height": 360, "x": """ + new string('[', 200) + new string(']', 200) + """, "annotations": [ { "audio_visual_category": "x", "task": "Off-Screen" } ] }""";
        Assert.Equal("InvalidFrameJson", Fails(json).ErrorId);
    }

    [Fact]
    public void HugeButFiniteCoordinatesAreReadAsTheyAre()
    {
        var content = Read("""{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "x", "task": "Single-Sound", "segmentation": [[-1e308, -1e308, 1e308, -1e308, 1e308, 1e308, -1e308, 1e308]] } ] }""");
        Assert.Equal(new[] { -1e308, -1e308, 1e308, -1e308, 1e308, 1e308, -1e308, 1e308 }, content.Instances[0].Polygons[0]);
    }

    [Fact]
    public void ACoordinateBeyondTheDoubleRangeIsRejected() =>
        Assert.Equal("InvalidPolygon", Fails("""{ "original_width": 640, "original_height": 360, "annotations": [ { "audio_visual_category": "x", "task": "Single-Sound", "segmentation": [[1e400, 0, 1, 1, 0, 1]] } ] }""").ErrorId);
}
