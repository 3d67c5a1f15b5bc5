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

    /// <summary>
    /// The map a fraction <paramref name="t"/> of the way from <paramref name="a"/> to <paramref name="b"/>:
    /// each value (1 − t)·a + t·b, computed in double and rounded once to float32.
    /// </summary>
    /// <param name="a">The map at t = 0.</param>
    /// <param name="b">The map at t = 1, of the same size as <paramref name="a"/>.</param>
    /// <param name="t">Where between them, from 0 to 1.</param>
    public static Heatmap Interpolate(Heatmap a, Heatmap b, double t)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Height != b.Height || a.Width != b.Width)
        {
            throw new ArgumentException($"Maps of different sizes cannot be interpolated: {a.Height} × {a.Width} and {b.Height} × {b.Width}.", nameof(b));
        }
        if (!(t >= 0 && t <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The interpolation weight must lie between 0 and 1.");
        }
        var values = new float[a._values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((1 - t) * a._values[i]) + (t * b._values[i]));
        }
        return new Heatmap(a.Height, a.Width, values);
    }

    /// <summary>
    /// The map at fractional sample position <paramref name="position"/> (time × sample rate) of a sequence of maps
    /// sampled in time: linear between samples ⌊position⌋ and ⌊position⌋ + 1, clamped to the first and last sample
    /// (a position that is not a number gives the first). A whole position gives that sample itself.
    /// </summary>
    public static Heatmap Interpolate(IReadOnlyList<Heatmap> samples, double position)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("No maps to interpolate.", nameof(samples));
        }
        if (!(position > 0))
        {
            return samples[0];
        }
        if (position >= samples.Count - 1)
        {
            return samples[^1];
        }
        var index = (int)Math.Floor(position);
        var weight = position - index;
        return weight == 0 ? samples[index] : Interpolate(samples[index], samples[index + 1], weight);
    }

    public override string ToString() => $"{Height}×{Width} [{Minimum:G4} … {Maximum:G4}]";
}
