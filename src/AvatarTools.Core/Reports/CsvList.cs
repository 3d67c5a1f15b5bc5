using System.Text.Encodings.Web;
using System.Text.Json;

namespace AvatarTools.Core.Reports;

/// <summary>
/// The list-valued columns of the report's CSV files: a JSON array of strings in one field, e.g.
/// <c>["playing violin","a;b, \"c\""]</c>, which CSV quotes like any field. Every name round-trips, whatever it holds
/// (';', ',', quotes, newlines): read the field with any CSV reader, then parse it as JSON (PowerShell
/// <c>ConvertFrom-Json</c>, Python <c>json.loads</c>, pandas <c>.apply(json.loads)</c>). An empty list is <c>[]</c>.
/// </summary>
public static class CsvList
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The field for <paramref name="items"/>.</summary>
    public static string Format(IEnumerable<string> items) => JsonSerializer.Serialize(items.ToArray(), Options);

    /// <summary>The items of a field written by <see cref="Format"/>.</summary>
    /// <exception cref="FormatException">The field is not a JSON array of strings.</exception>
    public static IReadOnlyList<string> Parse(string field)
    {
        try
        {
            var items = JsonSerializer.Deserialize<string?[]>(field);
            if (items is null || items.Any(item => item is null))
            {
                throw new FormatException($"'{field}' is not a JSON array of strings.");
            }
            return items!;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"'{field}' is not a JSON array of strings ({ex.Message}).", ex);
        }
    }
}
