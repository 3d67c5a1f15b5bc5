namespace AvatarTools.Core.Heatmaps;

/// <summary>
/// A localization map at its native resolution (e.g. 7 × 7), row-major float32. Immutable once made.
/// From PowerShell: <c>$h.Height</c>, <c>$h.Width</c>, <c>$h[y, x]</c>, or <c>$h.ToArray()</c> for a <c>float[,]</c>.
/// </summary>
public sealed class Heatmap
{
    private readonly float[] _values;

    public Heatmap(int height, int width, float[] values)
    {
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"A heatmap needs a positive size; got {height} × {width}.");
        }
        if (values.Length != height * width)
        {
            throw new ArgumentException($"A {height} × {width} heatmap needs {height * width} values; got {values.Length}.", nameof(values));
        }
        Height = height;
        Width = width;
        _values = values;
    }

    public static Heatmap FromArray(float[,] values)
    {
        var height = values.GetLength(0);
        var width = values.GetLength(1);
        var flat = new float[height * width];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        return new Heatmap(height, width, flat);
    }

    public int Height { get; }

    public int Width { get; }

    public float this[int y, int x] => _values[(y * Width) + x];

    /// <summary>The values, row-major.</summary>
    public ReadOnlySpan<float> Values => _values;

    public float Minimum => _values.Min();

    public float Maximum => _values.Max();

    public float[,] ToArray()
    {
        var result = new float[Height, Width];
        Buffer.BlockCopy(_values, 0, result, 0, _values.Length * sizeof(float));
        return result;
    }

    public override string ToString() => $"{Height}×{Width} [{Minimum:G4} … {Maximum:G4}]";
}
