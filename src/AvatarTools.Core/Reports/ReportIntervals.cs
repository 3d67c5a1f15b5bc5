using System.Globalization;
using System.Text;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Reports;

/// <summary>
/// The bootstrap intervals of the report: the error bar drawn in a table cell (a value on the 0–100 scale with its interval),
/// and the clip-bootstrap interval of each point of a success curve, s(t_i) = #{cIoU ≥ t_i}/K, resampled exactly as the table's
/// intervals are (<see cref="ClipBootstrap"/>: clips with replacement, the percentile interval).
/// </summary>
internal static class ReportIntervals
{
    private const double BarWidth = 60;

    /// <summary>
    /// The interval of s(t_i) at every protocol threshold, from the frames' cIoU and clips; null entries when there are fewer than
    /// two clips. A point whose per-frame indicators are all equal gets [s, s].
    /// </summary>
    public static (double Lower, double Upper)?[] SuccessIntervals(IReadOnlyList<FrameScore> frames, double level, int resamples, int seed)
    {
        var thresholds = ScoreMetrics.AucThresholds;
        var result = new (double Lower, double Upper)?[thresholds.Count];
        var clipIndex = ScoreIntervals.ClipIndex(frames);
        if (clipIndex.Count < ClipBootstrap.MinimumClips)
        {
            return result;
        }
        var group = ClipGroup.Of(frames.Select(score => (clipIndex[score.VideoId],
            thresholds.Select(t => score.CIoU >= t ? 1.0 : 0.0).ToArray())), thresholds.Count);
        var replicates = ClipBootstrap.Replicates(clipIndex.Count, new[] { group }, new ClipDraws(seed), resamples)[0];
        for (var i = 0; i < thresholds.Count; i++)
        {
            var indicators = frames.Select(score => score.CIoU >= thresholds[i]).Distinct().Count();
            if (indicators == 1)
            {
                var s = frames[0].CIoU >= thresholds[i] ? 1.0 : 0.0;
                result[i] = (s, s);
                continue;
            }
            result[i] = ClipBootstrap.Percentile(replicates[i], level) is { } bounds ? (bounds.Lower / 100, bounds.Upper / 100) : null;
        }
        return result;
    }

    /// <summary>
    /// A table cell's interval: the bounds as text and a small SVG error bar on the 0–100 scale (a line from lower to upper with
    /// end ticks and a dot at the value); empty when the row has no interval for the cell.
    /// </summary>
    public static string CellMarkup(double? value, double? lower, double? upper, double? level)
    {
        if (lower is not double low || upper is not double high || !double.IsFinite(low) || !double.IsFinite(high))
        {
            return "";
        }
        static string X(double v) => (Math.Clamp(v, 0, 100) / 100 * BarWidth).ToString("0.##", CultureInfo.InvariantCulture);
        var levelText = level is double l ? (100 * l).ToString("0.#", CultureInfo.InvariantCulture) + " % CI " : "CI ";
        var markup = new StringBuilder();
        markup.Append(CultureInfo.InvariantCulture,
            $"<span class=\"ci\" data-lower=\"{Html.Number(low)}\" data-upper=\"{Html.Number(high)}\" title=\"{levelText}{Html.Number(low)} – {Html.Number(high)}\">[{Html.Number(low)}, {Html.Number(high)}]</span>");
        markup.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"errorbar\" width=\"{BarWidth + 2}\" height=\"10\" viewBox=\"-1 0 {BarWidth + 2} 10\" aria-hidden=\"true\">");
        markup.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(low)}\" y1=\"5\" x2=\"{X(high)}\" y2=\"5\" stroke=\"#555\" />");
        markup.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(low)}\" y1=\"2\" x2=\"{X(low)}\" y2=\"8\" stroke=\"#555\" />");
        markup.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(high)}\" y1=\"2\" x2=\"{X(high)}\" y2=\"8\" stroke=\"#555\" />");
        if (value is double v && double.IsFinite(v))
        {
            markup.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(v)}\" cy=\"5\" r=\"2\" fill=\"#222\" />");
        }
        markup.Append("</svg>");
        return markup.ToString();
    }
}
