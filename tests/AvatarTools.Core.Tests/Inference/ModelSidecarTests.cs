using AvatarTools.Core.Features;
using AvatarTools.Core.Inference;
using Xunit;

namespace AvatarTools.Core.Tests.Inference;

public class ModelSidecarTests
{
    [Fact]
    public void PresetPlusOverrides()
    {
        var description = ModelSidecar.Parse(
            """
            { "preset": "SslTie", "imageInput": "img", "AUDIOINPUT": "spec", "outputSize": 7,
              "mean": [0, 0, 0], "std": [1, 1, 1], "resize": "squash", // comment
            }
            """,
            "m.onnx.json");

        Assert.Equal("SslTie", description.Name);
        Assert.Equal(SpectrogramKind.Mel, description.Spectrogram);
        Assert.Equal("img", description.ImageInputName);
        Assert.Equal("spec", description.AudioInputName);
        Assert.Equal(7, description.OutputSize);
        Assert.Equal(ImageResizeMode.Squash, description.ResizeMode);
        Assert.Equal([0f, 0f, 0f], description.Mean);
        Assert.Equal([1L, 257L, 670L], description.AudioItemShape);
    }

    [Fact]
    public void WithoutPresetStartsFromEzVslNamedAfterTheModel()
    {
        var description = ModelSidecar.Parse("""{ "windowSeconds": 3 }""", Path.Combine("dir", "mine.onnx.json"));
        Assert.Equal("mine", description.Name);
        Assert.Equal([1L, 257L, 200L], description.AudioItemShape); // floor((48000 - 274) / 238) = 200
    }

    [Fact]
    public void UnknownKeyListsTheKnownKeys()
    {
        var error = Assert.Throws<AvatarDataException>(() => ModelSidecar.Parse("""{ "imagesize": 224, "colour": 1 }""", "x.json"));
        Assert.Equal(ModelSidecar.ErrorId, error.ErrorId);
        Assert.Equal(AvatarErrorKind.InvalidData, error.Kind);
        Assert.Equal("x.json", error.Path);
        Assert.Contains("'colour'", error.Message);
        Assert.Contains("nperseg", error.Message);
    }

    [Theory]
    [InlineData("""{ "imageSize": "big" }""", "imageSize")]
    [InlineData("""{ "resize": "Stretch" }""", "ShortSideCenterCrop")]
    [InlineData("""{ "mean": [1, 2] }""", "mean")]
    [InlineData("""{ "noverlap": 600 }""", "noverlap")]
    [InlineData("""{ "preset": "Nope" }""", "EzVsl")]
    [InlineData("""{ "std": [1, 0, 1] }""", "std")]
    [InlineData("""[1]""", "object")]
    [InlineData("""{ "a": """, "JSON")]
    public void BadValuesNameTheKey(string json, string expectedText)
    {
        var error = Assert.Throws<AvatarDataException>(() => ModelSidecar.Parse(json, "bad.onnx.json"));
        Assert.Equal("bad.onnx.json", error.Path);
        Assert.Contains(expectedText, error.Message);
    }

    [Fact]
    public void FindsTheSidecarBesideTheModel()
    {
        var folder = Directory.CreateTempSubdirectory("avatar-sidecar-");
        try
        {
            var model = Path.Combine(folder.FullName, "m.onnx");
            File.WriteAllBytes(model, [0]);
            Assert.Null(ModelSidecar.Find(model));
            Assert.Same(ModelPresets.Lvs, ModelSidecar.ForModel(model, ModelPresets.Lvs));

            File.WriteAllText(Path.Combine(folder.FullName, "m.json"), """{ "preset": "Lvs", "name": "second" }""");
            Assert.Equal("second", ModelSidecar.ForModel(model, ModelPresets.EzVsl).Name);

            File.WriteAllText(model + ".json", """{ "preset": "Slavc" }""");
            Assert.Equal(model + ".json", ModelSidecar.Find(model));
            Assert.Equal("Slavc", ModelSidecar.ForModel(model, ModelPresets.EzVsl).Name);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void PresetShapesFollowTheSpecification()
    {
        Assert.Equal([1L, 257L, 671L], ModelPresets.EzVsl.AudioItemShape);
        Assert.Equal([3L, 224L, 224L], ModelPresets.EzVsl.ImageItemShape);
        Assert.Equal([1L, 257L, 670L], ModelPresets.SslTie.AudioItemShape); // 1 + floor(160000 / 239) = 670
        Assert.Equal(ImageResizeMode.ShortSideCenterCrop, ModelPresets.SslTie.ResizeMode);
        Assert.Equal(14, ModelPresets.Lvs.OutputSize);
        Assert.Equal([1L, 257L, 1343L], (ModelPresets.Lvs with { WindowSeconds = 20 }).AudioItemShape); // floor((320000 - 274) / 238)
        Assert.Same(ModelPresets.Slavc, ModelPresets.Get("slavc"));
    }
}
