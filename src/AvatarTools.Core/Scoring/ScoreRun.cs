namespace AvatarTools.Core.Scoring;

/// <summary>
/// The outcome of one scoring run: the per-frame scores, the calibrations they were thresholded with (computed on the
/// input, or given), the summary rows, what was known of the datasets the input came from, and the models that could not
/// be scored (each with its error; the other models are scored all the same).
/// </summary>
public sealed class ScoreRun
{
    internal ScoreRun(IReadOnlyList<FrameScore> frameScores, IReadOnlyList<AvatarCalibration> calibrations, IReadOnlyList<AvatarScore> scores,
        IReadOnlyList<ModelCoverage> coverage, IReadOnlyList<AvatarDataException> errors, IReadOnlyList<DetectionScore>? detections = null)
    {
        Detections = detections ?? Array.Empty<DetectionScore>();
        FrameScores = frameScores;
        Calibrations = calibrations;
        Scores = scores;
        Coverage = coverage;
        Errors = errors;
    }

    /// <summary>One score per model, threshold and frame.</summary>
    public IReadOnlyList<FrameScore> FrameScores { get; }

    /// <summary>The Global calibrations used, per model and fraction (empty for the Fixed and PerFrame policies).</summary>
    public IReadOnlyList<AvatarCalibration> Calibrations { get; }

    /// <summary>The summary rows (empty when only the per-frame step was asked for).</summary>
    public IReadOnlyList<AvatarScore> Scores { get; }

    /// <summary>SLAVC's detection view per model, threshold and IoU threshold (empty unless detection was asked for).</summary>
    public IReadOnlyList<DetectionScore> Detections { get; }

    /// <summary>Per model: how many frames it was scored on, and how many labelled frames its datasets hold.</summary>
    public IReadOnlyList<ModelCoverage> Coverage { get; }

    /// <summary>Each negative-audio map at the τ of its model's positives (empty when the input held no negatives).</summary>
    public IReadOnlyList<NegativeFrameScore> NegativeFrames { get; init; } = Array.Empty<NegativeFrameScore>();

    /// <summary>The negatives rows: pIA, AUC_N and the positive–negative IoU per model, condition, threshold and group.</summary>
    public IReadOnlyList<NegativeScore> Negatives { get; init; } = Array.Empty<NegativeScore>();

    /// <summary>The negative maps of VGG-SS and Flickr-SoundNet samples in the input (scored in the detection view only).</summary>
    public int ImageNegativeMaps { get; init; }

    /// <summary>Models that could not be scored (e.g. no calibration given for them).</summary>
    public IReadOnlyList<AvatarDataException> Errors { get; }
}

/// <summary>A model's input frames against the labelled frames of the dataset(s) they came from.</summary>
/// <param name="Model">The model.</param>
/// <param name="Frames">Distinct labelled frames the model was scored on.</param>
/// <param name="DatasetFrames">Labelled frames (frame JSON files) of the datasets the frames came from; null when unknown.</param>
public sealed record ModelCoverage(string Model, int Frames, int? DatasetFrames)
{
    /// <summary>Labelled frames of the datasets the model did not see; null when unknown.</summary>
    public int? UnseenFrames => DatasetFrames is int total ? Math.Max(0, total - Frames) : null;
}
