using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// Scores localizations with the AVATAR protocol, in pycocotools' steps: calibrate (<see cref="ThresholdCalibrator"/>, or take
/// the given <see cref="ScoreOptions.Calibrations"/>), evaluate each frame (<see cref="FrameScoring"/>: rasterize G, upsample the
/// map, threshold, count), then summarise (<see cref="ScoreSummary"/>: CIoU, AUC, Success@0.5, TN%, Δ per model, threshold and
/// group; with <see cref="ScoreOptions.ConfidenceLevel"/>, clip-bootstrap intervals from the per-frame scores; with
/// <see cref="ScoreOptions.Detection"/>, SLAVC's detection view). <see cref="Run"/> does all three and keeps every intermediate result.
/// </summary>
public static class ScoreEvaluator
{
    /// <summary>
    /// The AVATAR table rows per model (models in first-seen order), for each top fraction (Global) or the one threshold:
    /// Total, Single-Sound, Mixed-Sound, Multi-Entity, Off-Screen, [Cross-event], [per category / clip]; groups without frames
    /// are left out. Throws the first model's error when a model cannot be scored (use <see cref="Run"/> to get the others).
    /// </summary>
    public static IReadOnlyList<AvatarScore> Evaluate(IReadOnlyList<Localization> localizations, ScoreOptions? options = null,
        IProgress<ScoreProgress>? progress = null, CancellationToken cancellationToken = default, ScoreDiagnostics? diagnostics = null) =>
        ThrowOnError(Run(localizations, options, progress, cancellationToken, diagnostics)).Scores;

    /// <summary>
    /// The per-frame step: one <see cref="FrameScore"/> per localization and threshold, ordered by model (first seen),
    /// then top fraction, then input order.
    /// </summary>
    public static IReadOnlyList<FrameScore> EvaluateFrames(IReadOnlyList<Localization> localizations, ScoreOptions? options = null,
        IProgress<ScoreProgress>? progress = null, CancellationToken cancellationToken = default, ScoreDiagnostics? diagnostics = null) =>
        ThrowOnError(Run(localizations, options, progress, cancellationToken, diagnostics, summarize: false)).FrameScores;

    /// <summary>
    /// Calibrates (or takes the given calibrations), scores every frame and summarises. A model that cannot be scored (no
    /// calibration given for it, or one made on another grid) is left out with its error in <see cref="ScoreRun.Errors"/>.
    /// </summary>
    public static ScoreRun Run(IReadOnlyList<Localization> localizations, ScoreOptions? options = null,
        IProgress<ScoreProgress>? progress = null, CancellationToken cancellationToken = default, ScoreDiagnostics? diagnostics = null,
        bool summarize = true)
    {
        options ??= new ScoreOptions();
        options.Validate();
        if (options.ConfidenceLevel is not null && options.BootstrapSeed is null)
        {
            // One seed for every row of the call, AVATAR's and the image benchmarks' alike.
            options = options with { BootstrapSeed = Random.Shared.Next() };
        }
        if (!localizations.Any(item => ProtocolPresets.IsImageBenchmark(item.Frame.Benchmark)))
        {
            return Stamp(RunAvatar(localizations, ProtocolPresets.Resolve(options, Benchmark.Avatar), progress, cancellationToken, diagnostics, summarize), options);
        }
        // VGG-SS and Flickr-SoundNet samples take their own per-sample path; AVATAR frames of the same input the usual one.
        var avatar = localizations.Where(item => !ProtocolPresets.IsImageBenchmark(item.Frame.Benchmark)).ToList();
        var (images, imageNegatives) = NegativeScoring.Split(localizations.Where(item => ProtocolPresets.IsImageBenchmark(item.Frame.Benchmark)).ToList());
        var avatarRun = avatar.Count > 0
            ? Stamp(RunAvatar(avatar, ProtocolPresets.Resolve(options, Benchmark.Avatar), progress, cancellationToken, diagnostics, summarize), options)
            : null;
        var (frameScores, scores, errors) = ImageEvaluation.Run(images, options, progress, cancellationToken, summarize);
        // The negatives of the image benchmarks (SLAVC's non-sounding pairs) enter the detection view only (ImageNegatives).
        IReadOnlyList<DetectionScore> imageDetections = Array.Empty<DetectionScore>();
        if (options.Detection && summarize)
        {
            var negativeScores = imageNegatives.Count == 0 ? Array.Empty<NegativeFrameScore>() : ImageNegatives.Score(imageNegatives, options, progress, cancellationToken);
            imageDetections = DetectionMetrics.Summarize(frameScores, options, negativeScores);
        }
        return avatarRun is null
            ? new ScoreRun(frameScores, Array.Empty<AvatarCalibration>(), scores, Array.Empty<ModelCoverage>(), errors, imageDetections)
            {
                ImageNegativeMaps = imageNegatives.Count,
            }
            : new ScoreRun(avatarRun.FrameScores.Concat(frameScores).ToList(), avatarRun.Calibrations, avatarRun.Scores.Concat(scores).ToList(),
                avatarRun.Coverage, avatarRun.Errors.Concat(errors).ToList(), avatarRun.Detections.Concat(imageDetections).ToList())
            {
                NegativeFrames = avatarRun.NegativeFrames,
                Negatives = avatarRun.Negatives,
                ImageNegativeMaps = imageNegatives.Count,
            };
    }

