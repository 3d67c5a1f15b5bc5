using System.Globalization;

namespace AvatarTools.Core.Inference;

/// <summary>A float32 batch tensor to feed a model: values row-major and the shape, batch first.</summary>
public sealed class InputTensor
{
    public InputTensor(float[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(size => size <= 0))
        {
            throw new ArgumentException($"A batch tensor needs positive dimensions; got [{string.Join(", ", shape)}].", nameof(shape));
        }
        var count = shape.Aggregate(1L, (product, size) => product * size);
        if (count != values.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Shape [{string.Join(", ", shape)}] needs {count} values; got {values.Length}."), nameof(values));
        }
        Values = values;
        Shape = shape;
    }

    /// <summary>The values (used as given, not copied).</summary>
    public float[] Values { get; }

    public IReadOnlyList<long> Shape { get; }

    /// <summary>The batch size (first dimension).</summary>
    public long BatchSize => Shape[0];

    public override string ToString() => $"[{string.Join(", ", Shape)}]";
}
