namespace AvatarTools.Core.Scoring;

/// <summary>Which grid pixels a threshold τ predicts.</summary>
public enum TieRule
{
    /// <summary>Pixels with value ≥ τ (the AVATAR spec and EZ-VSL); the default.</summary>
    AtLeast,

    /// <summary>Pixels with value &gt; τ (LVS, SSL-TIE and vssl_eval binarize this way).</summary>
    Above,
}