    /// <summary>AVATAR rows scored under another protocol say so.</summary>
    private static ScoreRun Stamp(ScoreRun run, ScoreOptions options)
    {
        if (options.Protocol is not ScoreProtocol protocol || protocol == ScoreProtocol.Avatar)
        {
            return run;
        }
        return new ScoreRun(run.FrameScores, run.Calibrations, run.Scores.Select(row => row with { Protocol = protocol }).ToList(),
            run.Coverage, run.Errors, run.Detections)
        {
            NegativeFrames = run.NegativeFrames,
            Negatives = run.Negatives,
            ImageNegativeMaps = run.ImageNegativeMaps,
        };
    }

    private static ScoreRun RunAvatar(IReadOnlyList<Localization> localizations, ScoreOptions options, IProgress<ScoreProgress>? progress,
        CancellationToken cancellationToken, ScoreDiagnostics? diagnostics, bool summarize)
    {
        options.Validate();
        // Negative-audio maps are scored apart, at the τ of their model's positives (NegativeScoring).
        (localizations, var negatives) = NegativeScoring.Split(localizations);
        var thresholdsOf = new Dictionary<string, IReadOnlyList<ScoreProvenance>>(StringComparer.Ordinal);
        var datasetCounts = Task.Run(() => LabelledFrameCount.OfAll(localizations.Select(item => item.Frame.DatasetPath)), cancellationToken);
        var frameScores = new List<FrameScore>();
        var calibrations = new List<AvatarCalibration>();
        var errors = new List<AvatarDataException>();
        var coverage = new List<(string Model, List<int> Indices)>();
        foreach (var (model, indices) in ModelGroups.Of(localizations))
        {
            IReadOnlyList<ScoreProvenance> provenances;
            if (FusedCalibration(model, indices, localizations, options, progress, cancellationToken, diagnostics) is { } fused)
            {
                thresholdsOf[model] = fused.Provenances;
                calibrations.AddRange(fused.Provenances.Select(p => p.Calibration!));
                frameScores.AddRange(FrameScoring.Score(localizations, indices, fused.Provenances, options, progress, cancellationToken, diagnostics, fused.Counts));
                coverage.Add((model, indices));
                continue;
            }
            try
            {
                provenances = Thresholds(model, indices, localizations, options, progress, cancellationToken, diagnostics);
            }
            catch (AvatarDataException error)
            {
                errors.Add(error);
                continue;
            }
            thresholdsOf[model] = provenances;
            calibrations.AddRange(provenances.Where(p => p.Calibration is not null).Select(p => p.Calibration!));
            frameScores.AddRange(FrameScoring.Score(localizations, indices, provenances, options, progress, cancellationToken, diagnostics));
            coverage.Add((model, indices));
        }
        var counts = datasetCounts.GetAwaiter().GetResult();
        var models = coverage.Select(item => Coverage(item.Model, item.Indices, localizations, counts)).ToList();
        IReadOnlyList<AvatarScore> scores = Array.Empty<AvatarScore>();
        IReadOnlyList<DetectionScore>? detections = null;
        if (summarize)
        {
            var crossEventClips = options.CrossEvent ? CrossEventSelector.CrossEventClips(localizations.Select(item => item.Frame)) : null;
            scores = ScoreSummary.Summarize(frameScores, options, crossEventClips, models);
        }
        var negativeFrames = negatives.Count == 0 ? Array.Empty<NegativeFrameScore>()
            : NegativeScoring.Score(negatives, localizations, thresholdsOf, options, progress, cancellationToken, errors);
        if (summarize && options.Detection)
        {
            // The negative-condition maps are negatives of the detection view, pooled with the positives per condition.
            detections = DetectionMetrics.Summarize(frameScores, options, negativeFrames);
        }
        return new ScoreRun(frameScores, calibrations, scores, models, errors, detections)
        {
            NegativeFrames = negativeFrames,
            Negatives = summarize ? NegativeScoring.Summarize(negativeFrames, options, NegativeScoring.SeedOf(scores, options), frameScores) : Array.Empty<NegativeScore>(),
        };
    }

