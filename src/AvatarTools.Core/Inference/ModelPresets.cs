using AvatarTools.Core.Features;
namespace AvatarTools.Core.Inference;

/// <summary>
/// The preprocessing of the models AVATAR compares, as their public evaluation code does it
/// (see AVATAR-SPEC section 4). Each preset is a <see cref="ModelDescription"/>; change what differs
/// with <c>with</c> or a sidecar's overrides.
/// </summary>
public static class ModelPresets
{
    /// <summary>
    /// EZ-VSL: image 224 squash bicubic, ImageNet normalisation; 10 s of audio from the clip start
    /// (tiled if short), linear spectrogram nperseg 512 / noverlap 274 → [N, 1, 257, 671];
    /// output [N, 7, 7] cosine / 0.03. Inputs <c>image</c> and <c>audio</c> (the names of EZ-VSL's
    /// <c>forward(image, audio)</c>). On VGG-SS and Flickr-SoundNet, EZ-VSL's own test loader: 3 s centred on the middle
    /// of the sample's audio (start = max(D / 2 − 1.5 s, 0), tiled when shorter) → [N, 1, 257, 200].
    /// </summary>
    public static ModelDescription EzVsl { get; } = new()
    {
        Name = "EzVsl",
        ImageBenchmarkWindowSeconds = 3,
        OutputLayout = HeatmapLayout.Auto,
        OutputSize = 7,
    };

    /// <summary>SLAVC: EZ-VSL's preprocessing; the output is the mean of two 7 × 7 maps.</summary>
    public static ModelDescription Slavc { get; } = EzVsl with { Name = "Slavc" };

    /// <summary>
    /// SSL-TIE: image short side 224 bicubic + centre crop 224, ImageNet normalisation; 10 s audio,
    /// mel spectrogram n_fft 512, hop 239, 257 bands, 10·log10(max(x, 1e-10)) → [N, 1, 257, 670];
    /// output 14 × 14. The same 10 s from the start on the image benchmarks (its loader, built on LVS's).
    /// </summary>
    public static ModelDescription SslTie { get; } = EzVsl with
    {
        Name = "SslTie",
        ImageBenchmarkWindowSeconds = null,
        ResizeMode = ImageResizeMode.ShortSideCenterCrop,
        Spectrogram = SpectrogramKind.Mel,
        OutputSize = 14,
    };

    /// <summary>
    /// LVS ("Localizing Visual Sounds the Hard Way"): its test loader resizes the short side to 224
    /// (bicubic) and centre-crops, uses the same scipy spectrogram and ln(P + 1e-7) / 12 as EZ-VSL, and
    /// returns a [N, 1, 14, 14] cosine map. Its loader tiles audio to 20 s; this preset follows the
    /// AVATAR protocol instead (10 s of clip audio → [N, 1, 257, 671]); set WindowSeconds = 20 to match
    /// the loader exactly (→ T = 1343). The image benchmarks use the same window as AVATAR (from the start, tiled).
    /// </summary>
    public static ModelDescription Lvs { get; } = EzVsl with
    {
        Name = "Lvs",
        ImageBenchmarkWindowSeconds = null,
        ResizeMode = ImageResizeMode.ShortSideCenterCrop,
        OutputLayout = HeatmapLayout.ChannelMaps,
        OutputSize = 14,
    };

    /// <summary>The presets by name (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, ModelDescription> All { get; } =
        new Dictionary<string, ModelDescription>(StringComparer.OrdinalIgnoreCase)
        {
            [EzVsl.Name] = EzVsl,
            [Slavc.Name] = Slavc,
            [SslTie.Name] = SslTie,
            [Lvs.Name] = Lvs,
            [BuiltInModels.CenterDescription.Name] = BuiltInModels.CenterDescription,
            [BuiltInModels.AVSyncDescription.Name] = BuiltInModels.AVSyncDescription,
        };

    /// <summary>The preset of that name; throws <see cref="ArgumentException"/> listing the known names.</summary>
    public static ModelDescription Get(string name) =>
        All.TryGetValue(name, out var preset)
            ? preset
            : throw new ArgumentException($"Unknown model preset '{name}'; known: {string.Join(", ", All.Keys)}.", nameof(name));
}
