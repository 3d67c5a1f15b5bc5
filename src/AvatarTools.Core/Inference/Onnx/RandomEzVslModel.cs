namespace AvatarTools.Core.Inference.Onnx;

/// <summary>
/// An ONNX model shaped like EZ-VSL with random weights, for timing and testing the inference path
/// without a trained checkpoint: a ResNet-18 image trunk on image [N, 3, S, S] → [N, C, S/32, S/32]
/// and a 1×1 projection; a ResNet-18 audio trunk on audio [N, 1, F, T] → global max pooling → [N, C]
/// and a linear projection; both L2-normalised over channels; heatmap [N, S/32, S/32] = cosine
/// similarity / 0.03. Names follow <see cref="ModelPresets.EzVsl"/>: inputs <c>image</c>, <c>audio</c>; output <c>heatmap</c>.
/// </summary>
public static class RandomEzVslModel
{
    /// <summary>EZ-VSL's temperature.</summary>
    public const float Temperature = 0.03f;

    /// <summary>ResNet-18's stage widths.</summary>
    public static IReadOnlyList<int> ResNet18Widths { get; } = [64, 128, 256, 512];

    /// <summary>The model bytes; <paramref name="widths"/> smaller than ResNet-18's make a fast model of the same shape.</summary>
    public static byte[] Build(int seed = 0, IReadOnlyList<int>? widths = null, int imageSize = 224, int frequencyBins = 257, int audioFrames = 671)
    {
        widths ??= ResNet18Widths;
        var random = new Random(seed);
        var embedding = widths[3];
        var graph = new OnnxGraphBuilder("ezvsl_random")
        {
            Documentation = "EZ-VSL-shaped model with random weights (AvatarTools).",
        };
        var image = graph.AddInput("image", "N", 3, imageSize, imageSize);
        var audio = graph.AddInput("audio", "N", 1, frequencyBins, audioFrames);

        var imageFeatures = graph.ResNet18Trunk(image, 3, widths, random, "imgnet");
        var imageProjection = graph.AddInitializer("img_proj.weight", ResNetGraphs.HeNormal(random, embedding, embedding), embedding, embedding, 1, 1);
        var imageBias = graph.AddInitializer("img_proj.bias", new float[embedding], embedding);
        var imageEmbedding = graph.L2Normalize(graph.Conv(imageFeatures, imageProjection, imageBias, kernel: [1, 1]), 1);

        var audioFeatures = graph.ResNet18Trunk(audio, 1, widths, random, "audnet");
        var pooled = graph.Reshape(graph.GlobalMaxPool(audioFeatures), [0, embedding]);
        var audioProjection = graph.AddInitializer("aud_proj.weight", ResNetGraphs.HeNormal(random, embedding, embedding), embedding, embedding);
        var audioBias = graph.AddInitializer("aud_proj.bias", new float[embedding], embedding);
        var audioEmbedding = graph.L2Normalize(graph.Gemm(pooled, audioProjection, audioBias, transposeB: true), 1);

        var similarity = graph.ReduceSum(graph.Mul(imageEmbedding, graph.Unsqueeze(audioEmbedding, [2, 3])), [1], keepDimensions: false);
        var side = imageSize / 32;
        graph.AddOutput(graph.Div(similarity, graph.Constant(Temperature), "heatmap"), "N", side, side);
        return graph.ToBytes();
    }
}
