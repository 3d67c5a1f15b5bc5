using MathNet.Numerics.Statistics;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The clip bootstrap of the table's metrics. Frames of one clip are not independent (AVATAR labels about five per clip),
/// so the unit resampled is the clip: a replicate draws C clips with replacement from the C clips of the run and every
/// group (row) of that replicate is computed on the frames of the drawn clips, each clip counted as often as it was drawn.
/// All rows of a model and threshold therefore come from the same re-drawn benchmark, and a frame that sits in several
/// groups (Single-Sound and Multi-Entity) enters them together with its clip. A group none of whose clips was drawn has no
/// value in that replicate; its interval rests on the replicates that drew it (counted in <c>Resamples</c>).
/// The interval is the percentile bootstrap (Efron and Tibshirani 1993, ch. 13): the α/2 and 1 − α/2 quantiles of the
/// replicate values, α = 1 − level, with the quantile of linear interpolation between order statistics (Hyndman and Fan's
/// type 7, NumPy's default: h = (B − 1)·q, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋) of the ascending values).
/// Resampling works on the per-frame scores only: no map is scored again.
/// </summary>
internal static class ClipBootstrap
{
    /// <summary>The fewest clips a group needs for an interval: one clip has no spread between clips to resample.</summary>
    public const int MinimumClips = 2;

    /// <summary>
    /// The replicate values of every group: result[g][m] holds, for each of the <paramref name="resamples"/> replicates in
    /// which group g drew at least one frame (in replicate order), 100 × Σ w·sum_m / Σ w·frames.
    /// </summary>
    public static double[][][] Replicates(int clipCount, IReadOnlyList<ClipGroup> groups, IClipDraws draws, int resamples,
        CancellationToken cancellationToken = default)
    {
        var weights = new int[clipCount];
        var values = new double[groups.Count][][];
        var kept = new int[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            values[g] = Enumerable.Range(0, groups[g].Sums.Length).Select(_ => new double[resamples]).ToArray();
        }
        var sums = new double[groups.Count == 0 ? 0 : groups.Max(group => group.Sums.Length)];
        for (var b = 0; b < resamples; b++)
        {
            if ((b & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            draws.DrawClips(weights);
            for (var g = 0; g < groups.Count; g++)
            {
                var group = groups[g];
                var metrics = group.Sums.Length;
                var frames = 0.0;
                Array.Clear(sums);
                var clips = group.Clips;
                var counts = group.Frames;
                var interleaved = group.Interleaved;
                for (var e = 0; e < clips.Length; e++)
                {
                    var w = weights[clips[e]];
                    if (w == 0)
                    {
                        continue;
                    }
                    frames += w * counts[e];
                    var offset = e * metrics;
                    for (var m = 0; m < metrics; m++)
                    {
                        sums[m] += w * interleaved[offset + m];
                    }
                }
                if (frames > 0)
                {
                    for (var m = 0; m < metrics; m++)
                    {
                        values[g][m][kept[g]] = 100 * (sums[m] / frames);
                    }
                    kept[g]++;
                }
            }
        }
        for (var g = 0; g < groups.Count; g++)
        {
            for (var m = 0; m < values[g].Length; m++)
            {
                Array.Resize(ref values[g][m], kept[g]);
            }
        }
        return values;
    }

    /// <summary>The percentile interval at <paramref name="level"/> of the replicate values; null when there are none.</summary>
    public static (double Lower, double Upper)? Percentile(IReadOnlyList<double> replicates, double level)
    {
        if (replicates.Count == 0)
        {
            return null;
        }
        var sorted = replicates.ToArray();
        Array.Sort(sorted);
        var alpha = 1 - level;
        return (SortedArrayStatistics.QuantileCustom(sorted, alpha / 2, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(sorted, 1 - (alpha / 2), QuantileDefinition.R7));
    }
}
