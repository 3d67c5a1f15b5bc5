using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// Whether a map's values are small enough for the fast passes' shortcuts: every value finite with |v| ≤ 10^30, so that
/// no upsampled value (weights of magnitude below 2, at most 16 taps) can overflow to ±∞ or become NaN.
/// </summary>
internal static class MapMagnitude
{
    /// <summary>The largest |value| the shortcuts take.</summary>
    public const float LargestSafe = 1e30f;

    /// <summary>Whether every value of <paramref name="heatmap"/> is finite with |v| ≤ <see cref="LargestSafe"/>.</summary>
    public static bool IsSafe(Heatmap heatmap)
    {
        foreach (var value in heatmap.Values)
        {
            if (!(Math.Abs(value) <= LargestSafe))
            {
                return false;
            }
        }
        return true;
    }
}
