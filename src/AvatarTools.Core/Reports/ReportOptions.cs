namespace AvatarTools.Core.Reports;

/// <summary>The settings of <see cref="ReportWriter"/>.</summary>
public sealed record ReportOptions
{
    /// <summary>The page title; default "AVATAR evaluation".</summary>
    public string Title { get; init; } = "AVATAR evaluation";

    /// <summary>The cross-event clip ids, for the Cross-event success curve; default none (no such curve).</summary>
    public IReadOnlyCollection<string>? CrossEventClips { get; init; }

    /// <summary>
    /// The top fraction p whose threshold the overlays use and whose frame scores pick the strips' clips; default null:
    /// each model's first p in the scores.
    /// </summary>
    public double? TopFraction { get; init; }

    /// <summary>How many clips get a strip (those where the models' mean cIoU differs most); default 3.</summary>
    public int StripClips { get; init; } = 3;

    /// <summary>The most frames per strip (evenly spaced when a clip has more); default 8.</summary>
    public int StripMaxFrames { get; init; } = 8;

    /// <summary>Embed the strips in the page as base64 PNG instead of writing them to <c>images/</c>; default false.</summary>
    public bool EmbedImages { get; init; }

    /// <summary>
    /// How the strips are drawn; default <see cref="OverlayOptions"/>' defaults. Its per-model thresholds are filled in
    /// from the scores' thresholds unless it already has them.
    /// </summary>
    public OverlayOptions Overlay { get; init; } = new();

    /// <summary>
    /// The level of the clip-bootstrap intervals drawn as error bars on the table and the success curves; null (the default)
    /// takes the level of the score rows when they carry intervals, else draws none.
    /// </summary>
    public double? ConfidenceLevel { get; init; }

    /// <summary>The bootstrap replicates of the success curves' intervals; default 2,000.</summary>
    public int Resamples { get; init; } = Scoring.ScoreOptions.DefaultResamples;

    /// <summary>The seed of the bootstrap draws; null takes the rows' seed, else draws one.</summary>
    public int? BootstrapSeed { get; init; }

    /// <summary>
    /// The reference model of the comparison table: <see cref="EvaluationReport"/> compares every other model of the frame scores
    /// with it (<see cref="Scoring.PairedComparison"/>, at <see cref="ConfidenceLevel"/> or 0.95); null for no computed comparison.
    /// </summary>
    public string? Reference { get; init; }

    /// <summary>The rows of the negatives table (<see cref="Scoring.NegativeScore"/>); none by default.</summary>
    public IReadOnlyList<Scoring.NegativeScore> Negatives { get; init; } = Array.Empty<Scoring.NegativeScore>();

    /// <summary>The rows of the comparison table (<see cref="Scoring.PairedComparison"/>); none by default.</summary>
    public IReadOnlyList<Scoring.ScoreComparison> Comparisons { get; init; } = Array.Empty<Scoring.ScoreComparison>();

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (ConfidenceLevel is double level && !(level > 0 && level < 1))
        {
            throw new ArgumentException($"The confidence level must lie in (0, 1), e.g. 0.95; got {level}.");
        }
        if (Resamples < 1)
        {
            throw new ArgumentException($"The number of bootstrap replicates must be at least 1; got {Resamples}.");
        }
        if (StripClips < 0 || StripMaxFrames < 1)
        {
            throw new ArgumentException($"StripClips must be at least 0 and StripMaxFrames at least 1; got {StripClips} and {StripMaxFrames}.");
        }
        Overlay.Validate();
    }
}
