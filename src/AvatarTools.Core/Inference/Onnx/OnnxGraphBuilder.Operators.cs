namespace AvatarTools.Core.Inference.Onnx;

/// <summary>The operators the built-in and benchmark models use, with opset 17 semantics.</summary>
public sealed partial class OnnxGraphBuilder
{
    public string Add(string a, string b, string? output = null) => Node("Add", [a, b], output);

    public string Sub(string a, string b, string? output = null) => Node("Sub", [a, b], output);

    public string Mul(string a, string b, string? output = null) => Node("Mul", [a, b], output);

    public string Div(string a, string b, string? output = null) => Node("Div", [a, b], output);

    public string Max(string a, string b, string? output = null) => Node("Max", [a, b], output);

    public string Min(string a, string b, string? output = null) => Node("Min", [a, b], output);

    public string MatMul(string a, string b, string? output = null) => Node("MatMul", [a, b], output);

    public string Relu(string x, string? output = null) => Node("Relu", [x], output);

    public string Exp(string x, string? output = null) => Node("Exp", [x], output);

    public string Sqrt(string x, string? output = null) => Node("Sqrt", [x], output);

    public string Abs(string x, string? output = null) => Node("Abs", [x], output);

    public string Identity(string x, string? output = null) => Node("Identity", [x], output);

    /// <summary><c>Gemm</c>: alpha · A' · B' + beta · C, with A' and B' optionally transposed.</summary>
    public string Gemm(string a, string b, string? c = null, bool transposeA = false, bool transposeB = false, float alpha = 1f, float beta = 1f, string? output = null) =>
        Node("Gemm", c is null ? [a, b] : [a, b, c], output,
            OnnxAttribute.Int("transA", transposeA ? 1 : 0),
            OnnxAttribute.Int("transB", transposeB ? 1 : 0),
            OnnxAttribute.Float("alpha", alpha),
            OnnxAttribute.Float("beta", beta));

