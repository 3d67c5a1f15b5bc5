namespace AvatarTools.Core.Scoring;

/// <summary>
/// Each table metric as 100 × the mean of a per-frame value v(frame):
/// CIoU: v = cIoU; Success50: v = 1 when cIoU ≥ 0.5, else 0; TNRate: v = 1 for a true negative, else 0; and AUC:
/// v = a(cIoU) with a(c) = Σ_{i=0}^{19} (t_{i+1} − t_i) · ([c ≥ t_i] + [c ≥ t_{i+1}]) / 2 at t_i = 0.05·i. The last holds
/// because the trapezoid of s(t_i) = #{c_k ≥ t_i} / K is linear in the indicator counts: it is the mean of a over the frames.
/// </summary>
internal static class FrameMetricValues
{
    private static readonly double[] Thresholds = ScoreMetrics.AucThresholds.ToArray();

    /// <summary>The metrics of an on-screen row, then those of the Off-Screen row.</summary>
    public static readonly TableMetric[] OnScreen = { TableMetric.CIoU, TableMetric.AUC, TableMetric.Success50 };

    /// <summary>The metric of the Off-Screen row.</summary>
    public static readonly TableMetric[] OffScreen = { TableMetric.TNRate };

    /// <summary>The metrics a row of this kind carries.</summary>
    public static TableMetric[] For(ScoreGroupKind kind) => kind == ScoreGroupKind.OffScreen ? OffScreen : OnScreen;

    /// <summary>v(frame) for <paramref name="metric"/>.</summary>
    public static double Value(FrameScore score, TableMetric metric) => metric switch
    {
        TableMetric.CIoU => score.CIoU,
        TableMetric.AUC => AucContribution(score.CIoU),
        TableMetric.Success50 => score.CIoU >= 0.5 ? 1.0 : 0.0,
        TableMetric.TNRate => score.TrueNegative == true ? 1.0 : 0.0,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

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

    /// <summary>The row's own value of <paramref name="metric"/> (null when the row does not carry it).</summary>
    public static double? Of(AvatarScore row, TableMetric metric) => metric switch
    {
        TableMetric.CIoU => row.CIoU,
        TableMetric.AUC => row.AUC,
        TableMetric.Success50 => row.Success50,
        TableMetric.TNRate => row.TNRate,
        _ => null,
    };
}
