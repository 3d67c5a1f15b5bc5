namespace AvatarTools.Core.Scoring;

/// <summary>When an Off-Screen frame counts as a true negative.</summary>
public enum OffScreenRule
{
    /// <summary>No grid pixel is at or above τ (the spec's decision).</summary>
    AnyPixel,

    /// <summary>The predicted pixels cover less than <see cref="ScoreOptions.OffScreenArea"/> of the grid.</summary>
    AreaFraction,
}
