using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The Global policy's calibration as its own step: one <see cref="AvatarCalibration"/> per model (first-seen order) and top
/// fraction, over all of the model's heatmaps in the input (Off-Screen frames included), exact (see <see cref="GlobalThreshold"/>).
/// </summary>
public static class ThresholdCalibrator
{
    /// <summary>Calibrates every model of the input at <see cref="ScoreOptions.FractionsToCalibrate"/>.</summary>
    public static IReadOnlyList<AvatarCalibration> Calibrate(IReadOnlyList<Localization> localizations, ScoreOptions? options = null,
        IProgress<ScoreProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Calibrate(localizations, options, progress, cancellationToken, null);

    internal static IReadOnlyList<AvatarCalibration> Calibrate(IReadOnlyList<Localization> localizations, ScoreOptions? options,
        IProgress<ScoreProgress>? progress, CancellationToken cancellationToken, ScoreDiagnostics? diagnostics)
    {
        options ??= new ScoreOptions();
        options.Validate();
        var result = new List<AvatarCalibration>();
        foreach (var (model, indices) in ModelGroups.Of(localizations))
        {
            var maps = indices.Select(index => localizations[index].Heatmap).ToArray();
            result.AddRange(Calibrate(model, maps, options.FractionsToCalibrate, options, progress, cancellationToken, diagnostics));
        }
        return result;
    }

    /// <summary>Calibrates one model's maps at the given fractions.</summary>
    internal static IReadOnlyList<AvatarCalibration> Calibrate(string model, IReadOnlyList<Heatmap> maps, IReadOnlyList<double> fractions,
        ScoreOptions options, IProgress<ScoreProgress>? progress, CancellationToken cancellationToken, ScoreDiagnostics? diagnostics)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var passes = new int[2];
        var quantiles = GlobalThreshold.ComputeQuantiles(maps, fractions, options.GridHeight, options.GridWidth, options.Upsample,
            options.MaxDegreeOfParallelism, progress, cancellationToken, passes);
        if (diagnostics is not null)
        {
            diagnostics.CalibrationSeconds += watch.Elapsed.TotalSeconds;
            diagnostics.CalibrationPasses += passes[0];
            diagnostics.SamplingSeconds += passes[1] / 1000.0;
        }
        return ToCalibrations(model, maps.Count, fractions, quantiles, options);
    }

    /// <summary>The calibrations of one model's <paramref name="frames"/> maps from their pooled quantiles at each fraction.</summary>
    internal static IReadOnlyList<AvatarCalibration> ToCalibrations(string model, int frames, IReadOnlyList<double> fractions,
        IReadOnlyList<PooledQuantile> quantiles, ScoreOptions options)
    {
        return fractions.Select((fraction, i) => new AvatarCalibration
        {
            Model = model,
            TopFraction = fraction,
            Threshold = quantiles[i].Value,
            Frames = frames,
            Pixels = quantiles[i].Total,
            PredictedPixels = quantiles[i].Predicted(options.TieRule),
            TieRule = options.TieRule,
            GridHeight = options.GridHeight,
            GridWidth = options.GridWidth,
            Interpolation = options.Upsample,
        }).ToArray();
    }
}

/// <summary>The localizations of each model, in first-seen order of the models and input order within each.</summary>
internal static class ModelGroups
{
    public static IReadOnlyList<(string Model, List<int> Indices)> Of(IReadOnlyList<Localization> localizations)
    {
        var groups = new List<(string, List<int>)>();
        var byModel = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < localizations.Count; i++)
        {
            var model = localizations[i].Model;
            if (!byModel.TryGetValue(model, out var list))
            {
                list = new List<int>();
                byModel.Add(model, list);
                groups.Add((model, list));
            }
            list.Add(i);
        }
        return groups;
    }
}