    /// <summary>The accumulate/summarize step over per-frame scores (of one or several models and thresholds).</summary>
    public static IReadOnlyList<AvatarScore> Summarize(IReadOnlyList<FrameScore> frameScores, ScoreOptions? options = null, ISet<string>? crossEventClips = null)
    {
        options ??= new ScoreOptions();
        if (!frameScores.Any(score => ProtocolPresets.IsImageBenchmark(score.Benchmark)))
        {
            return ScoreSummary.Summarize(frameScores, options, crossEventClips, null);
        }
        // VGG-SS and Flickr-SoundNet scores make their own rows (per model and benchmark, with the settings they were made with).
        var avatar = frameScores.Where(score => !ProtocolPresets.IsImageBenchmark(score.Benchmark)).ToList();
        var images = frameScores.Where(score => ProtocolPresets.IsImageBenchmark(score.Benchmark)).ToList();
        return ScoreSummary.Summarize(avatar, options, crossEventClips, null).Concat(ImageEvaluation.SummarizeAll(images, options)).ToList();
    }

    /// <summary>
    /// The Global policy calibrated on the input with the counting in the same pass (<see cref="FusedGlobalPass"/>); null when
    /// another path applies (given calibrations, other policies, detection, the reference paths) or the fused pass declined.
    /// </summary>
    private static (IReadOnlyList<ScoreProvenance> Provenances, FrameScoring.Counts Counts)? FusedCalibration(string model, List<int> indices,
        IReadOnlyList<Localization> localizations, ScoreOptions options, IProgress<ScoreProgress>? progress, CancellationToken cancellationToken,
        ScoreDiagnostics? diagnostics)
    {
        if (options.Policy != ThresholdPolicy.Global || options.Calibrations is not null || options.Detection || options.ReferencePaths)
        {
            return null;
        }
        var fractions = options.FractionsToCalibrate;
        var result = FusedGlobalPass.TryRun(localizations, indices, fractions, options, progress, cancellationToken, diagnostics);
        if (result is null)
        {
            return null;
        }
        var provenances = ThresholdCalibrator.ToCalibrations(model, indices.Count, fractions, result.Quantiles, options)
            .Select(calibration => new ScoreProvenance(ThresholdSource.Calibrated, calibration.ThresholdSingle, calibration.TopFraction, options.TieRule,
                options.GridHeight, options.GridWidth, options.Upsample, calibration))
            .ToArray();
        return (provenances, result.Counts);
    }

    private static ScoreProvenance[] Thresholds(string model, List<int> indices, IReadOnlyList<Localization> localizations,
        ScoreOptions options, IProgress<ScoreProgress>? progress, CancellationToken cancellationToken, ScoreDiagnostics? diagnostics)
    {
        ScoreProvenance Of(ThresholdSource source, double? threshold, double? fraction, AvatarCalibration? calibration) =>
            new(source, threshold, fraction, options.TieRule, options.GridHeight, options.GridWidth, options.Upsample, calibration);
        switch (options.Policy)
        {
            case ThresholdPolicy.Fixed:
                return new[] { Of(ThresholdSource.Fixed, (float)options.Value, null, null) };
            case ThresholdPolicy.PerFrame:
                return new[] { Of(ThresholdSource.PerFrame, null, null, null) };
        }
        if (options.Calibrations is { } given)
        {
            return CalibrationMatcher.Select(model, given, options)
                .Select(calibration => Of(ThresholdSource.Calibration, calibration.ThresholdSingle, calibration.TopFraction, calibration))
                .ToArray();
        }
        var maps = indices.Select(index => localizations[index].Heatmap).ToArray();
        return ThresholdCalibrator.Calibrate(model, maps, options.FractionsToCalibrate, options, progress, cancellationToken, diagnostics)
            .Select(calibration => Of(ThresholdSource.Calibrated, calibration.ThresholdSingle, calibration.TopFraction, calibration))
            .ToArray();
    }

    private static ModelCoverage Coverage(string model, List<int> indices, IReadOnlyList<Localization> localizations, IReadOnlyDictionary<string, int?> counts)
    {
        var frames = new HashSet<(string, string, int)>();
        int? total = 0;
        foreach (var index in indices)
        {
            var frame = localizations[index].Frame;
            frames.Add((frame.DatasetPath, frame.VideoId, frame.FrameIndex));
        }
        foreach (var root in frames.Select(frame => frame.Item1).Distinct(StringComparer.Ordinal))
        {
            total = counts.TryGetValue(root, out var count) && count is int known && total is int sum ? sum + known : null;
        }
        return new ModelCoverage(model, frames.Count, total);
    }

    private static ScoreRun ThrowOnError(ScoreRun run) =>
        run.Errors.Count > 0 ? throw run.Errors[0] : run;
}
