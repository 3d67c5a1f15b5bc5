using System.Text.Json;

namespace AvatarTools.Core.Dataset;

/// <summary>
/// Parses one frame JSON of the released layout, strictly. Unknown keys are ignored and a UTF-8 byte-order mark is
/// accepted; anything the protocol cannot score throws an <see cref="AvatarDataException"/> that names the file: bad JSON
/// (InvalidFrameJson, also for an object with a duplicate key, naming it), missing keys, an unknown task, an odd polygon, a
/// non-positive size, or an empty <c>annotations</c> list (EmptyAnnotations: such a frame has no instance at all, so it is
/// not an Off-Screen frame either, and is kept out of every group).
/// </summary>
public static class FrameJsonReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public readonly record struct FrameContent(int Width, int Height, IReadOnlyList<AvatarInstance> Instances);

    public static FrameContent Read(string path, ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Span.StartsWith(Utf8Bom))
        {
            utf8 = utf8[Utf8Bom.Length..];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException ex)
        {
            throw Invalid(path, "InvalidFrameJson", $"not valid JSON ({ex.Message})", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, "InvalidFrameJson", "expected a JSON object with original_width, original_height and annotations");
            }
            RejectDuplicateKeys(path, root, "the frame object");
            var width = ReadSize(path, root, "original_width");
            var height = ReadSize(path, root, "original_height");
            if (!root.TryGetProperty("annotations", out var annotations) || annotations.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(path, "MissingFrameKey", "the required key 'annotations' (an array) is missing");
            }
            if (annotations.GetArrayLength() == 0)
            {
                throw Invalid(path, "EmptyAnnotations",
                    "'annotations' is empty: a labelled frame needs at least one annotation (an Off-Screen frame has an Off-Screen one); the frame is left out of every group");
            }
            var instances = new List<AvatarInstance>(annotations.GetArrayLength());
            var number = 0;
            foreach (var annotation in annotations.EnumerateArray())
            {
                instances.Add(ReadInstance(path, annotation, number++));
            }
            return new FrameContent(width, height, instances);
        }
    }

    private static int ReadSize(string path, JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var element))
        {
            throw Invalid(path, "MissingFrameKey", $"the required key '{key}' is missing");
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || value != Math.Floor(value))
        {
            throw Invalid(path, "InvalidFrameSize", $"'{key}' must be a positive integer; got {element.GetRawText()}");
        }
        if (value <= 0 || value > 100_000)
        {
            throw Invalid(path, "InvalidFrameSize", $"'{key}' must be a positive integer of at most 100000; got {element.GetRawText()}");
        }
        return (int)value;
    }

    private static AvatarInstance ReadInstance(string path, JsonElement annotation, int number)
    {
        if (annotation.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "InvalidFrameJson", $"annotation {number} is not an object");
        }
        if (!annotation.TryGetProperty("task", out var taskElement) || taskElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, "MissingFrameKey", $"annotation {number} lacks the required string 'task'");
        }
        var task = taskElement.GetString();
        if (!ScenarioNames.TryParseTask(task, out var scenario))
        {
            throw Invalid(path, "UnknownTask",
                $"annotation {number} has task '{task}'; allowed values are {string.Join(", ", ScenarioNames.TaskStrings.Select(t => $"'{t}'"))}");
        }
        if (!annotation.TryGetProperty("audio_visual_category", out var categoryElement) || categoryElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, "MissingFrameKey", $"annotation {number} lacks the required string 'audio_visual_category'");
        }
        var category = categoryElement.GetString()!;

        BoundingBox? box = null;
        if (annotation.TryGetProperty("bbox", out var boxElement) && boxElement.ValueKind == JsonValueKind.Array && boxElement.GetArrayLength() > 0)
        {
            var values = ReadNumbers(path, boxElement, $"annotation {number} bbox");
            if (values.Length != 4)
            {
                throw Invalid(path, "InvalidBoundingBox", $"annotation {number} bbox must be [x, y, w, h]; got {values.Length} numbers");
            }
            box = new BoundingBox(values[0], values[1], values[2], values[3]);
        }

        var polygons = new List<double[]>();
        if (annotation.TryGetProperty("segmentation", out var segmentation) && segmentation.ValueKind != JsonValueKind.Null)
        {
            if (segmentation.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(path, "InvalidPolygon", $"annotation {number} segmentation must be a list of polygons [[x1, y1, x2, y2, ...], ...]");
            }
            var polygonNumber = 0;
            foreach (var polygon in segmentation.EnumerateArray())
            {
                if (polygon.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid(path, "InvalidPolygon", $"annotation {number} polygon {polygonNumber} must be a list of numbers [x1, y1, x2, y2, ...]");
                }
                var coordinates = ReadNumbers(path, polygon, $"annotation {number} polygon {polygonNumber}");
                if (coordinates.Length % 2 != 0)
                {
                    throw Invalid(path, "InvalidPolygon",
                        $"annotation {number} polygon {polygonNumber} has an odd number of coordinates ({coordinates.Length}); expected x, y pairs");
                }
                if (coordinates.Length > 0)
                {
                    polygons.Add(coordinates);
                }
                polygonNumber++;
            }
        }
        return new AvatarInstance(category, scenario, box, polygons);
    }

    /// <summary>InvalidFrameJson for the first key that appears twice in an object of the document (JSON allows it; the protocol cannot).</summary>
    private static void RejectDuplicateKeys(string path, JsonElement element, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? seen = null;
                foreach (var property in element.EnumerateObject())
                {
                    seen ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!seen.Add(property.Name))
                    {
                        throw Invalid(path, "InvalidFrameJson", $"{where} has the key '{property.Name}' twice; each key may appear once");
                    }
                    RejectDuplicateKeys(path, property.Value, $"'{property.Name}'");
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        RejectDuplicateKeys(path, item, $"{where}[{index}]");
                    }
                    index++;
                }
                break;
        }
    }

    private static double[] ReadNumbers(string path, JsonElement array, string what)
    {
        var values = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw Invalid(path, "InvalidPolygon", $"{what} holds {item.GetRawText()} where a finite number is expected");
            }
            values[i++] = value;
        }
        return values;
    }

    private static AvatarDataException Invalid(string path, string errorId, string message, Exception? inner = null) =>
        new(errorId, AvatarErrorKind.InvalidData, path, message, inner);
}
