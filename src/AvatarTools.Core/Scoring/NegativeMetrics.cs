namespace AvatarTools.Core.Scoring;

/// <summary>
/// The metrics of negative audio (arXiv 2410.01020, <c>BENCHMARKS.md</c> "Negative audio"), on the share of the image each
/// negative map activates at the positives' τ, and the overlap of a frame's positive and negative binary maps.
/// </summary>
public static class NegativeMetrics
{
    /// <summary>pIA of one map: the predicted pixels over the grid's pixels, in [0, 1].</summary>
    public static double Pia(long predictedPixels, long gridPixels) =>
        gridPixels <= 0 ? throw new ArgumentOutOfRangeException(nameof(gridPixels)) : (double)predictedPixels / gridPixels;

    /// <summary>100 × the mean pIA (lower is better), the mean as <c>np.mean</c>; NaN when empty.</summary>
    public static double PiaPercent(IReadOnlyList<double> pia) => ScoreMetrics.MeanPercent(pia);

    /// <summary>
    /// 100 × AUC_N: the trapezoid of q(t_i) = #{pIA_k ≤ t_i} / K over t_i = 0.05 · i, i = 0 … 20 (higher is better), summed as
    /// <see cref="ScoreMetrics.AucPercent"/> sums the success curve; NaN when empty.
    /// </summary>
    public static double AucNPercent(IReadOnlyList<double> pia)
    {
        if (pia.Count == 0)
        {
            return double.NaN;
        }
        var curve = QuietCurve(pia);
        var thresholds = ScoreMetrics.AucThresholds;
        var terms = new double[thresholds.Count - 1];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = (thresholds[i + 1] - thresholds[i]) * (curve[i + 1] + curve[i]) / 2.0;
        }
        return 100 * ScoreMetrics.PairwiseSum(terms, 0, terms.Length);
    }

    /// <summary>q(t_i) = #{pIA_k ≤ t_i} / K at t_i = 0.05 · i, i = 0 … 20.</summary>
    public static double[] QuietCurve(IReadOnlyList<double> pia)
    {
        ArgumentNullException.ThrowIfNull(pia);
        var thresholds = ScoreMetrics.AucThresholds;
        var curve = new double[thresholds.Count];
        for (var i = 0; i < curve.Length; i++)
        {
            curve[i] = pia.Count == 0 ? double.NaN : (double)pia.Count(value => value <= thresholds[i]) / pia.Count;
        }
        return curve;
    }

    /// <summary>
    /// The IoU of a positive and a negative binary map: |P∩N| / |P∪N| with |P∪N| = |P| + |N| − |P∩N|; 1 when both are empty,
    /// 0 when exactly one is.
    /// </summary>
    public static double BinaryIoU(long positivePixels, long negativePixels, long intersectionPixels)
    {
        var union = positivePixels + negativePixels - intersectionPixels;
        return union == 0 ? 1.0 : (double)intersectionPixels / union;
    }
}
