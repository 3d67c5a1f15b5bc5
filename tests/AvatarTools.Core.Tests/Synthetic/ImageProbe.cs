using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace AvatarTools.Core.Tests.Synthetic;

/// <summary>Test-side measurements written independently of the code under test: luminance, point-in-polygon, RMS, Pearson.</summary>
internal static class ImageProbe
{
    public static double[,] Luminance(string jpegPath)
    {
        using var image = Image.Load<Rgb24>(jpegPath);
        var luminance = new double[image.Height, image.Width];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var pixel = image[x, y];
                luminance[y, x] = (0.299 * pixel.R) + (0.587 * pixel.G) + (0.114 * pixel.B);
            }
        }
        return luminance;
    }

    /// <summary>Even-odd test of the point (x, y) against a flat x1, y1, x2, y2, … polygon.</summary>
    public static bool Inside(double[] polygon, double x, double y)
    {
        var inside = false;
        var count = polygon.Length / 2;
        for (int i = 0, j = count - 1; i < count; j = i++)
        {
            double xi = polygon[2 * i], yi = polygon[(2 * i) + 1], xj = polygon[2 * j], yj = polygon[(2 * j) + 1];
            if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }
        return inside;
    }

    public static double MeanInBox(double[,] luminance, double x, double y, double width, double height)
    {
        double sum = 0;
        var count = 0;
        for (var row = (int)Math.Ceiling(y); row < Math.Min(luminance.GetLength(0), y + height); row++)
        {
            for (var column = (int)Math.Ceiling(x); column < Math.Min(luminance.GetLength(1), x + width); column++)
            {
                sum += luminance[row, column];
                count++;
            }
        }
        return sum / count;
    }

    public static short[] ReadWavSamples(string path, out int sampleRate, out int channels, out int bits)
    {
        var bytes = File.ReadAllBytes(path);
        channels = BitConverter.ToInt16(bytes, 22);
        sampleRate = BitConverter.ToInt32(bytes, 24);
        bits = BitConverter.ToInt16(bytes, 34);
        var dataBytes = BitConverter.ToInt32(bytes, 40);
        var samples = new short[dataBytes / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BitConverter.ToInt16(bytes, 44 + (2 * i));
        }
        return samples;
    }

    public static double Rms(short[] samples, int from, int to)
    {
        from = Math.Max(0, from);
        to = Math.Min(samples.Length, to);
        double sum = 0;
        for (var i = from; i < to; i++)
        {
            var value = samples[i] / 32768.0;
            sum += value * value;
        }
        return Math.Sqrt(sum / (to - from));
    }

    public static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var meanA = a.Average();
        var meanB = b.Average();
        double covariance = 0, varianceA = 0, varianceB = 0;
        for (var i = 0; i < a.Count; i++)
        {
            covariance += (a[i] - meanA) * (b[i] - meanB);
            varianceA += (a[i] - meanA) * (a[i] - meanA);
            varianceB += (b[i] - meanB) * (b[i] - meanB);
        }
        return covariance / Math.Sqrt(varianceA * varianceB);
    }
}
