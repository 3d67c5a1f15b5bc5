namespace AvatarTools.Core.Scoring;

/// <summary>
/// The per-frame and aggregate metrics of the protocol, computed in double precision the way NumPy and
/// scikit-learn do (pairwise summation, <c>np.trapz</c> over t_i = 0.05·i), so results agree to the last digits.
/// </summary>
public static class ScoreMetrics
{
    /// <summary>The success-curve thresholds t_i = 0.05 · i, i = 0..20, computed exactly as that double product.</summary>
    public static IReadOnlyList<double> AucThresholds { get; } = Enumerable.Range(0, 21).Select(i => 0.05 * i).ToArray();

    /// <summary>
    /// cIoU = |P∩G| / (|G| + |P\G|). When both G and P are empty the reference code gives NaN; this returns 0
    /// (the spec's decision).
    /// </summary>
    public static double CIoU(long truthPixels, long predictedPixels, long intersectionPixels)
    {
        var denominator = truthPixels + (predictedPixels - intersectionPixels);
        return denominator == 0 ? 0.0 : (double)intersectionPixels / denominator;
    }

    /// <summary>100 × mean, the mean as <c>np.mean</c> (pairwise sum / n); NaN when empty.</summary>
    public static double MeanPercent(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NaN : 100 * (PairwiseSum(values, 0, values.Count) / values.Count);

    /// <summary>
    /// 100 × <c>sklearn.metrics.auc(t, s)</c> with s(t_i) = #{c ≥ t_i} / K (i.e. <c>np.trapz</c>); NaN when empty.
    /// </summary>
    public static double AucPercent(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var thresholds = AucThresholds;
        var success = new double[thresholds.Count];
        for (var i = 0; i < thresholds.Count; i++)
        {
            var count = 0;
            foreach (var value in values)
            {
                if (value >= thresholds[i])
                {
                    count++;
                }
            }
            success[i] = (double)count / values.Count;
        }
        var terms = new double[thresholds.Count - 1];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = (thresholds[i + 1] - thresholds[i]) * (success[i + 1] + success[i]) / 2.0;
        }
        return 100 * PairwiseSum(terms, 0, terms.Length);
    }

    /// <summary>100 × #{c ≥ threshold} / K; NaN when empty.</summary>
    public static double SuccessPercent(IReadOnlyList<double> values, double threshold = 0.5)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var count = values.Count(value => value >= threshold);
        return 100 * ((double)count / values.Count);
    }

    /// <summary>NumPy's <c>pairwise_sum</c> for float64 (blocks of 128 with 8 accumulators, halving above that).</summary>
    public static double PairwiseSum(IReadOnlyList<double> values, int start, int count)
    {
        if (count < 8)
        {
            var result = 0.0;
            for (var i = 0; i < count; i++)
            {
                result += values[start + i];
            }
            return result;
        }
        if (count <= 128)
        {
            Span<double> r = stackalloc double[8];
            for (var j = 0; j < 8; j++)
            {
                r[j] = values[start + j];
            }
            var i = 8;
            for (; i < count - (count % 8); i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += values[start + i + j];
                }
            }
            var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < count; i++)
            {
                sum += values[start + i];
            }
            return sum;
        }
        var half = count / 2;
        half -= half % 8;
        return PairwiseSum(values, start, half) + PairwiseSum(values, start + half, count - half);
    }
}
