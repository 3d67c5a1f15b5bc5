namespace AvatarTools.Core.Scoring;

/// <summary>
/// SLAVC's detection view (its <c>EvaluatorFull</c>), as <c>BENCHMARKS.md</c> states it. K samples, positives and negatives,
/// each with a confidence c and (positives) a cIoU. For a confidence threshold θ and an IoU threshold τ: a negative with
/// c ≥ θ is a false positive; a positive with c ≥ θ is a true positive when its cIoU ≥ τ, else a false positive; a positive
/// with c &lt; θ is a false negative. P = TP / (TP + FP) (1 when TP + FP = 0), R = TP / (TP + FN) (1 when TP + FN = 0).
/// <list type="bullet">
/// <item>AP: the confidences sorted ascending, the largest dropped, the rest reversed and every s-th taken from the first,
/// s = max(1, ⌊K/200⌋), give θ_0 &gt; θ_1 &gt; … &gt; θ_{n−1}; with P̂_j = max_{m ≥ j} P_m,
/// AP = Σ_{j=0}^{n−2} P̂_j (R_{j+1} − R_j), summed left to right (0 when n &lt; 2, i.e. K &lt; 3 or so).</item>
/// <item>max-F1: over θ = every s'-th of the ascending sorted confidences from the first (the smallest),
/// s' = max(1, ⌊K/10⌋), the largest 2RP / (R + P) (0 when R + P = 0).</item>
/// </list>
/// A NaN confidence (a map holding NaN) counts as −∞: never detected.
/// </summary>
public static class DetectionMetrics
{
    /// <summary>The IoU thresholds SLAVC reports.</summary>
    public static IReadOnlyList<double> IoUThresholds { get; } = new[] { 0.5, 0.75 };

