using System.Globalization;
using System.Text;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Reports;

/// <summary>The report's negatives table: per model, audio condition and group, pIA, AUC_N, the positive–negative IoU and TN%.</summary>
internal static class NegativeTable
{
    public static void Append(StringBuilder html, IReadOnlyList<NegativeScore> negatives)
    {
        if (negatives.Count == 0)
        {
            return;
        }
        html.Append("<h2>Negative audio</h2>\n<p class=\"note\">Each model's maps with silence, noise or off-screen audio, thresholded at the τ of its positives: pIA is the mean percent of the image predicted (lower is better), AUC_N the area under #{pIA ≤ t}/K (× 100, higher is better), IoU the mean overlap with the frame's positive map (× 100), TN% the Off-Screen frames left empty.</p>\n");
        html.Append("<table id=\"negatives\">\n<thead>\n<tr><th>Model</th><th>Condition</th><th>Group</th><th>Maps</th><th>Repeats</th><th>τ</th><th>pIA</th><th>AUC_N</th><th>IoU</th><th>TN%</th></tr>\n</thead>\n<tbody>\n");
        foreach (var row in negatives)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr data-model=\"{Html.Encode(row.Model)}\" data-condition=\"{row.Condition}\" data-group=\"{Html.Encode(row.Group)}\"><td class=\"model\">{Html.Encode(row.Model)}</td><td>{row.Condition}</td><td>{Html.Encode(row.Group)}</td>");
            html.Append(CultureInfo.InvariantCulture,
                $"<td class=\"number\">{row.Maps}</td><td class=\"number\">{row.Repeats}</td><td class=\"number\">{row.Threshold.ToString("G6", CultureInfo.InvariantCulture)}</td>");
            html.Append(CultureInfo.InvariantCulture,
                $"<td class=\"number\" data-column=\"pia\">{Html.Number(row.PIA)}</td><td class=\"number\" data-column=\"aucn\">{Html.Number(row.AUCN)}</td><td class=\"number\" data-column=\"iou\">{Html.Number(row.IoU)}</td><td class=\"number\" data-column=\"tn\">{Html.Number(row.TNRate)}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }
}
