namespace AvatarTools.Core.Inference.Onnx;

/// <summary>One operator of a graph (ONNX <c>NodeProto</c>) in the default <c>ai.onnx</c> domain.</summary>
internal sealed record OnnxNode(
    string Name,
    string OperatorType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxAttribute> Attributes);

/// <summary>A graph input or output (ONNX <c>ValueInfoProto</c> of a tensor type); no dimensions = unknown shape.</summary>
internal sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<TensorDimension>? Dimensions);