    /// <summary>
    /// 2-D convolution of [N, C, H, W] by weights [M, C / group, kH, kW]. <paramref name="pads"/> are
    /// (top, left, bottom, right); a single number pads every side.
    /// </summary>
    public string Conv(string x, string weights, string? bias = null, long[]? kernel = null, long stride = 1, long[]? pads = null, long group = 1, long dilation = 1, string? output = null)
    {
        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Ints("strides", stride, stride),
            OnnxAttribute.Ints("dilations", dilation, dilation),
            OnnxAttribute.Int("group", group),
        };
        if (kernel is not null)
        {
            attributes.Add(OnnxAttribute.Ints("kernel_shape", kernel));
        }
        if (pads is not null)
        {
            attributes.Add(OnnxAttribute.Ints("pads", ExpandPads(pads)));
        }
        return Node("Conv", bias is null ? [x, weights] : [x, weights, bias], output, [.. attributes]);
    }

    /// <summary>Max pooling over a square window.</summary>
    public string MaxPool(string x, long kernel, long stride, long pad = 0, string? output = null) =>
        Node("MaxPool", [x], output,
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("strides", stride, stride),
            OnnxAttribute.Ints("pads", pad, pad, pad, pad));

    /// <summary>Average pooling over a square window (padding not counted).</summary>
    public string AveragePool(string x, long kernel, long stride, long pad = 0, string? output = null) =>
        Node("AveragePool", [x], output,
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("strides", stride, stride),
            OnnxAttribute.Ints("pads", pad, pad, pad, pad));

    public string GlobalAveragePool(string x, string? output = null) => Node("GlobalAveragePool", [x], output);

    public string GlobalMaxPool(string x, string? output = null) => Node("GlobalMaxPool", [x], output);

    /// <summary>Inference-mode batch normalisation: scale · (x − mean) / √(variance + ε) + bias per channel.</summary>
    public string BatchNormalization(string x, string scale, string bias, string mean, string variance, float epsilon = 1e-5f, string? output = null) =>
        Node("BatchNormalization", [x, scale, bias, mean, variance], output, OnnxAttribute.Float("epsilon", epsilon));

    /// <summary>Mean over <paramref name="axes"/> (opset 17: axes are an attribute).</summary>
    public string ReduceMean(string x, long[] axes, bool keepDimensions = true, string? output = null) =>
        Node("ReduceMean", [x], output, OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDimensions ? 1 : 0));

    /// <summary>Maximum over <paramref name="axes"/> (opset 17: axes are an attribute).</summary>
    public string ReduceMax(string x, long[] axes, bool keepDimensions = true, string? output = null) =>
        Node("ReduceMax", [x], output, OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDimensions ? 1 : 0));

    /// <summary>Euclidean norm over <paramref name="axes"/> (opset 17: axes are an attribute).</summary>
    public string ReduceL2(string x, long[] axes, bool keepDimensions = true, string? output = null) =>
        Node("ReduceL2", [x], output, OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDimensions ? 1 : 0));

    /// <summary>Sum over <paramref name="axes"/> (since opset 13 the axes are an input).</summary>
    public string ReduceSum(string x, long[] axes, bool keepDimensions = true, string? output = null) =>
        Node("ReduceSum", [x, Int64s(axes)], output, OnnxAttribute.Int("keepdims", keepDimensions ? 1 : 0));

    /// <summary>Reshape; 0 copies the input dimension, −1 is inferred.</summary>
    public string Reshape(string x, long[] shape, string? output = null) => Node("Reshape", [x, Int64s(shape)], output);

    public string Transpose(string x, long[] permutation, string? output = null) =>
        Node("Transpose", [x], output, OnnxAttribute.Ints("perm", permutation));

    /// <summary>Slice along <paramref name="axes"/>; bounds past the end are clamped (use <see cref="long.MaxValue"/> for "to the end").</summary>
    public string Slice(string x, long[] starts, long[] ends, long[] axes, long[]? steps = null, string? output = null) =>
        Node("Slice", steps is null
            ? [x, Int64s(starts), Int64s(ends), Int64s(axes)]
            : [x, Int64s(starts), Int64s(ends), Int64s(axes), Int64s(steps)], output);

    public string Concat(long axis, IReadOnlyList<string> inputs, string? output = null) =>
        Node("Concat", inputs, output, OnnxAttribute.Int("axis", axis));

    /// <summary>Clamp to [min, max]; a null bound is omitted.</summary>
    public string Clip(string x, float? min = null, float? max = null, string? output = null) =>
        Node("Clip", [x, min is { } low ? Constant(low) : string.Empty, max is { } high ? Constant(high) : string.Empty], output);

    public string Softmax(string x, long axis = -1, string? output = null) =>
        Node("Softmax", [x], output, OnnxAttribute.Int("axis", axis));

    public string Unsqueeze(string x, long[] axes, string? output = null) => Node("Unsqueeze", [x, Int64s(axes)], output);

    public string Squeeze(string x, long[] axes, string? output = null) => Node("Squeeze", [x, Int64s(axes)], output);

    /// <summary>
    /// Resize of an [N, C, H, W] tensor by spatial scale factors. <paramref name="mode"/> is
    /// <c>nearest</c>, <c>linear</c> or <c>cubic</c>; the coordinate transformation is <c>half_pixel</c>.
    /// </summary>
    public string Resize(string x, float scaleHeight, float scaleWidth, string mode = "linear", string? output = null) =>
        Node("Resize", [x, string.Empty, Constant([1f, 1f, scaleHeight, scaleWidth], 4)], output,
            OnnxAttribute.String("mode", mode),
            OnnxAttribute.String("coordinate_transformation_mode", "half_pixel"));

    private static long[] ExpandPads(long[] pads) => pads.Length switch
    {
        1 => [pads[0], pads[0], pads[0], pads[0]],
        2 => [pads[0], pads[1], pads[0], pads[1]],
        4 => pads,
        _ => throw new ArgumentException("Pads are one value, (vertical, horizontal) or (top, left, bottom, right).", nameof(pads)),
    };
}
