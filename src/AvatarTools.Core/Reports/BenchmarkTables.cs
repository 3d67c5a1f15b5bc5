using System.Globalization;
using System.Text;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Reports;

/// <summary>
/// The tables of VGG-SS and Flickr-SoundNet as the papers print them: one table per benchmark, a row per model and
/// protocol, and for Total and each test list the cIoU column (cIoU@0.5 × 100), AUC × 100 and mean cIoU × 100, then the
/// samples and the undefined ones. Read from the rows' Benchmark, GroupKind and GroupName.
/// </summary>
internal static class BenchmarkTables
{
    /// <summary>The columns of each group, as the papers print them: cIoU (cIoU@0.5), AUC, mean cIoU.</summary>
    private static IReadOnlyList<TableMetric> Columns => TableMetric.Image;

    /// <summary>The benchmark's name as the papers write it.</summary>
    public static string DisplayName(Benchmark benchmark) => benchmark switch
    {
        Benchmark.VggSs => "VGG-SS",
        Benchmark.FlickrSoundNet => "Flickr-SoundNet",
        _ => "AVATAR",
    };

    /// <summary>The table's id: <c>benchmark-vggss</c>, <c>benchmark-flickrsoundnet</c>.</summary>
    public static string TableId(Benchmark benchmark) => "benchmark-" + benchmark.ToString().ToLowerInvariant();

    public static void Append(StringBuilder html, IReadOnlyList<AvatarScore> scores)
    {
        foreach (var benchmark in scores.Select(score => score.Benchmark).Where(b => b != Benchmark.Avatar).Distinct())
        {
            var rows = scores.Where(score => score.Benchmark == benchmark).ToList();
            var series = rows.Select(score => (score.Model, score.Protocol)).Distinct().ToList();
            var groups = new List<ScoreGroup> { ScoreGroup.Total };
            groups.AddRange(rows.Where(score => score.GroupKind == ScoreGroupKind.TestList).Select(score => score.GetScoreGroup()).Distinct());
            AvatarScore? Find((string Model, ScoreProtocol Protocol) item, ScoreGroup group) =>
                rows.FirstOrDefault(score => score.Model == item.Model && score.Protocol == item.Protocol && score.GetScoreGroup() == group);

            var name = DisplayName(benchmark);
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Html.Encode(name)}</h2>\n");
            html.Append("<p class=\"note\">cIoU is cIoU@0.5 (the share of samples with cIoU ≥ 0.5, the papers' cIoU or AP50 column), AUC the area under the success curve, mean cIoU the mean, all × 100. A sample without ground truth or prediction (0/0) fails at every threshold; Undefined counts them.</p>\n");
            html.Append(CultureInfo.InvariantCulture, $"<table id=\"{TableId(benchmark)}\">\n<thead>\n<tr><th rowspan=\"2\">Model</th><th rowspan=\"2\">Protocol</th>");
            foreach (var group in groups)
            {
                html.Append(CultureInfo.InvariantCulture, $"<th colspan=\"{Columns.Count}\">{Html.Encode(group.Name)}</th>");
            }
            html.Append("<th rowspan=\"2\">Samples</th><th rowspan=\"2\">Undefined</th></tr>\n<tr>");
            foreach (var _ in groups)
            {
                foreach (var column in Columns)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<th>{Html.Encode(column.Header)}</th>");
                }
            }
            html.Append("</tr>\n</thead>\n<tbody>\n");
            foreach (var item in series)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"model\">{Html.Encode(item.Model)}</td><td>{Html.Encode(item.Protocol.ToString())}</td>");
                foreach (var group in groups)
                {
                    var row = Find(item, group);
                    var key = group.Kind == ScoreGroupKind.Total ? "total" : "list-" + group.Name;
                    foreach (var column in Columns)
                    {
                        var value = row is null ? null : column.Read(row);
                        var (lower, upper) = row is null ? (null, null) : column.ReadBounds(row);
                        html.Append(CultureInfo.InvariantCulture,
                            $"<td class=\"number\" data-column=\"{Html.Encode(key)}-{column.Key}\">{Html.Number(value)}{ReportIntervals.CellMarkup(value, lower, upper, row?.ConfidenceLevel)}</td>");
                    }
                }
                var total = Find(item, groups[0]);
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"number\">{total?.Frames}</td><td class=\"number\">{total?.UndefinedFrames}</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
    }
}
