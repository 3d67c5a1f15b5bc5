using System.Globalization;

namespace AvatarTools.Core.Scoring;

/// <summary>Picks a model's calibrations out of the given ones and checks they were made the way the run scores.</summary>
internal static class CalibrationMatcher
{
    /// <summary>
    /// The model's calibrations at <see cref="ScoreOptions.TopFractions"/> (or all of the model's fractions when none are
    /// asked for), in that order. Throws CalibrationNotFound or CalibrationMismatch (grid, interpolation, tie rule).
    /// </summary>
    public static IReadOnlyList<AvatarCalibration> Select(string model, IReadOnlyList<AvatarCalibration> given, ScoreOptions options)
    {
        var own = given.Where(calibration => string.Equals(calibration.Model, model, StringComparison.Ordinal)).ToList();
        if (own.Count == 0)
        {
            var known = given.Select(calibration => calibration.Model).Distinct(StringComparer.Ordinal).ToList();
            throw new AvatarDataException("CalibrationNotFound", AvatarErrorKind.InvalidArgument, null,
                $"no calibration is given for model '{model}'; the calibrations are for {(known.Count == 0 ? "no model" : string.Join(", ", known.Select(name => $"'{name}'")))}. " +
                "Calibrate it with Measure-AvatarThreshold over all of its frames, or score it without -Calibration.");
        }
        var selected = new List<AvatarCalibration>();
        foreach (var fraction in options.TopFractions ?? own.Select(calibration => calibration.TopFraction).Distinct().ToList())
        {
            var match = own.FirstOrDefault(calibration => Math.Abs(calibration.TopFraction - fraction) < 1e-12)
                ?? throw new AvatarDataException("CalibrationNotFound", AvatarErrorKind.InvalidArgument, null,
                    string.Create(CultureInfo.InvariantCulture,
                        $"model '{model}' has no calibration at top fraction {fraction}; it has {string.Join(", ", own.Select(c => c.TopFraction.ToString("G6", CultureInfo.InvariantCulture)))}"));
            if (match.GridHeight != options.GridHeight || match.GridWidth != options.GridWidth || match.Interpolation != options.Upsample || match.TieRule != options.TieRule)
            {
                throw new AvatarDataException("CalibrationMismatch", AvatarErrorKind.InvalidArgument, null,
                    $"the calibration of model '{model}' at top fraction {fraction.ToString("G6", CultureInfo.InvariantCulture)} was made on a {match.GridHeight} × {match.GridWidth} grid " +
                    $"with {match.Interpolation} upsampling and tie rule {match.TieRule}; this run scores on {options.GridHeight} × {options.GridWidth} with {options.Upsample} " +
                    $"and {options.TieRule}. Score with the calibration's settings, or calibrate again with these.");
            }
            selected.Add(match);
        }
        return selected;
    }
}
