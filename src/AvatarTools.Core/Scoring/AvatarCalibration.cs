namespace AvatarTools.Core.Scoring;

/// <summary>
/// The Global threshold of one model at one top fraction, calibrated over all of that model's heatmaps (as the official
/// evaluator's HeatmapAnalyzer does before its Evaluator scores): τ is the value at 0-based index ⌊(1 − p)·M⌋ of the
/// ascending sort of the M pooled grid pixels. Made by <see cref="ThresholdCalibrator"/>; saved and read by
/// <see cref="CalibrationFile"/>; given to scoring so that any subset is scored with the thresholds of the whole run.
/// </summary>
public sealed record AvatarCalibration
{
    /// <summary>The model name the calibration belongs to.</summary>
    public required string Model { get; init; }

    /// <summary>The top fraction p.</summary>
    public required double TopFraction { get; init; }

    /// <summary>τ, a float32 value (grid values are float32 and are compared with it in float32).</summary>
    public required double Threshold { get; init; }

    /// <summary>The number of heatmaps pooled.</summary>
    public required int Frames { get; init; }

    /// <summary>M, the number of grid pixels pooled (Frames × grid height × grid width).</summary>
    public required long Pixels { get; init; }

    /// <summary>How many pooled pixels the tie rule predicts at τ (≥ τ for AtLeast, &gt; τ for Above).</summary>
    public required long PredictedPixels { get; init; }

    /// <summary>PredictedPixels / Pixels: the share of pooled pixels the tie rule predicts; near p unless many pixels tie at τ.</summary>
    public double PredictedFraction => Pixels == 0 ? 0 : (double)PredictedPixels / Pixels;

    /// <summary>How pixels at τ are counted.</summary>
    public required TieRule TieRule { get; init; }

    /// <summary>The scoring grid height the maps were upsampled to.</summary>
    public required int GridHeight { get; init; }

    /// <summary>The scoring grid width the maps were upsampled to.</summary>
    public required int GridWidth { get; init; }

    /// <summary>How the maps were upsampled to the grid.</summary>
    public required UpsampleMode Interpolation { get; init; }

    /// <summary>τ as the float32 the grid values are compared with.</summary>
    public float ThresholdSingle => (float)Threshold;

    /// <summary>Whether ties at τ move the predicted share more than <paramref name="tolerance"/> away from p (default one percentage point).</summary>
    public bool HasTies(double tolerance = 0.01) => Math.Abs(PredictedFraction - TopFraction) > tolerance;

    public override string ToString() =>
        FormattableString.Invariant($"{Model} p={TopFraction:G4} tau={Threshold:G6} ({Frames} frames, {PredictedFraction:P2} predicted, {TieRule})");
}
