namespace AvatarTools.Core.Scoring;

/// <summary>How a native map (e.g. 7 × 7) is brought to the scoring grid.</summary>
public enum UpsampleMode
{
    /// <summary>Bilinear with half-pixel centres (OpenCV INTER_LINEAR, torch align_corners=False): src = (dst + 0.5)·in/out − 0.5, clamped.</summary>
    Bilinear,

    /// <summary>Bilinear with aligned corners (torch align_corners=True): src = dst·(in − 1)/(out − 1).</summary>
    BilinearAlignCorners,

    /// <summary>Bicubic as torch (A = −0.75, half-pixel centres, border replicated).</summary>
    Bicubic,
}
