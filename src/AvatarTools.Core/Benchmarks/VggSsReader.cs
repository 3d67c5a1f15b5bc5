using System.Text.Json;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.IO;

namespace AvatarTools.Core.Benchmarks;

/// <summary>
/// Reads VGG-SS's <c>vggss.json</c>: a JSON array of objects <c>{"file": "&lt;id&gt;", "class": "&lt;label&gt;",
/// "bbox": [[xmin, ymin, xmax, ymax], …]}</c> with coordinates normalised to [0, 1]. Each box becomes 224-px cells by
/// <see cref="BoxCells.FromVggSs"/> (clipped, so the public file's corrupt values such as −2.9e16 and its degenerate
/// xmin = xmax boxes read as the baselines read them). Unknown keys are ignored.
/// </summary>
/// <remarks>
/// A file that is not a JSON array is one error for the whole file (<c>InvalidVggSsJson</c>). A malformed entry (not an
/// object, a missing or non-string <c>file</c> or <c>class</c>, a <c>bbox</c> that is not a list of four numbers, an id
/// that is not a plain file name, an id seen before) is an <c>InvalidVggSsSample</c> error for that entry only, naming the
/// file, the entry's position and its id. As in Python's <c>json</c>, which the baselines read the file with, the bare tokens
/// <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> are numbers (<see cref="PythonJsonLiterals"/>), and a number too large for a
/// double reads as an infinity; each clips as the baselines clip it (<see cref="BoxCells.FromVggSs"/>).
/// </remarks>
public static class VggSsReader
{
    /// <summary>The annotation file's name in the baselines' layout.</summary>
    public const string FileName = "vggss.json";

    /// <summary>The largest annotation file read (the public one is about 1 MB).</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    private static readonly InputFileErrors Errors = new("VGG-SS annotation", "AnnotationNotFound", "AnnotationUnreadable", "AnnotationTooLarge");

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    /// <summary>Reads every entry of the file, in the file's order.</summary>
    /// <exception cref="AvatarDataException">The file cannot be read or is not a JSON array.</exception>
    public static IReadOnlyList<SampleRecord> Read(string path) => Parse(path, InputFile.ReadAllBytes(path, MaxBytes, Errors));

    /// <summary>Parses the content of a <c>vggss.json</c>; <paramref name="path"/> names it in errors.</summary>
    public static IReadOnlyList<SampleRecord> Parse(string path, ReadOnlyMemory<byte> utf8)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (utf8.Span.StartsWith(bom))
        {
            utf8 = utf8[bom.Length..];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(PythonJsonLiterals.Quote(utf8), Options);
        }
        catch (JsonException ex)
        {
            throw new AvatarDataException("InvalidVggSsJson", AvatarErrorKind.InvalidData, path,
                $"not valid JSON ({ex.Message}); expected an array of {{\"file\", \"class\", \"bbox\": [[xmin, ymin, xmax, ymax], ...]}}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new AvatarDataException("InvalidVggSsJson", AvatarErrorKind.InvalidData, path,
                    $"the top level is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}; expected an array of {{\"file\", \"class\", \"bbox\"}} objects");
            }
            var records = new List<SampleRecord>(document.RootElement.GetArrayLength());
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var position = 0;
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                records.Add(ReadEntry(path, entry, position++, seen));
            }
            return records;
        }
    }

    private static SampleRecord ReadEntry(string path, JsonElement entry, int position, HashSet<string> seen)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return Fail(path, position, null, $"is a JSON {entry.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }
        if (!entry.TryGetProperty("file", out var file) || !IsText(file))
        {
            return Fail(path, position, null, "lacks the string 'file' (the sample id)");
        }
        var id = file.GetString()!;
        if (SampleIds.Problem(id) is { } problem)
        {
            return Fail(path, position, null, problem);
        }
        if (!entry.TryGetProperty("class", out var label) || !IsText(label) || string.IsNullOrWhiteSpace(label.GetString()))
        {
            return Fail(path, position, id, "lacks the string 'class' (the VGGSound label)");
        }
        if (!entry.TryGetProperty("bbox", out var bboxes) || bboxes.ValueKind != JsonValueKind.Array)
        {
            return Fail(path, position, id, "lacks 'bbox', a list of boxes [[xmin, ymin, xmax, ymax], ...]");
        }
        var boxes = new List<BoxCells>(bboxes.GetArrayLength());
        var number = 0;
        foreach (var box in bboxes.EnumerateArray())
        {
            if (box.ValueKind != JsonValueKind.Array || box.GetArrayLength() != 4)
            {
                return Fail(path, position, id, $"box {number} is {Show(box)}; expected [xmin, ymin, xmax, ymax] (four numbers in [0, 1])");
            }
            var values = new double[4];
            var i = 0;
            foreach (var value in box.EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.String && PythonJsonLiterals.Value(value.GetString()) is { } literal)
                {
                    values[i++] = literal;
                    continue;
                }
                if (value.ValueKind != JsonValueKind.Number)
                {
                    return Fail(path, position, id, $"box {number} holds {Show(value)} where a number is expected");
                }
                // A number too large for a double (1e400) reads as an infinity, as Python's json does, and clips to 0 or 1.
                values[i++] = double.Parse(value.GetRawText(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            }
            boxes.Add(BoxCells.FromVggSs(values[0], values[1], values[2], values[3]));
            number++;
        }
        if (!seen.Add(id))
        {
            return Fail(path, position, id, "the id appears in an earlier entry too; each sample may appear once");
        }
        return SampleRecord.Of(new BenchmarkSample(id, label.GetString()!, boxes, path));
    }

    /// <summary>A JSON string that is not one of <see cref="PythonJsonLiterals"/>' markers.</summary>
    private static bool IsText(JsonElement element) =>
        element.ValueKind == JsonValueKind.String && PythonJsonLiterals.Value(element.GetString()) is null;

    private static string Show(JsonElement element)
    {
        var text = PythonJsonLiterals.Restore(element.GetRawText());
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    private static SampleRecord Fail(string path, int position, string? id, string message) =>
        SampleRecord.Failed(SampleIds.Invalid(path, "InvalidVggSsSample",
            id is null ? $"entry {position} {message}" : $"entry {position} ('{id}') {message}"));
}
