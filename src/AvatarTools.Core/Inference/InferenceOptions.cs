namespace AvatarTools.Core.Inference;

/// <summary>How ONNX Runtime runs a model.</summary>
/// <param name="ExecutionProvider">
/// <c>CPU</c> (default), <c>CUDA</c>, <c>TensorRT</c>, <c>DirectML</c> (or <c>DML</c>), <c>CoreML</c>,
/// <c>ROCm</c>, <c>OpenVINO</c>, or any name ONNX Runtime lists (with or without the
/// <c>ExecutionProvider</c> suffix). It must be in <see cref="ExecutionProviders.Available"/>,
/// which depends on the ONNX Runtime package installed (the default package has CPU only).
/// </param>
/// <param name="IntraOpThreads">Threads inside one operator; 0 = ONNX Runtime's default (one per core).</param>
/// <param name="DeviceId">The GPU for GPU providers.</param>
public sealed record InferenceOptions(string ExecutionProvider = "CPU", int IntraOpThreads = 0, int DeviceId = 0);
