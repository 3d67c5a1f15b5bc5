namespace AvatarTools.Core.Scoring;

/// <summary>
/// The taps of torch's bicubic upsampling with aligned corners (<c>upsample_bicubic2d</c>, <c>align_corners=True</c>),
/// float arithmetic as torch does it for float32 maps: see <see cref="UpsampleMode.BicubicAlignCorners"/>.
/// </summary>
internal static class TorchCubicAlignCorners
{
    /// <summary>Keys' constant as torch uses it.</summary>
    public const float A = -0.75f;

    /// <summary>The four taps (clamped indices and weights) of every output index along one axis.</summary>
    public static AxisWeights Create(int inputSize, int outputSize)
    {
        var scale = outputSize > 1 ? (float)(inputSize - 1) / (outputSize - 1) : 0f;
        var indices = new int[outputSize * 4];
        var weights = new float[outputSize * 4];
        Span<float> coefficients = stackalloc float[4];
        for (var o = 0; o < outputSize; o++)
        {
            var source = scale * o;
            var i0 = Math.Min((int)MathF.Floor(source), inputSize - 1);
            var t = Math.Clamp(source - i0, 0f, 1f);
            Coefficients(t, coefficients);
            for (var k = 0; k < 4; k++)
            {
                indices[(o * 4) + k] = Math.Clamp(i0 - 1 + k, 0, inputSize - 1);
                weights[(o * 4) + k] = coefficients[k];
            }
        }
        return new AxisWeights(4, indices, weights);
    }

    /// <summary>torch's <c>get_cubic_upsample_coefficients</c>: each of the four weights from its own formula.</summary>
    public static void Coefficients(float t, Span<float> coefficients)
    {
        var u = 1f - t;
        coefficients[0] = Outer(t + 1f);
        coefficients[1] = Inner(t);
        coefficients[2] = Inner(u);
        coefficients[3] = Outer(u + 1f);
    }

    /// <summary>cubic_convolution1: ((A + 2)·x − (A + 3))·x·x + 1, for |x| ≤ 1.</summary>
    private static float Inner(float x) => ((((A + 2) * x) - (A + 3)) * x * x) + 1;

    /// <summary>cubic_convolution2: ((A·x − 5A)·x + 8A)·x − 4A, for 1 &lt; |x| &lt; 2.</summary>
    private static float Outer(float x) => ((((A * x) - (5 * A)) * x) + (8 * A)) * x - (4 * A);
}
