using System.Globalization;
using System.Net;

namespace AvatarTools.Core.Reports;

/// <summary>Text helpers for the well-formed (XHTML-compatible) report markup.</summary>
internal static class Html
{
    /// <summary>The dash shown for a missing or undefined number.</summary>
    public const string Missing = "–";

    /// <summary>Text or attribute content with &amp;, &lt;, &gt;, quotes escaped.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A number as the paper's table prints it: two decimals, invariant culture; NaN or null as <see cref="Missing"/>.</summary>
    public static string Number(double? value) =>
        value is double number && double.IsFinite(number) ? number.ToString("F2", CultureInfo.InvariantCulture) : Missing;
}
