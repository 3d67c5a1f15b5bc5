namespace AvatarTools.Core.Scoring;

/// <summary>How the threshold τ that turns a prediction map into a binary mask is chosen.</summary>
public enum ThresholdPolicy
{
    /// <summary>AVATAR's: one τ per model and top fraction p, the (1 − p) quantile of all grid pixels pooled over the run.</summary>
    Global,

    /// <summary>VGG-SS/EZ-VSL's: min-max normalise each frame's grid, τ = its value at ascending index ⌊N/2⌋.</summary>
    PerFrame,

    /// <summary>A given absolute value.</summary>
    Fixed,
}