    /// <summary>P and R at confidence threshold <paramref name="confidenceThreshold"/> and IoU threshold <paramref name="iouThreshold"/>.</summary>
    public static (double Precision, double Recall) PrecisionRecall(IReadOnlyList<DetectionSample> samples, double confidenceThreshold, double iouThreshold)
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        foreach (var sample in samples)
        {
            var detected = Confidence(sample) >= confidenceThreshold;
            if (!sample.IsPositive)
            {
                falsePositives += detected ? 1 : 0;
            }
            else if (!detected)
            {
                falseNegatives++;
            }
            else if (sample.CIoU >= iouThreshold)
            {
                truePositives++;
            }
            else
            {
                falsePositives++;
            }
        }
        var precision = truePositives + falsePositives == 0 ? 1.0 : (double)truePositives / (truePositives + falsePositives);
        var recall = truePositives + falseNegatives == 0 ? 1.0 : (double)truePositives / (truePositives + falseNegatives);
        return (precision, recall);
    }

    /// <summary>The AP thresholds θ_0 &gt; θ_1 &gt; … of the confidences (see the class summary).</summary>
    public static IReadOnlyList<double> AveragePrecisionThresholds(IReadOnlyList<DetectionSample> samples)
    {
        var sorted = SortedConfidences(samples);
        var step = Math.Max(1, sorted.Length / 200);
        var thresholds = new List<double>();
        for (var index = sorted.Length - 2; index >= 0; index -= step)
        {
            thresholds.Add(sorted[index]);
        }
        return thresholds;
    }

    /// <summary>The max-F1 thresholds, ascending (see the class summary).</summary>
    public static IReadOnlyList<double> F1Thresholds(IReadOnlyList<DetectionSample> samples)
    {
        var sorted = SortedConfidences(samples);
        var step = Math.Max(1, sorted.Length / 10);
        var thresholds = new List<double>();
        for (var index = 0; index < sorted.Length; index += step)
        {
            thresholds.Add(sorted[index]);
        }
        return thresholds;
    }

    /// <summary>The average precision (0 … 1) at IoU threshold <paramref name="iouThreshold"/>.</summary>
    public static double AveragePrecision(IReadOnlyList<DetectionSample> samples, double iouThreshold)
    {
        var thresholds = AveragePrecisionThresholds(samples);
        var precision = new double[thresholds.Count];
        var recall = new double[thresholds.Count];
        for (var j = 0; j < thresholds.Count; j++)
        {
            (precision[j], recall[j]) = PrecisionRecall(samples, thresholds[j], iouThreshold);
        }
        // P̂_j = max over m ≥ j of P_m, from the end.
        var interpolated = new double[thresholds.Count];
        for (var j = thresholds.Count - 1; j >= 0; j--)
        {
            interpolated[j] = j == thresholds.Count - 1 ? precision[j] : Math.Max(precision[j], interpolated[j + 1]);
        }
        var ap = 0.0;
        for (var j = 0; j + 1 < thresholds.Count; j++)
        {
            ap += interpolated[j] * (recall[j + 1] - recall[j]);
        }
        return ap;
    }

    /// <summary>The largest F1 (0 … 1) and the lowest sampled threshold reaching it; (NaN, NaN) without samples.</summary>
    public static (double F1, double Confidence) MaxF1(IReadOnlyList<DetectionSample> samples, double iouThreshold)
    {
        var best = (F1: double.NaN, Confidence: double.NaN);
        foreach (var threshold in F1Thresholds(samples))
        {
            var (p, r) = PrecisionRecall(samples, threshold, iouThreshold);
            var f1 = r + p > 0 ? 2 * r * p / (r + p) : 0.0;
            if (double.IsNaN(best.F1) || f1 > best.F1)
            {
                best = (f1, threshold);
            }
        }
        return best;
    }

    /// <summary>
    /// The detection rows per model, benchmark and threshold (input order) and IoU threshold, from frame scores with
    /// confidences: first the row of the positives with AVATAR's Off-Screen frames (condition Positive), then, for each
    /// negative condition among <paramref name="negatives"/> (first-seen order), the row of the same samples pooled with
    /// every map of that condition of the same model, benchmark and threshold (SLAVC's extended sets: positives plus
    /// non-sounding pairs; repeats pooled).
    /// </summary>
    public static IReadOnlyList<DetectionScore> Summarize(IReadOnlyList<FrameScore> frameScores, ScoreOptions? options = null,
        IReadOnlyList<NegativeFrameScore>? negatives = null)
    {
        options ??= new ScoreOptions();
        negatives ??= Array.Empty<NegativeFrameScore>();
        var rows = new List<DetectionScore>();
        foreach (var set in frameScores.GroupBy(score => (score.Model, score.Benchmark, score.TopFraction)))
        {
            var first = set.First();
            if (set.Any(score => score.Confidence is null))
            {
                throw new ArgumentException($"The frame scores of model '{set.Key.Model}' have no detection confidence; score them with detection on.");
            }
            var samples = set.Select(score => new DetectionSample(!score.IsOffScreen, score.CIoU, score.Confidence!.Value)).ToArray();
            var provenance = first.Provenance;
            var template = new DetectionScore
            {
                Model = set.Key.Model,
                Benchmark = set.Key.Benchmark,
                IoUThreshold = 0,
                Positives = 0,
                Negatives = 0,
                AP = double.NaN,
                MaxF1 = double.NaN,
                MaxF1Confidence = double.NaN,
                Threshold = provenance is not null ? provenance.Threshold : first.ThresholdSource == ThresholdSource.PerFrame ? null : first.Threshold,
                TopFraction = first.TopFraction,
                ThresholdSource = first.ThresholdSource,
                TieRule = provenance?.TieRule ?? options.TieRule,
                GridHeight = provenance?.GridHeight ?? options.GridHeight,
                GridWidth = provenance?.GridWidth ?? options.GridWidth,
                Interpolation = provenance?.Interpolation ?? options.Upsample,
            };
            rows.AddRange(Rows(template, samples));
            var own = negatives.Where(score => string.Equals(score.Model, set.Key.Model, StringComparison.Ordinal)
                && score.Benchmark == set.Key.Benchmark && Nullable.Equals(score.TopFraction, set.Key.TopFraction)).ToList();
            foreach (var condition in own.GroupBy(score => score.Condition))
            {
                if (condition.Any(score => score.Confidence is null))
                {
                    throw new ArgumentException($"The {condition.Key} maps of model '{set.Key.Model}' have no detection confidence; score them with detection on.");
                }
                var pooled = samples.Concat(condition.Select(score => new DetectionSample(false, double.NaN, score.Confidence!.Value))).ToArray();
                rows.AddRange(Rows(template with { Condition = condition.Key }, pooled));
            }
        }
        return rows;
    }

    private static IEnumerable<DetectionScore> Rows(DetectionScore template, DetectionSample[] samples)
    {
        var positives = samples.Count(sample => sample.IsPositive);
        foreach (var iou in IoUThresholds)
        {
            var (f1, confidence) = MaxF1(samples, iou);
            yield return template with
            {
                IoUThreshold = iou,
                Positives = positives,
                Negatives = samples.Length - positives,
                AP = 100 * AveragePrecision(samples, iou),
                MaxF1 = 100 * f1,
                MaxF1Confidence = confidence,
            };
        }
    }

    private static double Confidence(DetectionSample sample) =>
        double.IsNaN(sample.Confidence) ? double.NegativeInfinity : sample.Confidence;

    private static double[] SortedConfidences(IReadOnlyList<DetectionSample> samples)
    {
        var sorted = samples.Select(Confidence).ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
