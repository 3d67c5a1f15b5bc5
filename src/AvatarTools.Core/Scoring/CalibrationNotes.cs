using System.Globalization;

namespace AvatarTools.Core.Scoring;

/// <summary>The words a user needs about a calibration: ties at τ, and a τ calibrated on part of a dataset.</summary>
public static class CalibrationNotes
{
    /// <summary>
    /// A warning when ties at τ make the predicted share differ from p by more than one percentage point (e.g. maps that are
    /// mostly exact zeros give τ = 0, and ≥ τ then predicts every pixel); null otherwise.
    /// </summary>
    public static string? TieWarning(AvatarCalibration calibration)
    {
        if (!calibration.HasTies())
        {
            return null;
        }
        var other = calibration.TieRule == TieRule.AtLeast ? "-TieRule Above (count only pixels above tau)" : "-TieRule AtLeast";
        return string.Create(CultureInfo.InvariantCulture,
            $"Model '{calibration.Model}' at top fraction {calibration.TopFraction:G4}: tau = {calibration.Threshold:G6} and {calibration.PredictedFraction:P2} of the " +
            $"{calibration.Pixels:N0} pooled pixels are {(calibration.TieRule == TieRule.AtLeast ? "at or above" : "above")} it, not {calibration.TopFraction:P0}: " +
            $"many pixels tie at tau, so the binary maps are not the top {calibration.TopFraction:P0}. Consider {other}, or another top fraction.");
    }

    /// <summary>A warning that τ was calibrated on only part of the labelled frames of the model's dataset(s); null otherwise.</summary>
    public static string? SubsetWarning(ModelCoverage coverage)
    {
        if (coverage.DatasetFrames is not int total || coverage.Frames >= total)
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"The threshold of model '{coverage.Model}' was calibrated on {coverage.Frames:N0} of the {total:N0} labelled frames of its dataset, so it is not the " +
            $"threshold of the whole benchmark and the rows differ from those of a full run. To score a subset with the thresholds of the whole run, calibrate on " +
            $"all frames first: $calibration = Get-AvatarFrame <dataset> | <localize or import> | Measure-AvatarThreshold; then <subset> | Measure-AvatarScore -Calibration $calibration.");
    }
}
