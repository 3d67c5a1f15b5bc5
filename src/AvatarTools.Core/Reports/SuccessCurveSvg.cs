using System.Globalization;
using System.Text;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Reports;

/// <summary>One curve of a success plot: a label, a colour and the cIoU values (in [0, 1]) of its frames.</summary>
/// <summary>With <paramref name="Intervals"/>, the interval of s(t_i) at each protocol threshold, drawn as an error bar.</summary>
internal sealed record SuccessSeries(string Label, RgbColor Color, IReadOnlyList<double> Values, IReadOnlyList<(double Lower, double Upper)?>? Intervals = null);

/// <summary>
/// An inline SVG of success curves s(t) = #{cIoU ≥ t} / K sampled at the protocol's t_i = 0.05·i and joined by straight
/// lines, so that the area under each drawn curve is exactly the AUC the legend prints (the trapezoid rule of
/// <see cref="ScoreMetrics.AucPercent"/>).
/// </summary>
internal static class SuccessCurveSvg
{
    public const double PlotLeft = 50;
    public const double PlotTop = 28;
    public const double PlotWidth = 300;
    public const double PlotHeight = 200;
    private const double Width = PlotLeft + PlotWidth + 24;
    private const double LegendTop = PlotTop + PlotHeight + 44;
    private const double LegendLine = 16;

    /// <summary>The success rate at each protocol threshold t_i = 0.05·i (the exact doubles of <see cref="ScoreMetrics.AucThresholds"/>).</summary>
    public static double[] SuccessRates(IReadOnlyList<double> values)
    {
        var thresholds = ScoreMetrics.AucThresholds;
        var rates = new double[thresholds.Count];
        for (var i = 0; i < thresholds.Count; i++)
        {
            var count = 0;
            foreach (var value in values)
            {
                if (value >= thresholds[i])
                {
                    count++;
                }
            }
            rates[i] = values.Count == 0 ? 0 : (double)count / values.Count;
        }
        return rates;
    }

    /// <summary>The polyline points "x,y x,y …" of the curve, two decimals: x = left + t·width, y = top + (1 − s)·height.</summary>
    public static string Points(IReadOnlyList<double> values)
    {
        var rates = SuccessRates(values);
        var thresholds = ScoreMetrics.AucThresholds;
        var builder = new StringBuilder();
        for (var i = 0; i < rates.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }
            builder.Append(Number(PlotLeft + (thresholds[i] * PlotWidth))).Append(',').Append(Number(PlotTop + ((1 - rates[i]) * PlotHeight)));
        }
        return builder.ToString();
    }

    public static string Render(string title, IReadOnlyList<SuccessSeries> series)
    {
        var height = LegendTop + (series.Count * LegendLine) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"curve\" width=\"{Number(Width)}\" height=\"{Number(height)}\" viewBox=\"0 0 {Number(Width)} {Number(height)}\" role=\"img\" aria-label=\"{Html.Encode(title)} success curves\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(PlotLeft + (PlotWidth / 2))}\" y=\"16\" text-anchor=\"middle\" class=\"title\">{Html.Encode(title)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Number(PlotLeft)}\" y=\"{Number(PlotTop)}\" width=\"{Number(PlotWidth)}\" height=\"{Number(PlotHeight)}\" fill=\"none\" stroke=\"#888\" />\n");
        for (var tick = 0; tick <= 5; tick++)
        {
            var value = tick / 5.0;
            var x = PlotLeft + (value * PlotWidth);
            var y = PlotTop + ((1 - value) * PlotHeight);
            var label = value.ToString("0.0", CultureInfo.InvariantCulture);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Number(x)}\" y1=\"{Number(PlotTop)}\" x2=\"{Number(x)}\" y2=\"{Number(PlotTop + PlotHeight)}\" stroke=\"#ddd\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Number(PlotLeft)}\" y1=\"{Number(y)}\" x2=\"{Number(PlotLeft + PlotWidth)}\" y2=\"{Number(y)}\" stroke=\"#ddd\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(x)}\" y=\"{Number(PlotTop + PlotHeight + 14)}\" text-anchor=\"middle\">{label}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(PlotLeft - 6)}\" y=\"{Number(y + 4)}\" text-anchor=\"end\">{label}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(PlotLeft + (PlotWidth / 2))}\" y=\"{Number(PlotTop + PlotHeight + 30)}\" text-anchor=\"middle\">cIoU threshold t</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{Number(PlotTop + (PlotHeight / 2))}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Number(PlotTop + (PlotHeight / 2))})\">success rate</text>\n");
        for (var i = 0; i < series.Count; i++)
        {
            var item = series[i];
            var color = item.Color.ToHex();
            var auc = ScoreMetrics.AucPercent(item.Values);
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"success\" data-series=\"{Html.Encode(item.Label)}\" data-frames=\"{item.Values.Count}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{Points(item.Values)}\" />\n");
            if (item.Intervals is { } intervals)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<g class=\"errorbars\" data-series=\"{Html.Encode(item.Label)}\" stroke=\"{color}\">");
                var thresholds = ScoreMetrics.AucThresholds;
                for (var k = 0; k < intervals.Count && k < thresholds.Count; k++)
                {
                    if (intervals[k] is not { } bounds)
                    {
                        continue;
                    }
                    var x = Number(PlotLeft + (thresholds[k] * PlotWidth));
                    var top = Number(PlotTop + ((1 - bounds.Upper) * PlotHeight));
                    var bottom = Number(PlotTop + ((1 - bounds.Lower) * PlotHeight));
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<line class=\"errorbar\" data-t=\"{thresholds[k].ToString("0.00", CultureInfo.InvariantCulture)}\" data-lower=\"{bounds.Lower.ToString("0.####", CultureInfo.InvariantCulture)}\" data-upper=\"{bounds.Upper.ToString("0.####", CultureInfo.InvariantCulture)}\" x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{bottom}\" stroke-width=\"1\" />");
                }
                svg.Append("</g>\n");
            }
            var legendY = LegendTop + (i * LegendLine);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Number(PlotLeft)}\" y1=\"{Number(legendY - 4)}\" x2=\"{Number(PlotLeft + 20)}\" y2=\"{Number(legendY - 4)}\" stroke=\"{color}\" stroke-width=\"3\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"legend\" x=\"{Number(PlotLeft + 26)}\" y=\"{Number(legendY)}\">{Html.Encode(item.Label)}: AUC {Html.Number(auc)} (n = {item.Values.Count})</text>\n");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
