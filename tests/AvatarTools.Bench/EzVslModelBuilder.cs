using AvatarTools.Core.Inference.Onnx;

namespace AvatarTools.Bench;

/// <summary>
/// The EZ-VSL-shaped benchmark model: full ResNet-18 towers (64-128-256-512) with random weights,
/// image [N, 3, 224, 224] and audio [N, 1, 257, 671] → heatmap [N, 7, 7] (cosine / 0.03), as built by
/// <see cref="RandomEzVslModel"/>. About 22.6 M parameters (≈ 90 MB of ONNX).
/// </summary>
public static class EzVslModelBuilder
{
    /// <summary>The model bytes.</summary>
    public static byte[] Build(int seed = 0) => RandomEzVslModel.Build(seed);

    /// <summary>Writes the model to <paramref name="path"/> (e.g. for <c>Invoke-AvatarModel</c> runs) and returns the path.</summary>
    public static string Save(string path, int seed = 0)
    {
        File.WriteAllBytes(path, Build(seed));
        return path;
    }
}
