using AvatarTools.Core.Inference;
using AvatarTools.Core.Inference.Onnx;
using Xunit;

namespace AvatarTools.Core.Tests.Inference;

public class RandomEzVslModelTests
{
    [Fact]
    public void TinyModelHasEzVslShapesAndBoundedCosineMaps()
    {
        var model = RandomEzVslModel.Build(seed: 1, widths: [4, 8, 8, 16]);
        using var session = ModelSessionOpener.Open(model, "tiny-ezvsl.onnx", ModelPresets.EzVsl);
        var random = new Random(2);
        var image = new float[2 * 3 * 224 * 224];
        var audio = new float[2 * 257 * 671];
        for (var index = 0; index < image.Length; index++)
        {
            image[index] = (random.NextSingle() * 4f) - 2f;
        }
        for (var index = 0; index < audio.Length; index++)
        {
            audio[index] = -1f + random.NextSingle();
        }

        var maps = OnnxSessionRunner.Run(session, new InputTensor(image, 2, 3, 224, 224), new InputTensor(audio, 2, 1, 257, 671));

        Assert.Equal(2, maps.Length);
        Assert.All(maps, map =>
        {
            Assert.Equal(7, map.Height);
            Assert.Equal(7, map.Width);
            // A cosine divided by 0.03 lies in [-1 / 0.03, 1 / 0.03].
            Assert.All(map.Values.ToArray(), value => Assert.InRange(value, -33.34f, 33.34f));
        });
        Assert.NotEqual(maps[0].Values.ToArray(), maps[1].Values.ToArray());
    }
}
