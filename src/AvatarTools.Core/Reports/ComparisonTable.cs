using System.Globalization;
using System.Text;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Reports;

/// <summary>
/// The report's comparison table: per model, threshold, group and metric, the paired difference with the reference
/// (<see cref="PairedComparison"/>), its interval (drawn as an error bar around 0 on the table's ± scale) and its p-value.
/// </summary>
internal static class ComparisonTable
{
    public static void Append(StringBuilder html, IReadOnlyList<ScoreComparison> comparisons)
    {
        if (comparisons.Count == 0)
        {
            return;
        }
        var references = comparisons.Select(c => c.Reference).Distinct(StringComparer.Ordinal).ToList();
        var level = comparisons[0].ConfidenceLevel;
        html.Append(CultureInfo.InvariantCulture, $"<h2>Comparison with {Html.Encode(string.Join(", ", references))}</h2>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"note\">Model minus reference on the same frames (× 100), with its {(100 * level).ToString("0.#", CultureInfo.InvariantCulture)} % paired clip-bootstrap interval and the two-sided sign-flip p-value (seed {comparisons[0].Seed}). The bar spans −|d|max … +|d|max; the thin line marks 0.</p>\n");
        var scale = comparisons.Select(c => Math.Max(Math.Abs(c.Lower ?? c.Difference), Math.Abs(c.Upper ?? c.Difference))).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        scale = scale > 0 ? scale : 1;
        var severalFractions = comparisons.Select(c => c.TopFraction).Distinct().Count() > 1;
        html.Append("<table id=\"comparison\">\n<thead>\n<tr><th>Model</th><th>Reference</th>");
        if (severalFractions)
        {
            html.Append("<th>p</th>");
        }
        html.Append("<th>Group</th><th>Metric</th><th>Frames</th><th>Difference</th><th>Interval</th><th>p-value</th></tr>\n</thead>\n<tbody>\n");
        foreach (var c in comparisons)
        {
            var significant = c.Lower is double low && c.Upper is double high && (low > 0 || high < 0);
            html.Append(CultureInfo.InvariantCulture,
                $"<tr data-model=\"{Html.Encode(c.Model)}\" data-group=\"{Html.Encode(c.Group)}\" data-metric=\"{c.Metric}\"><td class=\"model\">{Html.Encode(c.Model)}</td><td>{Html.Encode(c.Reference)}</td>");
            if (severalFractions)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"number\">{Html.Number(c.TopFraction)}</td>");
            }
            html.Append(CultureInfo.InvariantCulture,
                $"<td>{Html.Encode(c.Group)}</td><td>{c.Metric}</td><td class=\"number\">{c.Frames}</td><td class=\"number{(significant ? " best" : "")}\" data-column=\"difference\">{Html.Number(c.Difference)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"number\">{Bar(c, scale)}</td>");
            html.Append(CultureInfo.InvariantCulture,
                $"<td class=\"number\" data-column=\"p\">{c.PValue.ToString(c.PValue < 0.001 ? "0.0e0" : "0.000", CultureInfo.InvariantCulture)}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static string Bar(ScoreComparison c, double scale)
    {
        if (c.Lower is not double low || c.Upper is not double high)
        {
            return Html.Number(null);
        }
        const double half = 40;
        static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        double X(double v) => half + (Math.Clamp(v / scale, -1, 1) * half);
        return $"<span class=\"ci\" data-lower=\"{Html.Number(low)}\" data-upper=\"{Html.Number(high)}\">[{Html.Number(low)}, {Html.Number(high)}]</span>"
            + $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"errorbar\" width=\"{F(2 * half)}\" height=\"10\" viewBox=\"0 0 {F(2 * half)} 10\" aria-hidden=\"true\">"
            + $"<line x1=\"{F(half)}\" y1=\"0\" x2=\"{F(half)}\" y2=\"10\" stroke=\"#bbb\" />"
            + $"<line x1=\"{F(X(low))}\" y1=\"5\" x2=\"{F(X(high))}\" y2=\"5\" stroke=\"#555\" />"
            + $"<line x1=\"{F(X(low))}\" y1=\"2\" x2=\"{F(X(low))}\" y2=\"8\" stroke=\"#555\" />"
            + $"<line x1=\"{F(X(high))}\" y1=\"2\" x2=\"{F(X(high))}\" y2=\"8\" stroke=\"#555\" />"
            + $"<circle cx=\"{F(X(c.Difference))}\" cy=\"5\" r=\"2\" fill=\"#222\" /></svg>";
    }
}
