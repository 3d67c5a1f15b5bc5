using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AvatarTools.Core.Dataset;

/// <summary>
/// A read-only list of names (scenarios, categories, instances) whose <see cref="ToString"/> is its items as a JSON
/// array of strings, enums by name, e.g. <c>["SingleSound","MultiEntity"]</c>: what <c>Export-Csv</c> writes in the
/// cell (it writes a property's <c>ToString()</c>, which for an array is only the type name, <c>System.String[]</c>).
/// It is the same convention as the list columns of the report's frames.csv; read it back with <c>ConvertFrom-Json</c>.
/// </summary>
public sealed class NameList<T> : IReadOnlyList<T>
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly T[] _items;

    public NameList(IEnumerable<T> items) => _items = items.ToArray();

    public T this[int index] => _items[index];

    public int Count => _items.Length;

    /// <summary>The same as <see cref="Count"/>, as for the arrays these lists replace.</summary>
    public int Length => _items.Length;

    public bool Contains(T item) => Array.IndexOf(_items, item) >= 0;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>The items as a JSON array of strings (each item's ToString(), an enum's name).</summary>
    public override string ToString() => JsonSerializer.Serialize(_items.Select(item => item?.ToString() ?? "").ToArray(), Json);
}

/// <summary>Makes <see cref="NameList{T}"/>s.</summary>
public static class NameList
{
    /// <summary><paramref name="items"/> as a name list (the same object when it is one already).</summary>
    public static NameList<T> Of<T>(IEnumerable<T> items) => items as NameList<T> ?? new NameList<T>(items);
}
