namespace AvatarTools.Core.Inference.Onnx;

/// <summary>
/// ResNet building blocks for test and benchmark models with random weights (He-normal convolutions,
/// batch normalisation kept as separate nodes with random statistics, as a PyTorch export has them).
/// </summary>
public static class ResNetGraphs
{
    /// <summary>
    /// A ResNet-18 trunk without its classifier: 7×7/2 convolution, BN, ReLU, 3×3/2 max pooling, then
    /// four stages of two BasicBlocks with <paramref name="widths"/> channels (64, 128, 256, 512 for
    /// ResNet-18), the first block of stages 2–4 striding by 2 with a 1×1 projection shortcut.
    /// Returns the name of the [N, widths[3], H/32, W/32] feature map.
    /// </summary>
    public static string ResNet18Trunk(this OnnxGraphBuilder graph, string input, int inputChannels, IReadOnlyList<int> widths, Random random, string prefix)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(random);
        if (widths.Count != 4 || widths.Any(width => width <= 0))
        {
            throw new ArgumentException("A ResNet-18 trunk needs four positive stage widths.", nameof(widths));
        }
        var x = graph.ConvolutionBatchNorm(input, inputChannels, widths[0], 7, 2, random, $"{prefix}.stem", relu: true);
        x = graph.MaxPool(x, 3, 2, 1);
        var channels = widths[0];
        for (var stage = 0; stage < 4; stage++)
        {
            var stride = stage == 0 ? 1 : 2;
            x = graph.BasicBlock(x, channels, widths[stage], stride, random, $"{prefix}.layer{stage + 1}.0");
            x = graph.BasicBlock(x, widths[stage], widths[stage], 1, random, $"{prefix}.layer{stage + 1}.1");
            channels = widths[stage];
        }
        return x;
    }

    /// <summary>A ResNet BasicBlock: conv3×3/stride–BN–ReLU–conv3×3–BN, plus the (projected) input, ReLU.</summary>
    public static string BasicBlock(this OnnxGraphBuilder graph, string input, int inputChannels, int outputChannels, int stride, Random random, string prefix)
    {
        var y = graph.ConvolutionBatchNorm(input, inputChannels, outputChannels, 3, stride, random, $"{prefix}.conv1", relu: true);
        y = graph.ConvolutionBatchNorm(y, outputChannels, outputChannels, 3, 1, random, $"{prefix}.conv2", relu: false);
        var shortcut = stride != 1 || inputChannels != outputChannels
            ? graph.ConvolutionBatchNorm(input, inputChannels, outputChannels, 1, stride, random, $"{prefix}.downsample", relu: false)
            : input;
        return graph.Relu(graph.Add(y, shortcut));
    }

    /// <summary>A bias-free square convolution (padding kernel / 2) followed by batch normalisation and optionally ReLU.</summary>
    public static string ConvolutionBatchNorm(this OnnxGraphBuilder graph, string input, int inputChannels, int outputChannels, int kernel, int stride, Random random, string prefix, bool relu)
    {
        var weights = graph.AddInitializer($"{prefix}.weight", HeNormal(random, outputChannels, inputChannels * kernel * kernel), outputChannels, inputChannels, kernel, kernel);
        var y = graph.Conv(input, weights, kernel: [kernel, kernel], stride: stride, pads: [kernel / 2]);
        y = graph.BatchNormalization(
            y,
            graph.AddInitializer($"{prefix}.bn.weight", Uniform(random, outputChannels, 0.8f, 1.2f), outputChannels),
            graph.AddInitializer($"{prefix}.bn.bias", Uniform(random, outputChannels, -0.1f, 0.1f), outputChannels),
            graph.AddInitializer($"{prefix}.bn.running_mean", Uniform(random, outputChannels, -0.1f, 0.1f), outputChannels),
            graph.AddInitializer($"{prefix}.bn.running_var", Uniform(random, outputChannels, 0.5f, 1.5f), outputChannels));
        return relu ? graph.Relu(y) : y;
    }

    /// <summary>x / max(‖x‖₂ over <paramref name="axis"/>, 1e-12), as PyTorch's <c>F.normalize</c>.</summary>
    public static string L2Normalize(this OnnxGraphBuilder graph, string x, long axis)
    {
        var norm = graph.Max(graph.ReduceL2(x, [axis]), graph.Constant(1e-12f));
        return graph.Div(x, norm);
    }

    /// <summary>Normal deviates with standard deviation √(2 / fanIn) (Box–Muller).</summary>
    public static float[] HeNormal(Random random, int outputs, int fanIn)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new float[outputs * fanIn];
        var scale = Math.Sqrt(2.0 / fanIn);
        for (var index = 0; index < values.Length; index++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[index] = (float)(scale * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }
        return values;
    }

    private static float[] Uniform(Random random, int count, float low, float high)
    {
        var values = new float[count];
        for (var index = 0; index < count; index++)
        {
            values[index] = low + ((high - low) * random.NextSingle());
        }
        return values;
    }
}
