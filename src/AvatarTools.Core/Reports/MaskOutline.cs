namespace AvatarTools.Core.Reports;

/// <summary>The inner boundary of a binary mask: its pixels within a given Chebyshev distance of a pixel outside it.</summary>
internal static class MaskOutline
{
    /// <summary>
    /// The mask minus its erosion by a (2t + 1) × (2t + 1) square, t = <paramref name="thickness"/>, with everything
    /// outside the image counted as outside the mask (so regions touching the border are closed there).
    /// </summary>
    public static bool[] Compute(bool[] mask, int width, int height, int thickness)
    {
        var horizontal = new bool[mask.Length];
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                var inside = x - thickness >= 0 && x + thickness < width;
                for (var dx = -thickness; inside && dx <= thickness; dx++)
                {
                    inside = mask[row + x + dx];
                }
                horizontal[row + x] = inside;
            }
        }
        var outline = new bool[mask.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var index = (y * width) + x;
                if (!mask[index])
                {
                    continue;
                }
                var inside = y - thickness >= 0 && y + thickness < height;
                for (var dy = -thickness; inside && dy <= thickness; dy++)
                {
                    inside = horizontal[index + (dy * width)];
                }
                outline[index] = !inside;
            }
        }
        return outline;
    }
}
