namespace AvatarTools.Core.Inference.Onnx;

/// <summary>
/// One dimension of a graph input or output: either a fixed size or a symbolic name such as <c>N</c>.
/// Converts implicitly from <see cref="int"/>, <see cref="long"/> and <see cref="string"/>, so a shape
/// can be written <c>("N", 3, 224, 224)</c>.
/// </summary>
public readonly record struct TensorDimension
{
    private TensorDimension(long? size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or <see langword="null"/> for a symbolic dimension.</summary>
    public long? Size { get; }

    /// <summary>The symbolic name, or <see langword="null"/> for a fixed dimension.</summary>
    public string? Symbol { get; }

    public static TensorDimension Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new TensorDimension(size, null);
    }

    public static TensorDimension Symbolic(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new TensorDimension(null, symbol);
    }

    public static implicit operator TensorDimension(int size) => Fixed(size);

    public static implicit operator TensorDimension(long size) => Fixed(size);

    public static implicit operator TensorDimension(string symbol) => Symbolic(symbol);

    public override string ToString() => Symbol ?? Size!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
