namespace AvatarTools.Core.Scoring;

/// <summary>
/// The paired randomization test of "no difference" used by <see cref="PairedComparison"/>. Every table metric is
/// 100 × a mean of per-frame values over the group's N frames, so the difference of two models on the same frames is
/// 100 / N · Σ_c D_c, with D_c the clip sum of the per-frame differences. Under the null hypothesis that within each clip the
/// two models' scores are exchangeable (swapping the models' outputs on a clip is as likely as not), swapping them on a clip
/// negates its D_c: T(ε) = Σ_c ε_c D_c, ε_c = ±1, has the observed T = T(1, …, 1) as one of 2^C equally likely values.
/// The two-sided p-value is #{ε : |T(ε)| ≥ |T|} / 2^C, enumerated exactly when C ≤ 16 or 2^C ≤ the number of resamples, else estimated
/// from B random sign vectors as (1 + #{b : |T(ε_b)| ≥ |T|}) / (B + 1) (Phipson and Smyth 2010: never 0, and valid).
/// Comparisons allow a tolerance of 1e-9 · Σ_c |D_c| for rounding. All D_c = 0 (a model compared with itself) gives p = 1.
/// </summary>
internal static class SignFlipTest
{
    /// <summary>Groups of at most this many clips are enumerated exactly (2^16 sign vectors), whatever the number of resamples.</summary>
    public const int ExactClips = 16;

    /// <summary>Whether a group of <paramref name="clips"/> clips is enumerated exactly: C ≤ 16, or 2^C ≤ <paramref name="resamples"/>.</summary>
    public static bool IsExact(int clips, int resamples) => clips <= ExactClips || (clips < 31 && (1L << clips) <= resamples);

    /// <summary>The tolerance |T(ε)| is compared with: |T| − 1e-9 · Σ |D_c|.</summary>
    public static double Bound(IReadOnlyList<double> clipDifferences)
    {
        var observed = 0.0;
        var scale = 0.0;
        foreach (var d in clipDifferences)
        {
            observed += d;
            scale += Math.Abs(d);
        }
        return Math.Abs(observed) - (1e-9 * scale);
    }

    /// <summary>The exact p-value over all 2^C sign vectors.</summary>
    public static double Exact(IReadOnlyList<double> clipDifferences)
    {
        var clips = clipDifferences.Count;
        var bound = Bound(clipDifferences);
        long extreme = 0;
        var total = 1L << clips;
        for (long mask = 0; mask < total; mask++)
        {
            var t = 0.0;
            for (var c = 0; c < clips; c++)
            {
                t += ((mask >> c) & 1) == 0 ? clipDifferences[c] : -clipDifferences[c];
            }
            if (Math.Abs(t) >= bound)
            {
                extreme++;
            }
        }
        return (double)extreme / total;
    }

    /// <summary>The Monte Carlo p-value from the count of sampled sign vectors at least as extreme.</summary>
    public static double Sampled(long extreme, int resamples) => (1.0 + extreme) / (resamples + 1.0);
}
