namespace AvatarTools.Core.Inference;

/// <summary>The preprocessing presets of the published baselines (see <see cref="ModelPresets"/>).</summary>
public enum ModelPreset
{
    EzVsl,
    Slavc,
    SslTie,
    Lvs,
}
