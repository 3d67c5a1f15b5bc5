namespace AvatarTools.Core.Inference.Onnx;

/// <summary>A named node attribute (ONNX <c>AttributeProto</c>) of one of the kinds the builder writes.</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name, OnnxAttributeKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public OnnxAttributeKind Kind { get; }

    internal float FloatValue { get; private init; }

    internal long IntValue { get; private init; }

    internal string? StringValue { get; private init; }

    internal float[] FloatValues { get; private init; } = [];

    internal long[] IntValues { get; private init; } = [];

    internal OnnxTensor? TensorValue { get; private init; }

    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeKind.Float) { FloatValue = value };

    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeKind.Int) { IntValue = value };

    public static OnnxAttribute String(string name, string value) => new(name, OnnxAttributeKind.String) { StringValue = value };

    public static OnnxAttribute Floats(string name, params float[] values) => new(name, OnnxAttributeKind.Floats) { FloatValues = [.. values] };

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, OnnxAttributeKind.Ints) { IntValues = [.. values] };

    public static OnnxAttribute Tensor(string name, OnnxTensor value) => new(name, OnnxAttributeKind.Tensor) { TensorValue = value };

    public override string ToString() => $"{Name} ({Kind})";
}

/// <summary>The attribute kinds, numbered as ONNX <c>AttributeProto.AttributeType</c>.</summary>
public enum OnnxAttributeKind
{
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Floats = 6,
    Ints = 7,
}
