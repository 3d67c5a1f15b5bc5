using Microsoft.ML.OnnxRuntime;

namespace AvatarTools.Core.Inference;

/// <summary>
/// An opened ONNX model checked against its <see cref="ModelDescription"/>; run it with
/// <see cref="OnnxSessionRunner"/>. Holds native resources: dispose it.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;

    internal ModelSession(
        InferenceSession session,
        string path,
        ModelDescription description,
        string outputName,
        string executionProvider,
        IReadOnlyList<ModelTensorInfo> inputs,
        IReadOnlyList<ModelTensorInfo> outputs)
    {
        _session = session;
        Path = path;
        Description = description;
        OutputName = outputName;
        ExecutionProvider = executionProvider;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The model file, or the built-in model's name.</summary>
    public string Path { get; }

    public ModelDescription Description { get; }

    /// <summary>The output read as the heatmap.</summary>
    public string OutputName { get; }

    /// <summary>The execution provider the session was created with (e.g. <c>CPU</c>).</summary>
    public string ExecutionProvider { get; }

    public IReadOnlyList<ModelTensorInfo> Inputs { get; }

    public IReadOnlyList<ModelTensorInfo> Outputs { get; }

    internal InferenceSession Session => _session;

    public void Dispose() => _session.Dispose();

    public override string ToString() => $"{Description.Name} ({Path}) on {ExecutionProvider}";
}
