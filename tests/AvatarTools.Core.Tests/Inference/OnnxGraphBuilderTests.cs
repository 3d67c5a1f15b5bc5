using AvatarTools.Core.Inference.Onnx;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace AvatarTools.Core.Tests.Inference;

public class OnnxGraphBuilderTests
{
    [Fact]
    public void ElementwiseGraphLoadsAndComputes()
    {
        // y = relu(x * 2 - 1) + |x| ; x = [-1, 0, 0.25, 2] -> [0+1, 0+0, 0+0.25, 3+2]
        var graph = new OnnxGraphBuilder("elementwise");
        var x = graph.AddInput("x", "N", 4);
        var scaled = graph.Sub(graph.Mul(x, graph.Constant(2f)), graph.Constant(1f));
        graph.AddOutput(graph.Add(graph.Relu(scaled), graph.Abs(x), "y"), "N", 4);

        var y = RunOne(graph.ToBytes(), ("x", [-1f, 0f, 0.25f, 2f], [1, 4]));

        Assert.Equal([1f, 0f, 0.25f, 5f], y.Values);
        Assert.Equal([1L, 4L], y.Shape);
    }

    [Fact]
    public void SymbolicBatchFollowsTheInput()
    {
        var graph = new OnnxGraphBuilder("batch");
        var x = graph.AddInput("x", "N", 2);
        graph.AddOutput(graph.ReduceSum(x, [1], keepDimensions: false, output: "y"), "N");

        var y = RunOne(graph.ToBytes(), ("x", [1f, 2f, 3f, 4f, 5f, 6f], [3, 2]));

        Assert.Equal([3L], y.Shape);
        Assert.Equal([3f, 7f, 11f], y.Values);
    }

    [Fact]
    public void ConvolutionMatchesHandComputation()
    {
        // 1x1x3x3 input 1..9, 2x2 kernel [[1,0],[0,-1]], bias 0.5, stride 1, no padding:
        // out[i,j] = x[i,j] - x[i+1,j+1] + 0.5 = -4 + 0.5 everywhere.
        var graph = new OnnxGraphBuilder("conv");
        var x = graph.AddInput("x", "N", 1, 3, 3);
        var w = graph.AddInitializer("w", [1f, 0f, 0f, -1f], 1, 1, 2, 2);
        var b = graph.AddInitializer("b", [0.5f], 1);
        graph.AddOutput(graph.Conv(x, w, b, kernel: [2, 2], output: "y"), "N", 1, 2, 2);

        var y = RunOne(graph.ToBytes(), ("x", [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f], [1, 1, 3, 3]));

        Assert.Equal([1L, 1L, 2L, 2L], y.Shape);
        Assert.All(y.Values, value => Assert.Equal(-3.5f, value));
    }

