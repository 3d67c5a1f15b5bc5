using System.Globalization;
using System.Text;
using System.Text.Json;
using AvatarTools.Core.IO;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// Reads and writes calibrations as JSON (by default <c>heatmap_threshold.json</c>, the name of the official evaluator's file):
/// <code>
/// { "format": "AvatarTools.Calibration", "version": 1,
///   "calibrations": [ { "model": "EZ-VSL", "topFraction": 0.1, "threshold": 0.4237, "frames": 24266, "pixels": 5590886400,
///                       "predictedPixels": 559088640, "predictedFraction": 0.1, "tieRule": "AtLeast",
///                       "grid": [360, 640], "interpolation": "Bilinear" } ] }
/// </code>
/// <c>threshold</c> is the float32 τ written as the shortest decimal that reads back to the same float32.
/// <c>predictedFraction</c> is informative (it is recomputed from the counts when read).
/// </summary>
public static class CalibrationFile
{
    /// <summary>The default file name, as the official evaluator names its thresholds file.</summary>
    public const string DefaultFileName = "heatmap_threshold.json";

    private const string FormatName = "AvatarTools.Calibration";
    private const int Version = 1;

    /// <summary>The file a -Path names: the path itself, or <see cref="DefaultFileName"/> inside it when it is a folder.</summary>
    public static string ResolvePath(string path) =>
        Directory.Exists(path) ? Path.Combine(path, DefaultFileName) : path;

    /// <summary>Writes the calibrations (atomically: a temporary file in the same folder, then renamed).</summary>
    public static void Write(string path, IEnumerable<AvatarCalibration> calibrations) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("version", Version);
            writer.WriteStartArray("calibrations");
            foreach (var calibration in calibrations)
            {
                writer.WriteStartObject();
                writer.WriteString("model", calibration.Model);
                writer.WriteNumber("topFraction", calibration.TopFraction);
                writer.WritePropertyName("threshold");
                writer.WriteRawValue(ThresholdText(calibration.ThresholdSingle));
                writer.WriteNumber("frames", calibration.Frames);
                writer.WriteNumber("pixels", calibration.Pixels);
                writer.WriteNumber("predictedPixels", calibration.PredictedPixels);
                writer.WriteNumber("predictedFraction", calibration.PredictedFraction);
                writer.WriteString("tieRule", calibration.TieRule.ToString());
                writer.WriteStartArray("grid");
                writer.WriteNumberValue(calibration.GridHeight);
                writer.WriteNumberValue(calibration.GridWidth);
                writer.WriteEndArray();
                writer.WriteString("interpolation", calibration.Interpolation.ToString());
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    /// <summary>Reads a calibration file; <see cref="AvatarDataException"/> (InvalidCalibrationFile, CalibrationFileNotFound) names the file and the fault.</summary>
    public static IReadOnlyList<AvatarCalibration> Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AvatarDataException("CalibrationFileNotFound", AvatarErrorKind.NotFound, path,
                $"does not exist; expected a calibration file written by Measure-AvatarThreshold -Path (e.g. {DefaultFileName})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AvatarDataException("CalibrationFileUnreadable", AvatarErrorKind.NotFound, path, $"cannot be read ({ex.Message})", ex);
        }
        try
        {
            using var document = JsonDocument.Parse(Utf8WithoutBom(bytes));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != FormatName)
            {
                throw Invalid(path, $"is not an AvatarTools calibration file (expected an object with \"format\": \"{FormatName}\")");
            }
            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number) || number != Version)
            {
                throw Invalid(path, $"has an unsupported version; this AvatarTools reads version {Version}");
            }
            if (!root.TryGetProperty("calibrations", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(path, "lacks the array 'calibrations'");
            }
            var result = new List<AvatarCalibration>();
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                result.Add(ReadOne(path, item, index++));
            }
            return result;
        }
        catch (JsonException ex)
        {
            throw Invalid(path, $"is not valid JSON ({ex.Message})", ex);
        }
    }

    private static AvatarCalibration ReadOne(string path, JsonElement item, int index)
    {
        string where = $"calibrations[{index}]";
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"{where} is not an object");
        }
        var model = String(path, item, where, "model");
        var fraction = Number(path, item, where, "topFraction");
        if (!(fraction > 0 && fraction < 1))
        {
            throw Invalid(path, $"{where}.topFraction must lie in (0, 1); got {fraction.ToString(CultureInfo.InvariantCulture)}");
        }
        var threshold = Number(path, item, where, "threshold");
        var frames = Number(path, item, where, "frames");
        var pixels = Number(path, item, where, "pixels");
        var predicted = Number(path, item, where, "predictedPixels");
        if (frames < 1 || pixels < 1 || predicted < 0 || predicted > pixels || frames != Math.Floor(frames) || pixels != Math.Floor(pixels) || predicted != Math.Floor(predicted))
        {
            throw Invalid(path, $"{where}: frames, pixels and predictedPixels must be whole numbers with frames ≥ 1 and 0 ≤ predictedPixels ≤ pixels");
        }
        var tieRule = Enum<TieRule>(path, item, where, "tieRule");
        var interpolation = Enum<UpsampleMode>(path, item, where, "interpolation");
        if (!item.TryGetProperty("grid", out var grid) || grid.ValueKind != JsonValueKind.Array || grid.GetArrayLength() != 2
            || !grid[0].TryGetInt32(out var height) || !grid[1].TryGetInt32(out var width) || height < 1 || width < 1)
        {
            throw Invalid(path, $"{where}.grid must be [height, width] in pixels, e.g. [360, 640]");
        }
        if ((long)frames * height * width != (long)pixels)
        {
            throw Invalid(path, $"{where}: pixels ({pixels}) must equal frames × grid height × grid width ({(long)frames * height * width})");
        }
        return new AvatarCalibration
        {
            Model = model,
            TopFraction = fraction,
            Threshold = (float)threshold,
            Frames = (int)frames,
            Pixels = (long)pixels,
            PredictedPixels = (long)predicted,
            TieRule = tieRule,
            GridHeight = height,
            GridWidth = width,
            Interpolation = interpolation,
        };
    }

    /// <summary>The float32 written as the shortest decimal that reads back (as double, then float32) to the same value.</summary>
    internal static string ThresholdText(float value)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentException($"A calibrated threshold must be finite; got {value}.", nameof(value));
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('E') || text.Contains('.') ? text : text + ".0";
    }

    private static ReadOnlyMemory<byte> Utf8WithoutBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsMemory(3) : bytes;

    private static string String(string path, JsonElement item, string where, string key) =>
        item.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(value.GetString())
            ? value.GetString()!
            : throw Invalid(path, $"{where} lacks the non-empty string '{key}'");

    private static double Number(string path, JsonElement item, string where, string key) =>
        item.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw Invalid(path, $"{where} lacks the finite number '{key}'");

    private static T Enum<T>(string path, JsonElement item, string where, string key)
        where T : struct, Enum
    {
        var text = String(path, item, where, key);
        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw Invalid(path, $"{where}.{key} is '{text}'; accepted values are {string.Join(", ", System.Enum.GetNames<T>())}");
    }

    private static AvatarDataException Invalid(string path, string message, Exception? inner = null) =>
        new("InvalidCalibrationFile", AvatarErrorKind.InvalidData, path, message, inner);
}
