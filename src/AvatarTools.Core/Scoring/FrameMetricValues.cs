namespace AvatarTools.Core.Scoring;

/// <summary>
/// The per-frame values of the AUC (<see cref="TableMetric.AUC"/>): a(c) = Σ_{i=0}^{19} (t_{i+1} − t_i) · ([c ≥ t_i] +
/// [c ≥ t_{i+1}]) / 2 at t_i = 0.05·i. The AUC is 100 × the mean of a over the frames, because the trapezoid of
/// s(t_i) = #{c_k ≥ t_i} / K is linear in the indicator counts.
/// </summary>
internal static class FrameMetricValues
{
    private static readonly double[] Thresholds = ScoreMetrics.AucThresholds.ToArray();

    /// <summary>a(c): one frame's share of the AUC trapezoid (in units of the curve's area, 0 … 1).</summary>
    public static double AucContribution(double ciou)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < Thresholds.Length; i++)
        {
            var left = ciou >= Thresholds[i] ? 1.0 : 0.0;
            var right = ciou >= Thresholds[i + 1] ? 1.0 : 0.0;
            sum += (Thresholds[i + 1] - Thresholds[i]) * (left + right) / 2.0;
        }
        return sum;
    }
}
