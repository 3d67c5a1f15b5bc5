namespace AvatarTools.Core.Synthetic;

/// <summary>Fills a polygon into an RGB24 buffer: a pixel is inside when its centre is (even-odd scanline rule).</summary>
internal static class PolygonRasterizer
{
    public static void Fill(byte[] pixels, int width, int height, double[] polygon, byte red, byte green, byte blue)
    {
        var count = polygon.Length / 2;
        double minY = double.MaxValue, maxY = double.MinValue;
        for (var i = 0; i < count; i++)
        {
            minY = Math.Min(minY, polygon[(2 * i) + 1]);
            maxY = Math.Max(maxY, polygon[(2 * i) + 1]);
        }
        var firstRow = Math.Max(0, (int)Math.Ceiling(minY - 0.5));
        var lastRow = Math.Min(height - 1, (int)Math.Floor(maxY - 0.5));
        var crossings = new List<double>(8);
        for (var row = firstRow; row <= lastRow; row++)
        {
            var y = row + 0.5;
            crossings.Clear();
            for (var i = 0; i < count; i++)
            {
                var j = (i + 1) % count;
                double x0 = polygon[2 * i], y0 = polygon[(2 * i) + 1], x1 = polygon[2 * j], y1 = polygon[(2 * j) + 1];
                if ((y0 <= y && y < y1) || (y1 <= y && y < y0))
                {
                    crossings.Add(x0 + ((y - y0) * (x1 - x0) / (y1 - y0)));
                }
            }
            crossings.Sort();
            for (var k = 0; k + 1 < crossings.Count; k += 2)
            {
                var from = Math.Max(0, (int)Math.Ceiling(crossings[k] - 0.5));
                var to = Math.Min(width - 1, (int)Math.Ceiling(crossings[k + 1] - 0.5) - 1);
                var offset = ((row * width) + from) * 3;
                for (var column = from; column <= to; column++)
                {
                    pixels[offset] = red;
                    pixels[offset + 1] = green;
                    pixels[offset + 2] = blue;
                    offset += 3;
                }
            }
        }
    }
}
