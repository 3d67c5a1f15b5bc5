namespace AvatarTools.Core.Features;

/// <summary>A dense float32 tensor in row-major order with its shape (e.g. [1, 257, 671]).</summary>
/// <param name="Values">The values; owned by the tensor.</param>
/// <param name="Shape">The dimensions; their product is <c>Values.Length</c>.</param>
public sealed record FeatureTensor(float[] Values, int[] Shape);
