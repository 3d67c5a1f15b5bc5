namespace AvatarTools.Core.Scoring;

/// <summary>
/// A baseline's scoring protocol: how its script upsamples, normalises and thresholds a map (see BENCHMARKS.md and
/// <see cref="ProtocolPresets"/>).
/// </summary>
public enum ScoreProtocol
{
    /// <summary>The AVATAR spec: bilinear with half-pixel centres to 360 × 640, no normalisation, a Global top fraction, ≥ τ.</summary>
    Avatar,

    /// <summary>EZ-VSL's <c>test.py</c>: bilinear align_corners=True to 224 × 224, min-max, τ at ascending index ⌊N/2⌋, ≥ τ.</summary>
    EzVsl,

    /// <summary>LVS's <c>test.py</c> and SSL-TIE's <c>main.py</c>: bilinear with half-pixel centres (OpenCV INTER_LINEAR), min-max, the same τ, &gt; τ.</summary>
    Lvs,

    /// <summary>SLAVC with <c>--relative_prediction</c>: bicubic align_corners=True, min-max, the same τ, ≥ τ.</summary>
    SlavcRelative,

    /// <summary>SLAVC's shipped scripts: bicubic align_corners=True, no normalisation, a fixed τ = 0.5, ≥ τ.</summary>
    SlavcAbsolute,
}

/// <summary>The scoring settings a caller gave explicitly, which a protocol preset leaves as they are.</summary>
[Flags]
public enum ProtocolSettings
{
    /// <summary>Every setting comes from the preset.</summary>
    None = 0,

    /// <summary><see cref="ScoreOptions.Policy"/>.</summary>
    Policy = 1,

    /// <summary><see cref="ScoreOptions.Value"/> (the Fixed policy's τ).</summary>
    Value = 2,

    /// <summary><see cref="ScoreOptions.TieRule"/>.</summary>
    TieRule = 4,

    /// <summary><see cref="ScoreOptions.Upsample"/>.</summary>
    Upsample = 8,

    /// <summary><see cref="ScoreOptions.GridHeight"/> and <see cref="ScoreOptions.GridWidth"/>.</summary>
    Grid = 16,
}
