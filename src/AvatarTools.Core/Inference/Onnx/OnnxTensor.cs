namespace AvatarTools.Core.Inference.Onnx;

/// <summary>
/// A constant tensor (ONNX <c>TensorProto</c>): a graph initializer or a tensor attribute. Float32 or
/// int64 values, row-major, stored as little-endian <c>raw_data</c>.
/// </summary>
public sealed class OnnxTensor
{
    private OnnxTensor(string name, long[] dimensions, OnnxElementType elementType, float[]? floats, long[]? integers)
    {
        ArgumentNullException.ThrowIfNull(name);
        long count = 1;
        foreach (var dimension in dimensions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(dimensions));
            count *= dimension;
        }
        var length = floats?.Length ?? integers!.Length;
        if (count != length)
        {
            throw new ArgumentException(
                $"Tensor '{name}' of shape [{string.Join(", ", dimensions)}] needs {count} values; got {length}.", nameof(dimensions));
        }
        Name = name;
        Dimensions = dimensions;
        ElementType = elementType;
        FloatValues = floats;
        IntValues = integers;
    }

    public string Name { get; }

    public IReadOnlyList<long> Dimensions { get; }

    public OnnxElementType ElementType { get; }

    internal float[]? FloatValues { get; }

    internal long[]? IntValues { get; }

    /// <summary>A float32 tensor. The values are used as given (not copied); do not change them afterwards.</summary>
    public static OnnxTensor FromFloats(string name, float[] values, params long[] dimensions) =>
        new(name, dimensions, OnnxElementType.Float, values, null);

    /// <summary>An int64 tensor (shapes, axes, slice bounds).</summary>
    public static OnnxTensor FromInt64s(string name, long[] values, params long[] dimensions) =>
        new(name, dimensions, OnnxElementType.Int64, null, values);

    internal ReadOnlySpan<byte> RawBytes()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian; this machine is not.");
        }
        return FloatValues is not null
            ? System.Runtime.InteropServices.MemoryMarshal.AsBytes(FloatValues.AsSpan())
            : System.Runtime.InteropServices.MemoryMarshal.AsBytes(IntValues.AsSpan());
    }

    public override string ToString() => $"{Name} {ElementType} [{string.Join(", ", Dimensions)}]";
}

/// <summary>Tensor element types, numbered as ONNX <c>TensorProto.DataType</c>.</summary>
public enum OnnxElementType
{
    Float = 1,
    Int64 = 7,
}
