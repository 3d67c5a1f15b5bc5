namespace AvatarTools.Core.Scoring;

/// <summary>The settings of a scoring run. The defaults are the AVATAR protocol's (see the spec, section 3).</summary>
public sealed record ScoreOptions
{
    /// <summary>The threshold policy; default <see cref="ThresholdPolicy.Global"/>.</summary>
    public ThresholdPolicy Policy { get; init; } = ThresholdPolicy.Global;

    /// <summary>The fraction the official evaluator prints its table for.</summary>
    public const double DefaultTopFraction = 0.10;

    /// <summary>
    /// The top fractions p of the Global policy (each in (0, 1)). Null (the default) means 0.10 when calibrating, and every
    /// calibrated fraction of the model when <see cref="Calibrations"/> are given. The official code uses 0.10, 0.15, 0.20.
    /// </summary>
    public IReadOnlyList<double>? TopFractions { get; init; }

    /// <summary>
    /// Thresholds calibrated beforehand (by <see cref="ThresholdCalibrator"/> or read with <see cref="CalibrationFile"/>) for the
    /// Global policy: each model is scored with its calibration's τ instead of one calibrated on this input, so that a subset
    /// scores exactly as it does within the whole run. Null: calibrate on the input.
    /// </summary>
    public IReadOnlyList<AvatarCalibration>? Calibrations { get; init; }

    /// <summary>Whether a pixel exactly at τ is predicted; default <see cref="TieRule.AtLeast"/> (≥ τ).</summary>
    public TieRule TieRule { get; init; } = TieRule.AtLeast;

    /// <summary>The absolute threshold of the Fixed policy.</summary>
    public double Value { get; init; }

    /// <summary>Grid height; default 360.</summary>
    public int GridHeight { get; init; } = 360;

    /// <summary>Grid width; default 640.</summary>
    public int GridWidth { get; init; } = 640;

    /// <summary>How maps are upsampled to the grid; default bilinear with half-pixel centres.</summary>
    public UpsampleMode Upsample { get; init; } = UpsampleMode.Bilinear;

    /// <summary>When an Off-Screen frame is a true negative; default <see cref="OffScreenRule.AnyPixel"/>.</summary>
    public OffScreenRule OffScreenRule { get; init; } = OffScreenRule.AnyPixel;

    /// <summary>The grid fraction of the <see cref="OffScreenRule.AreaFraction"/> rule (TN when |P| &lt; fraction × grid pixels); default 0.01.</summary>
    public double OffScreenArea { get; init; } = 0.01;

    /// <summary>Add the Cross-event row (with Δ = Cross-event CIoU − Total CIoU).</summary>
    public bool CrossEvent { get; init; }

    /// <summary>An optional per-category or per-clip breakdown.</summary>
    public ScoreGrouping GroupBy { get; init; } = ScoreGrouping.None;

    /// <summary>
    /// The confidence level of the clip-bootstrap intervals added to every row (in (0, 1), e.g. 0.95); null (the default)
    /// for no intervals. See <see cref="ClipBootstrap"/>.
    /// </summary>
    public double? ConfidenceLevel { get; init; }

    /// <summary>The bootstrap replicates behind the intervals; default 2,000.</summary>
    public int Resamples { get; init; } = DefaultResamples;

    /// <summary>The default number of bootstrap replicates.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>The seed of the bootstrap draws; null draws one (reported on every row).</summary>
    public int? BootstrapSeed { get; init; }

    /// <summary>The seed of one call's bootstrap draws: the one asked for, else a new one; 0 without intervals.</summary>
    internal int SeedOfCall() => ConfidenceLevel is null ? 0 : BootstrapSeed ?? Random.Shared.Next();

    /// <summary>
    /// Compute each frame's detection confidence (<see cref="FrameScore.Confidence"/>: the mean of the top quarter of the map's
    /// values on the scoring grid) for SLAVC's detection view (<see cref="DetectionMetrics"/>).
    /// </summary>
    public bool Detection { get; init; }

    /// <summary>
    /// Take the straightforward paths (calibrate, then count; PerFrame over the full grid) instead of the fused and
    /// block-bounded ones; the same results. For tests and the benchmark's side-by-side.
    /// </summary>
    internal bool ReferencePaths { get; init; }

    /// <summary>
    /// The protocol preset (<see cref="ProtocolPresets"/>); null (the default) scores AVATAR frames with these options as they
    /// are and VGG-SS / Flickr-SoundNet frames with <see cref="ScoreProtocol.EzVsl"/>.
    /// </summary>
    public ScoreProtocol? Protocol { get; init; }

    /// <summary>The settings given explicitly, which the protocol preset does not replace; default none.</summary>
    public ProtocolSettings ExplicitSettings { get; init; }

    /// <summary>Threads to use; null for all cores.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>The top fractions to calibrate when no calibration is given: <see cref="TopFractions"/>, else 0.10.</summary>
    public IReadOnlyList<double> FractionsToCalibrate => TopFractions ?? new[] { DefaultTopFraction };

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (GridHeight <= 0 || GridWidth <= 0 || (long)GridHeight * GridWidth > int.MaxValue / 4)
        {
            throw new ArgumentException($"The grid size {GridHeight} × {GridWidth} is out of range.");
        }
        if (Policy == ThresholdPolicy.Global && TopFractions is not null)
        {
            if (TopFractions.Count == 0)
            {
                throw new ArgumentException("The Global policy needs at least one top fraction.");
            }
            foreach (var fraction in TopFractions)
            {
                if (!(fraction > 0 && fraction < 1))
                {
                    throw new ArgumentException($"A top fraction must lie in (0, 1); got {fraction}.");
                }
            }
        }
        if (Policy == ThresholdPolicy.Fixed && !double.IsFinite(Value))
        {
            throw new ArgumentException("The Fixed policy needs a finite value.");
        }
        if (ConfidenceLevel is double level && !(level > 0 && level < 1))
        {
            throw new ArgumentException($"The confidence level must lie in (0, 1), e.g. 0.95; got {level}.");
        }
        if (Resamples < 1)
        {
            throw new ArgumentException($"The number of bootstrap replicates must be at least 1; got {Resamples}.");
        }
        if (OffScreenRule == OffScreenRule.AreaFraction && !(OffScreenArea >= 0 && OffScreenArea <= 1))
        {
            throw new ArgumentException($"The Off-Screen area fraction must lie in [0, 1]; got {OffScreenArea}.");
        }
    }
}
