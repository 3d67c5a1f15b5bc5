using System.Globalization;

namespace AvatarTools.Core.Inference.Onnx;

/// <summary>
/// Builds an ONNX model (IR version 8, default-domain opset 17) in code and writes it as the protobuf
/// <c>ModelProto</c> that ONNX Runtime and other tools load. Each operator method adds one node and
/// returns the name of its output, so a graph reads like the computation:
/// <code>
/// var graph = new OnnxGraphBuilder("scale");
/// var x = graph.AddInput("x", "N", 3);
/// graph.AddOutput(graph.Mul(x, graph.Constant(2f), "y"), "N", 3);
/// byte[] model = graph.ToBytes();
/// </code>
/// Operator semantics are those of opset 17 (e.g. <c>ReduceMean</c> takes its axes as an attribute,
/// <c>ReduceSum</c>, <c>Unsqueeze</c>, <c>Squeeze</c>, <c>Slice</c> and <c>Clip</c> take them as inputs).
/// The builder does not infer shapes; ONNX Runtime checks the graph when it loads it.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>The IR version written.</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain operator set version written.</summary>
    public const long OpsetVersion = 17;

    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _counter;

    public OnnxGraphBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The graph name.</summary>
    public string Name { get; }

    /// <summary>Free text stored as the model's <c>doc_string</c>.</summary>
    public string? Documentation { get; set; }

    internal IReadOnlyList<OnnxNode> Nodes => _nodes;

    internal IReadOnlyList<OnnxTensor> Initializers => _initializers;

    internal IReadOnlyList<OnnxValueInfo> Inputs => _inputs;

    internal IReadOnlyList<OnnxValueInfo> Outputs => _outputs;

    /// <summary>Declares a float32 graph input; returns its name.</summary>
    public string AddInput(string name, params TensorDimension[] shape)
    {
        Claim(name);
        _inputs.Add(new OnnxValueInfo(name, OnnxElementType.Float, [.. shape]));
        return name;
    }

    /// <summary>Declares a float32 graph output of unknown shape.</summary>
    public void AddOutput(string name) => _outputs.Add(new OnnxValueInfo(name, OnnxElementType.Float, null));

    /// <summary>Declares a float32 graph output with the given shape (symbolic dimensions allowed).</summary>
    public void AddOutput(string name, params TensorDimension[] shape) =>
        _outputs.Add(new OnnxValueInfo(name, OnnxElementType.Float, [.. shape]));

    /// <summary>Adds a constant tensor (initializer); returns its name.</summary>
    public string AddInitializer(OnnxTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Claim(tensor.Name);
        _initializers.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a float32 initializer of the given shape; the array is used as given (not copied).</summary>
    public string AddInitializer(string name, float[] values, params long[] dimensions) =>
        AddInitializer(OnnxTensor.FromFloats(name, values, dimensions));

    /// <summary>Adds a float32 scalar initializer with a generated name.</summary>
    public string Constant(float value) => AddInitializer(OnnxTensor.FromFloats(NewName("const"), [value]));

    /// <summary>Adds a float32 initializer with a generated name.</summary>
    public string Constant(float[] values, params long[] dimensions) =>
        AddInitializer(OnnxTensor.FromFloats(NewName("const"), values, dimensions));

    /// <summary>Adds a one-dimensional int64 initializer (a shape, axes, bounds) with a generated name.</summary>
    public string Int64s(params long[] values) =>
        AddInitializer(OnnxTensor.FromInt64s(NewName("ints"), values, values.Length));

    /// <summary>
    /// Adds a node of any default-domain operator and returns its output names. Pass an empty string
    /// among <paramref name="inputs"/> for an omitted optional input.
    /// </summary>
    public IReadOnlyList<string> AddNode(string operatorType, IReadOnlyList<string> inputs, int outputCount, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorType);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        var outputs = new string[outputCount];
        for (var index = 0; index < outputCount; index++)
        {
            outputs[index] = NewName(operatorType);
        }
        AddNode(operatorType, inputs, outputs, attributes);
        return outputs;
    }

    /// <summary>Adds a node whose outputs have the given names (e.g. the graph's output name).</summary>
    public void AddNode(string operatorType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorType);
        foreach (var output in outputs)
        {
            Claim(output);
        }
        _nodes.Add(new OnnxNode(NewName(operatorType + "_node"), operatorType, [.. inputs], [.. outputs], [.. attributes]));
    }

    /// <summary>Adds a single-output node; <paramref name="output"/> names its result, or null for a generated name.</summary>
    public string Node(string operatorType, IReadOnlyList<string> inputs, string? output = null, params OnnxAttribute[] attributes)
    {
        var name = output ?? NewName(operatorType);
        AddNode(operatorType, inputs, [name], attributes);
        return name;
    }

    /// <summary>The model as ONNX protobuf bytes.</summary>
    public byte[] ToBytes()
    {
        if (_outputs.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{Name}' has no output.");
        }
        return OnnxProtoWriter.WriteModel(this, IrVersion, OpsetVersion, "AvatarTools", Documentation);
    }

    /// <summary>Writes the model to a file.</summary>
    public void Save(string path) => File.WriteAllBytes(path, ToBytes());

    private string NewName(string prefix)
    {
        string name;
        do
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{_counter++}");
        }
        while (_names.Contains(name));
        return name;
    }

    private void Claim(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"The name '{name}' is already used in graph '{Name}'.", nameof(name));
        }
    }
}
