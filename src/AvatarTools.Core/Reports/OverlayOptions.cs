using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Reports;

/// <summary>How <see cref="OverlayRenderer"/> draws heatmaps over frames. The defaults suit the AVATAR frames (640 × 360).</summary>
public sealed record OverlayOptions
{
    /// <summary>Where image files larger than this are refused; the same default as the image preprocessor.</summary>
    public const long DefaultMaxPixels = 50_000_000;

    /// <summary>
    /// The absolute threshold τ of the predicted region (e.g. the Global τ of the model's <see cref="AvatarScore.Threshold"/>),
    /// used for models not in <see cref="ModelThresholds"/>; null (the default) for the per-frame top-half rule
    /// (τ = the value at ascending index ⌊N/2⌋ of the frame's upsampled map).
    /// </summary>
    public double? Threshold { get; init; }

    /// <summary>Per-model absolute thresholds, which take precedence over <see cref="Threshold"/>; default none.</summary>
    public IReadOnlyDictionary<string, double>? ModelThresholds { get; init; }

    /// <summary>How the native map is brought to the image size; default bilinear with half-pixel centres (the scoring default).</summary>
    public UpsampleMode Upsample { get; init; } = UpsampleMode.Bilinear;

    /// <summary>The heatmap's opacity at the map's minimum (normalised value 0); default 0.2.</summary>
    public double MinimumOpacity { get; init; } = 0.2;

    /// <summary>The heatmap's opacity at the map's maximum (normalised value 1); default 0.7. Opacity grows linearly between.</summary>
    public double MaximumOpacity { get; init; } = 0.7;

    /// <summary>The ground-truth outline colour; default white.</summary>
    public RgbColor TruthColor { get; init; } = RgbColor.White;

    /// <summary>The predicted-region outline colour; default magenta (#ff00ff).</summary>
    public RgbColor PredictionColor { get; init; } = RgbColor.Magenta;

    /// <summary>The colour of the OFF-SCREEN label; default gold (#ffd700).</summary>
    public RgbColor OffScreenColor { get; init; } = new(255, 215, 0);

    /// <summary>Outline thickness in pixels; default 2.</summary>
    public int OutlineThickness { get; init; } = 2;

    /// <summary>Whether to draw the ground-truth outline; default true.</summary>
    public bool ShowTruth { get; init; } = true;

    /// <summary>Whether to draw the predicted-region outline; default true.</summary>
    public bool ShowPrediction { get; init; } = true;

    /// <summary>Whether a single rendered frame gets a caption (model, clip/frame, time, cIoU); default true.</summary>
    public bool ShowCaption { get; init; } = true;

    /// <summary>The scale of the 5 × 7 bitmap font (2 gives 10 × 14 pixel glyphs); default 2.</summary>
    public int TextScale { get; init; } = 2;

    /// <summary>The width of each thumbnail of a strip; default 240 (the height follows the frame's aspect ratio).</summary>
    public int ThumbnailWidth { get; init; } = 240;

    /// <summary>The width of a strip's left margin, which holds the model names; default 160.</summary>
    public int RowLabelWidth { get; init; } = 160;

    /// <summary>The height of a strip's top margin, which holds the frame times; default 28.</summary>
    public int HeaderHeight { get; init; } = 28;

    /// <summary>The gap between thumbnails of a strip (also after the row labels and after the last column); default 4.</summary>
    public int Spacing { get; init; } = 4;

    /// <summary>Frame images with more pixels than this are refused; default <see cref="DefaultMaxPixels"/>.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>The threshold for a model: its <see cref="ModelThresholds"/> entry, else <see cref="Threshold"/> (null: per-frame rule).</summary>
    public double? ThresholdFor(string model) =>
        ModelThresholds is not null && ModelThresholds.TryGetValue(model, out var value) ? value : Threshold;

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (!(MinimumOpacity >= 0 && MinimumOpacity <= 1 && MaximumOpacity >= 0 && MaximumOpacity <= 1))
        {
            throw new ArgumentException($"The opacities must lie in [0, 1]; got {MinimumOpacity} and {MaximumOpacity}.");
        }
        if (OutlineThickness < 1 || TextScale < 1 || ThumbnailWidth < 8 || RowLabelWidth < 0 || HeaderHeight < 0 || Spacing < 0 || MaxPixels < 1)
        {
            throw new ArgumentException("The outline thickness, text scale, thumbnail width (at least 8), margins and pixel limit must be positive.");
        }
        if (Threshold is double threshold && !double.IsFinite(threshold))
        {
            throw new ArgumentException($"The threshold must be finite; got {threshold}.");
        }
    }
}
