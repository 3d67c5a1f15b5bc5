namespace AvatarTools.Core.Synthetic;

/// <summary>Polygon outlines of the synthetic shapes, vertices rounded to 0.1 pixel.</summary>
internal static class ShapeGeometry
{
    public const int DiscVertices = 24;

    public static IReadOnlyList<double[]> Polygons(ShapeKind shape, double aspect, double centreX, double centreY, double radius) => shape switch
    {
        ShapeKind.Disc => new[] { Regular(centreX, centreY, radius, DiscVertices, 0) },
        ShapeKind.Hexagon => new[] { Regular(centreX, centreY, radius, 6, 0) },
        ShapeKind.Triangle => new[] { Regular(centreX, centreY, radius, 3, -Math.PI / 2) },
        ShapeKind.Star => new[] { Star(centreX, centreY, radius) },
        ShapeKind.Rectangle => new[] { Rectangle(centreX, centreY, radius, radius / aspect) },
        ShapeKind.TwoDiscs => new[]
        {
            Regular(centreX - (0.6 * radius), centreY + (0.1 * radius), 0.55 * radius, DiscVertices, 0),
            Regular(centreX + (0.6 * radius), centreY - (0.1 * radius), 0.55 * radius, DiscVertices, 0),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>The JSON box <c>[x, y, w, h]</c> around polygons, rounded to 0.1.</summary>
    public static double[] BoundingBox(IReadOnlyList<double[]> polygons)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var polygon in polygons)
        {
            for (var i = 0; i < polygon.Length; i += 2)
            {
                minX = Math.Min(minX, polygon[i]);
                maxX = Math.Max(maxX, polygon[i]);
                minY = Math.Min(minY, polygon[i + 1]);
                maxY = Math.Max(maxY, polygon[i + 1]);
            }
        }
        return new[] { Round(minX), Round(minY), Round(maxX - minX), Round(maxY - minY) };
    }

    public static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static double[] Regular(double centreX, double centreY, double radius, int count, double startAngle)
    {
        var points = new double[count * 2];
        for (var i = 0; i < count; i++)
        {
            var angle = startAngle + (2 * Math.PI * i / count);
            points[2 * i] = Round(centreX + (radius * Math.Cos(angle)));
            points[(2 * i) + 1] = Round(centreY + (radius * Math.Sin(angle)));
        }
        return points;
    }

    private static double[] Star(double centreX, double centreY, double radius)
    {
        const int Tips = 5;
        var points = new double[Tips * 4];
        for (var i = 0; i < Tips * 2; i++)
        {
            var angle = (-Math.PI / 2) + (Math.PI * i / Tips);
            var r = i % 2 == 0 ? radius : 0.45 * radius;
            points[2 * i] = Round(centreX + (r * Math.Cos(angle)));
            points[(2 * i) + 1] = Round(centreY + (r * Math.Sin(angle)));
        }
        return points;
    }

    private static double[] Rectangle(double centreX, double centreY, double halfWidth, double halfHeight)
    {
        double left = Round(centreX - halfWidth), right = Round(centreX + halfWidth);
        double top = Round(centreY - halfHeight), bottom = Round(centreY + halfHeight);
        return new[] { left, top, right, top, right, bottom, left, bottom };
    }
}
