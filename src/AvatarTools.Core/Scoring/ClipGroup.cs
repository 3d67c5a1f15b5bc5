namespace AvatarTools.Core.Scoring;

/// <summary>
/// One group of frames (a table row) as the clip bootstrap sees it: for each clip that holds frames of the group, the number
/// of those frames and, per metric, the sum of their per-frame values. A replicate's value of a metric is
/// 100 × Σ_c w_c · sum_c / Σ_c w_c · frames_c, with w_c the times clip c was drawn.
/// </summary>
internal sealed class ClipGroup
{
    private ClipGroup(int[] clips, double[] frames, double[][] sums)
    {
        Clips = clips;
        Frames = frames;
        Sums = sums;
        Interleaved = new double[clips.Length * sums.Length];
        for (var e = 0; e < clips.Length; e++)
        {
            for (var m = 0; m < sums.Length; m++)
            {
                Interleaved[(e * sums.Length) + m] = sums[m][e];
            }
        }
    }

    /// <summary>The clip indices (into the run's clips) that hold frames of the group, ascending.</summary>
    public int[] Clips { get; }

    /// <summary>Per entry of <see cref="Clips"/>: the group's frames in that clip.</summary>
    public double[] Frames { get; }

    /// <summary>Per metric, then per entry of <see cref="Clips"/>: the sum of the per-frame values.</summary>
    public double[][] Sums { get; }

    /// <summary>The same sums entry by entry (entry e, metric m at e · metrics + m), as the resampling loop reads them.</summary>
    public double[] Interleaved { get; }

    /// <summary>The group's clip sums from its frames, each given as (clip index, per-metric values).</summary>
    public static ClipGroup Of(IEnumerable<(int Clip, double[] Values)> frames, int metrics)
    {
        var byClip = new SortedDictionary<int, (double Frames, double[] Sums)>();
        foreach (var (clip, values) in frames)
        {
            if (!byClip.TryGetValue(clip, out var entry))
            {
                entry = (0, new double[metrics]);
            }
            for (var m = 0; m < metrics; m++)
            {
                entry.Sums[m] += values[m];
            }
            byClip[clip] = (entry.Frames + 1, entry.Sums);
        }
        var clips = byClip.Keys.ToArray();
        var counts = byClip.Values.Select(entry => entry.Frames).ToArray();
        var sums = Enumerable.Range(0, metrics).Select(m => byClip.Values.Select(entry => entry.Sums[m]).ToArray()).ToArray();
        return new ClipGroup(clips, counts, sums);
    }
}
