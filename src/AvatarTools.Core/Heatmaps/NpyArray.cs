namespace AvatarTools.Core.Heatmaps;

/// <summary>
/// The numeric content of a NumPy <c>.npy</c> file, converted to float32 and laid out in C (row-major) order
/// whatever the file's byte order or <c>fortran_order</c>.
/// </summary>
public sealed class NpyArray
{
    private readonly float[] _values;

    internal NpyArray(string path, int[] shape, string dtype, float[] values)
    {
        Path = path;
        Shape = shape;
        DType = dtype;
        _values = values;
    }

    /// <summary>The file the array was read from.</summary>
    public string Path { get; }

    /// <summary>The shape as stored in the header.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The header's <c>descr</c>, e.g. <c>&lt;f4</c>.</summary>
    public string DType { get; }

    /// <summary>The values in C order.</summary>
    public ReadOnlySpan<float> Values => _values;

    internal float[] RawValues => _values;
}