    [Fact]
    public void ShapeOperatorsAndReductions()
    {
        // x [1,2,3] = [[1,2,3],[4,5,6]]; transpose -> [1,3,2]; slice rows 1.. of axis 1 -> [[2,5],[3,6]];
        // reshape [1,4] ; softmax over equal-difference pairs checked separately.
        var graph = new OnnxGraphBuilder("shapes");
        var x = graph.AddInput("x", 1, 2, 3);
        var transposed = graph.Transpose(x, [0, 2, 1]);
        var sliced = graph.Slice(transposed, [1], [long.MaxValue], [1]);
        var flat = graph.Reshape(sliced, [1, 4], "flat");
        graph.AddOutput(flat, 1, 4);
        var mean = graph.ReduceMean(x, [2], keepDimensions: false, output: "mean");
        graph.AddOutput(mean, 1, 2);
        var clipped = graph.Clip(graph.Sqrt(graph.Unsqueeze(mean, [0])), min: 1.5f, max: 2f, output: "clipped");
        graph.AddOutput(clipped);
        var softmax = graph.Softmax(graph.Concat(1, [mean, mean]), output: "softmax");
        graph.AddOutput(softmax);

        using var session = new InferenceSession(graph.ToBytes());
        using var input = OrtValue.CreateTensorValueFromMemory(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, new long[] { 1, 2, 3 });
        using var results = session.Run(new RunOptions(), ["x"], [input], ["flat", "mean", "clipped", "softmax"]);

        Assert.Equal([2f, 5f, 3f, 6f], results[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal([2f, 5f], results[1].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal([1L, 1L, 2L], results[2].GetTensorTypeAndShape().Shape);
        Assert.Equal([1.5f, 2f], results[2].GetTensorDataAsSpan<float>().ToArray()); // sqrt 2 -> 1.5, sqrt 5 -> 2
        var softmaxValues = results[3].GetTensorDataAsSpan<float>().ToArray();
        var expectedLow = (float)(Math.Exp(2) / ((2 * Math.Exp(2)) + (2 * Math.Exp(5))));
        Assert.Equal(expectedLow, softmaxValues[0], 5);
        Assert.Equal(1f, softmaxValues.Sum(), 5);
    }

    [Fact]
    public void GemmBatchNormPoolingAndResize()
    {
        var graph = new OnnxGraphBuilder("misc");
        var x = graph.AddInput("x", 1, 1, 2, 2);
        // BatchNorm: (x - 1) / sqrt(4 + 0) * 3 + 1
        var normalised = graph.BatchNormalization(x, graph.Constant([3f], 1), graph.Constant([1f], 1), graph.Constant([1f], 1), graph.Constant([4f], 1), epsilon: 0f, output: "bn");
        graph.AddOutput(normalised);
        graph.AddOutput(graph.GlobalAveragePool(x, "gap"));
        graph.AddOutput(graph.MaxPool(x, 2, 2, output: "maxpool"));
        graph.AddOutput(graph.Resize(x, 2f, 2f, "nearest", "resized"));
        var flat = graph.Reshape(x, [1, 4]);
        graph.AddOutput(graph.Gemm(flat, graph.Constant([1f, 1f, 1f, 1f, 1f, -1f, 0f, 0f], 2, 4), graph.Constant([10f, 20f], 2), transposeB: true, output: "gemm"));
        graph.AddOutput(graph.Exp(graph.Max(graph.Div(x, graph.Constant(4f)), graph.Constant(0.5f)), "exp"));

        using var session = new InferenceSession(graph.ToBytes());
        using var input = OrtValue.CreateTensorValueFromMemory(new[] { 1f, 2f, 3f, 4f }, new long[] { 1, 1, 2, 2 });
        using var results = session.Run(new RunOptions(), ["x"], [input], ["bn", "gap", "maxpool", "resized", "gemm", "exp"]);

        Assert.Equal([1f, 2.5f, 4f, 5.5f], results[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal([2.5f], results[1].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal([4f], results[2].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal([1f, 1f, 2f, 2f, 1f, 1f, 2f, 2f, 3f, 3f, 4f, 4f, 3f, 3f, 4f, 4f], results[3].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal([20f, 19f], results[4].GetTensorDataAsSpan<float>().ToArray());
        var exp = results[5].GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal((float)Math.Exp(0.5), exp[0], 5);
        Assert.Equal((float)Math.Exp(1.0), exp[3], 5);
    }

    [Fact]
    public void DuplicateNamesAreRejected()
    {
        var graph = new OnnxGraphBuilder("dup");
        graph.AddInput("x", 1);
        Assert.Throws<ArgumentException>(() => graph.AddInitializer("x", [1f], 1));
    }

    internal static (float[] Values, long[] Shape) RunOne(byte[] model, (string Name, float[] Values, long[] Shape) input)
    {
        using var session = new InferenceSession(model);
        using var value = OrtValue.CreateTensorValueFromMemory(input.Values, input.Shape);
        using var results = session.Run(new RunOptions(), [input.Name], [value], [session.OutputNames[0]]);
        return (results[0].GetTensorDataAsSpan<float>().ToArray(), results[0].GetTensorTypeAndShape().Shape);
    }
}
