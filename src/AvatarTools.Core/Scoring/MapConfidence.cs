namespace AvatarTools.Core.Scoring;

/// <summary>
/// SLAVC's detection confidence of one map: the mean of its top ⌊N/4⌋ values (at least one), N the values of the map as it
/// is scored, that is on the scoring grid after upsampling (360 × 640 by default: 57,600 values), raw (the model's values,
/// before any threshold or normalisation). SLAVC takes it on its 224 × 224 grid of (cos + 1) / 2; the mean of a quarter of a
/// bilinear upsampling differs a little from the mean of a quarter of the native map, so the grid is part of the definition.
/// </summary>
internal static class MapConfidence
{
    /// <summary>The mean of the top ⌊N/4⌋ values of <paramref name="grid"/>; NaN when a value is NaN.</summary>
    /// <param name="grid">The map's values on the grid.</param>
    /// <param name="histogram">A scratch array of 65,536 counts.</param>
    public static double TopQuarterMean(ReadOnlySpan<float> grid, int[] histogram)
    {
        if (grid.IsEmpty)
        {
            return double.NaN;
        }
        foreach (var value in grid)
        {
            if (float.IsNaN(value))
            {
                return double.NaN;
            }
        }
        var count = Math.Max(1, grid.Length / 4);
        // The count-th largest value, then every value above it plus as many copies of it as the top quarter still needs.
        var cut = FrameCounter.SelectAscending(grid, grid.Length - count, histogram);
        var sum = 0.0;
        var above = 0;
        foreach (var value in grid)
        {
            if (value > cut)
            {
                sum += value;
                above++;
            }
        }
        sum += (count - above) * (double)cut;
        return sum / count;
    }
}
