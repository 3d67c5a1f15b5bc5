namespace AvatarTools.Core.Scoring;

/// <summary>The PerFrame policy's τ: EZ-VSL's min-max normalisation, then the value at ascending index ⌊N/2⌋.</summary>
internal static class PerFrameThreshold
{
    /// <summary>
    /// EZ-VSL's per-frame rule: v ← v − min, then v ← v / max when max ≠ 0 (float32), τ = the value at ascending index ⌊N/2⌋.
    /// The grid is normalised in place.
    /// </summary>
    public static float NormalizeAndSelectMedian(float[] grid, int[] histogram)
    {
        var minimum = float.PositiveInfinity;
        foreach (var value in grid)
        {
            minimum = Math.Min(minimum, value);
        }
        var maximum = float.NegativeInfinity;
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] -= minimum;
            maximum = Math.Max(maximum, grid[i]);
        }
        if (maximum != 0)
        {
            for (var i = 0; i < grid.Length; i++)
            {
                grid[i] /= maximum;
            }
        }
        return FrameCounter.SelectAscending(grid, grid.Length / 2, histogram);
    }
}
