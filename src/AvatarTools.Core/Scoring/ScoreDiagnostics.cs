namespace AvatarTools.Core.Scoring;

/// <summary>Where the time of a scoring run went; filled in by <see cref="ScoreEvaluator"/> when one is passed.</summary>
public sealed class ScoreDiagnostics
{
    /// <summary>Wall seconds spent calibrating Global thresholds (all models).</summary>
    public double CalibrationSeconds { get; internal set; }

    /// <summary>Wall seconds of the calibration's sampling pass (part of <see cref="CalibrationSeconds"/>).</summary>
    public double SamplingSeconds { get; internal set; }

    /// <summary>Wall seconds of the counting pass (rasterize, upsample, compare and count; all models).</summary>
    public double CountingSeconds { get; internal set; }

    /// <summary>Thread seconds (summed over threads) spent rasterizing ground truth inside the counting pass.</summary>
    public double RasterizeThreadSeconds { get; internal set; }

    /// <summary>Thread seconds (summed over threads) of the counting pass in all.</summary>
    public double CountingThreadSeconds { get; internal set; }

    /// <summary>The number of exact calibration passes over all pixels (per model, summed).</summary>
    public int CalibrationPasses { get; internal set; }

    /// <summary>Calibrations done in one pass with the counting (see FusedGlobalPass): each replaces an exact pass and a counting pass.</summary>
    public int FusedPasses { get; internal set; }
}
