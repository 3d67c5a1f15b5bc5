using AvatarTools.Core.Inference;
using AvatarTools.Core.Inference.Onnx;
using Xunit;

namespace AvatarTools.Core.Tests.Inference;

public class ModelValidatorTests
{
    [Fact]
    public void CpuIsAvailable() => Assert.Contains("CPU", ExecutionProviders.Available());

    [Fact]
    public void UnavailableProviderIsReported()
    {
        var error = Assert.Throws<AvatarDataException>(() => ModelSessionOpener.Open(BuiltInModels.Center(), new InferenceOptions("NoSuchProvider")));
        Assert.Equal("ExecutionProviderNotAvailable", error.ErrorId);
        Assert.Equal(AvatarErrorKind.NotAvailable, error.Kind);
        Assert.Contains("CPU", error.Message);
    }

    [Fact]
    public void MismatchListsWhatTheModelHasAndWhatWasExpected()
    {
        // A model with image [N,3,112,112] and a "spec" input where EzVsl expects image [N,3,224,224] and audio.
        var graph = new OnnxGraphBuilder("wrong");
        var image = graph.AddInput("image", "batch", 3, 112, 112);
        var spec = graph.AddInput("spec", "batch", 1, 257, 671);
        graph.AddOutput(graph.Add(graph.ReduceMean(image, [1, 2, 3]), graph.ReduceMean(spec, [1, 2, 3]), "out"), "batch", 1, 1, 1);

        var error = Assert.Throws<AvatarDataException>(() => ModelSessionOpener.Open(graph.ToBytes(), "wrong.onnx", ModelPresets.EzVsl));

        Assert.Equal(ModelValidator.MismatchErrorId, error.ErrorId);
        Assert.Equal(AvatarErrorKind.InvalidData, error.Kind);
        Assert.Equal("wrong.onnx", error.Path);
        Assert.Contains("input 'image' has 112 at axis 2, not 224", error.Message);
        Assert.Contains("input 'audio' is missing", error.Message);
        Assert.Contains("input 'spec' is not one the description feeds", error.Message);
        Assert.Contains("output 'out' has 1 at axis 2, not 7", error.Message);
        Assert.Contains("input  image: float [batch, 3, 112, 112]", error.Message);
        Assert.Contains("input  audio: float [N, 1, 257, 671]", error.Message);
    }

    [Fact]
    public void RankAndLayoutAreChecked()
    {
        var graph = new OnnxGraphBuilder("rank");
        var image = graph.AddInput("image", "N", 3, 224, 224);
        var audio = graph.AddInput("audio", "N", 257, 671);
        graph.AddOutput(graph.Add(graph.ReduceMean(image, [1], keepDimensions: false), graph.Constant(0f), "out"), "N", 224, 224);

        var error = Assert.Throws<AvatarDataException>(() => ModelSessionOpener.Open(graph.ToBytes(), "rank.onnx", ModelPresets.Lvs));

        Assert.Contains("input 'audio' has rank 3, not 4", error.Message);
        Assert.Contains("output 'out' has rank 3", error.Message);
        _ = audio;
    }

    [Fact]
    public void NotAnOnnxFileIsInvalidModel()
    {
        var error = Assert.Throws<AvatarDataException>(() => ModelSessionOpener.Open([1, 2, 3, 4], "junk.onnx", ModelPresets.EzVsl));
        Assert.Equal("InvalidModel", error.ErrorId);
        var missing = Assert.Throws<AvatarDataException>(() => ModelSessionOpener.Open(Path.Combine(Path.GetTempPath(), "no-such-model.onnx"), ModelPresets.EzVsl));
        Assert.Equal("ModelNotFound", missing.ErrorId);
    }

    [Fact]
    public void ChannelMapsOutputIsSplitPerItem()
    {
        // Output [N,1,2,2] = image[:, 0, :2, :2] * 1 (reduce of audio * 0 added).
        var graph = new OnnxGraphBuilder("channel");
        var image = graph.AddInput("image", "N", 3, 224, 224);
        var audio = graph.AddInput("audio", "N", 1, 257, 671);
        var corner = graph.Slice(image, [0, 0, 0], [1, 2, 2], [1, 2, 3]);
        var zero = graph.Mul(graph.ReduceMean(audio, [1, 2, 3]), graph.Constant(0f));
        graph.AddOutput(graph.Add(corner, zero, "map"), "N", 1, 2, 2);
        using var session = ModelSessionOpener.Open(graph.ToBytes(), "channel.onnx", ModelPresets.EzVsl with { OutputSize = null, OutputLayout = HeatmapLayout.ChannelMaps });

        var pixels = new float[2 * 3 * 224 * 224];
        pixels[0] = 1f;                         // item 0, (0,0)
        pixels[(3 * 224 * 224) + 225] = 2f;     // item 1, (1,1)
        var maps = OnnxSessionRunner.Run(session, new InputTensor(pixels, 2, 3, 224, 224), new InputTensor(new float[2 * 257 * 671], 2, 1, 257, 671));

        Assert.Equal(2, maps.Length);
        Assert.Equal([1f, 0f, 0f, 0f], maps[0].Values.ToArray());
        Assert.Equal([0f, 0f, 0f, 2f], maps[1].Values.ToArray());
        Assert.Equal("channel.onnx", session.Path);
        Assert.Equal("map", session.OutputName);
        Assert.Equal("image: float [N, 3, 224, 224]", session.Inputs.Single(input => input.Name == "image").ToString());
    }

    [Fact]
    public void BadBatchIsAModelRunError()
    {
        using var session = ModelSessionOpener.Open(BuiltInModels.Center());
        var error = Assert.Throws<AvatarDataException>(() => OnnxSessionRunner.Run(
            session, new InputTensor(new float[3 * 100 * 100], 1, 3, 100, 100), new InputTensor(new float[257 * 10], 1, 1, 257, 10)));
        Assert.Equal("ModelRunFailed", error.ErrorId);
        Assert.Throws<ArgumentException>(() => OnnxSessionRunner.Run(
            session, new InputTensor(new float[3 * 224 * 224], 1, 3, 224, 224), new InputTensor(new float[2 * 257 * 10], 2, 1, 257, 10)));
    }

    [Fact]
    public void CancelledTokenStopsTheRun()
    {
        using var session = ModelSessionOpener.Open(BuiltInModels.Center(), new InferenceOptions(IntraOpThreads: 1));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => OnnxSessionRunner.Run(
            session, new InputTensor(new float[3 * 224 * 224], 1, 3, 224, 224), new InputTensor(new float[257 * 10], 1, 1, 257, 10), cancellation.Token));
    }
}
