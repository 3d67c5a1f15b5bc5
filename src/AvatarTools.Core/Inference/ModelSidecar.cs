using AvatarTools.Core.Features;
using System.Globalization;
using System.Text.Json;

namespace AvatarTools.Core.Inference;

/// <summary>
/// Reads a model's JSON sidecar: <c>&lt;model&gt;.onnx.json</c> (the model path plus <c>.json</c>) or
/// <c>&lt;model&gt;.json</c> beside the model. The sidecar is one JSON object; every key is optional and
/// keys are case-insensitive. <c>preset</c> names the starting point (default: <c>EzVsl</c>); the other
/// keys override it:
/// <code>
/// { "preset": "SslTie", "imageInput": "img", "audioInput": "spec", "outputSize": 14 }
/// </code>
/// Keys: <c>preset</c> (EzVsl | Slavc | SslTie | Lvs | Center | AVSync), <c>name</c>, <c>level</c> (Image | Video),
/// <c>imageInput</c>, <c>audioInput</c>, <c>output</c>, <c>imageSize</c>, <c>resize</c> (Squash | ShortSideCenterCrop),
/// <c>interpolation</c> (Bicubic | Bilinear | Nearest), <c>mean</c> and <c>std</c> (three numbers, RGB, applied after /255),
/// <c>sampleRate</c>, <c>windowSeconds</c>, <c>audioWindow</c> (ClipStart | CenteredOnFrame),
/// <c>spectrogram</c> (Linear | Mel | Envelope), <c>nperseg</c>, <c>noverlap</c> (Linear), <c>nFft</c>, <c>hop</c>,
/// <c>melBands</c> (Mel), <c>framesPerClip</c>, <c>frameRate</c> (Video / Envelope), <c>outputLayout</c>
/// (Auto | Maps | ChannelMaps), <c>outputSize</c>, and <c>comment</c> (ignored). The full description of each key is in
/// README (section "Describing your ONNX model"). An unknown key or a bad value is an <see cref="AvatarDataException"/> with id
/// <c>InvalidModelSidecar</c> naming the file and the key.
/// </summary>
public static class ModelSidecar
{
    /// <summary>The error id of a sidecar that cannot be used.</summary>
    public const string ErrorId = "InvalidModelSidecar";

    private delegate ModelDescription Apply(ModelDescription description, JsonElement value, string path, string key);

    private static readonly Dictionary<string, (string Property, Apply Apply)> s_keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["preset"] = (string.Empty, (d, v, p, k) => d),
        ["comment"] = (string.Empty, (d, v, p, k) => d),
        ["name"] = (nameof(ModelDescription.Name), (d, v, p, k) => d with { Name = ReadString(v, p, k) }),
        ["level"] = (nameof(ModelDescription.Level), (d, v, p, k) => d with { Level = ReadEnum<ModelLevel>(v, p, k) }),
        ["imageInput"] = (nameof(ModelDescription.ImageInputName), (d, v, p, k) => d with { ImageInputName = ReadString(v, p, k) }),
        ["audioInput"] = (nameof(ModelDescription.AudioInputName), (d, v, p, k) => d with { AudioInputName = ReadString(v, p, k) }),
        ["output"] = (nameof(ModelDescription.OutputName), (d, v, p, k) => d with { OutputName = v.ValueKind == JsonValueKind.Null ? null : ReadString(v, p, k) }),
        ["imageSize"] = (nameof(ModelDescription.ImageSize), (d, v, p, k) => d with { ImageSize = ReadInt(v, p, k) }),
        ["resize"] = (nameof(ModelDescription.ResizeMode), (d, v, p, k) => d with { ResizeMode = ReadEnum<ImageResizeMode>(v, p, k) }),
        ["interpolation"] = (nameof(ModelDescription.Interpolation), (d, v, p, k) => d with { Interpolation = ReadEnum<ImageInterpolation>(v, p, k) }),
        ["mean"] = (nameof(ModelDescription.Mean), (d, v, p, k) => d with { Mean = ReadTriple(v, p, k) }),
        ["std"] = (nameof(ModelDescription.Std), (d, v, p, k) => d with { Std = ReadTriple(v, p, k) }),
        ["sampleRate"] = (nameof(ModelDescription.SampleRate), (d, v, p, k) => d with { SampleRate = ReadInt(v, p, k) }),
        ["windowSeconds"] = (nameof(ModelDescription.WindowSeconds), (d, v, p, k) => d with { WindowSeconds = ReadDouble(v, p, k) }),
        ["imageBenchmarkWindowSeconds"] = (nameof(ModelDescription.ImageBenchmarkWindowSeconds), (d, v, p, k) => d with { ImageBenchmarkWindowSeconds = v.ValueKind == JsonValueKind.Null ? null : ReadDouble(v, p, k) }),
        ["audioWindow"] = (nameof(ModelDescription.AudioWindow), (d, v, p, k) => d with { AudioWindow = ReadEnum<AudioWindowPlacement>(v, p, k) }),
        ["spectrogram"] = (nameof(ModelDescription.Spectrogram), (d, v, p, k) => d with { Spectrogram = ReadEnum<SpectrogramKind>(v, p, k) }),
        ["nperseg"] = (nameof(ModelDescription.SegmentLength), (d, v, p, k) => d with { SegmentLength = ReadInt(v, p, k) }),
        ["noverlap"] = (nameof(ModelDescription.SegmentOverlap), (d, v, p, k) => d with { SegmentOverlap = ReadInt(v, p, k) }),
        ["nFft"] = (nameof(ModelDescription.FftSize), (d, v, p, k) => d with { FftSize = ReadInt(v, p, k) }),
        ["hop"] = (nameof(ModelDescription.HopLength), (d, v, p, k) => d with { HopLength = ReadInt(v, p, k) }),
        ["melBands"] = (nameof(ModelDescription.MelBands), (d, v, p, k) => d with { MelBands = ReadInt(v, p, k) }),
        ["frameWindow"] = (nameof(ModelDescription.FrameWindow), (d, v, p, k) => d with { FrameWindow = ReadEnum<FrameWindow>(v, p, k) }),
        ["framesPerClip"] = (nameof(ModelDescription.FramesPerClip), (d, v, p, k) => d with { FramesPerClip = ReadInt(v, p, k) }),
        ["frameRate"] = (nameof(ModelDescription.FrameSampleRate), (d, v, p, k) => d with { FrameSampleRate = ReadDouble(v, p, k) }),
        ["outputLayout"] = (nameof(ModelDescription.OutputLayout), (d, v, p, k) => d with { OutputLayout = ReadEnum<HeatmapLayout>(v, p, k) }),
        ["outputSize"] = (nameof(ModelDescription.OutputSize), (d, v, p, k) => d with { OutputSize = v.ValueKind == JsonValueKind.Null ? null : ReadInt(v, p, k) }),
    };

    /// <summary>The keys a sidecar may hold, in their documented spelling.</summary>
    public static IReadOnlyCollection<string> Keys => s_keys.Keys;

    /// <summary>The sidecar beside a model (<c>model.onnx.json</c>, then <c>model.json</c>), or null when there is none.</summary>
    public static string? Find(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        var appended = modelPath + ".json";
        if (File.Exists(appended))
        {
            return appended;
        }
        var replaced = Path.ChangeExtension(modelPath, ".json");
        return File.Exists(replaced) ? replaced : null;
    }

    /// <summary>The description of a model: from its sidecar when there is one, otherwise <paramref name="fallback"/>.</summary>
    public static ModelDescription ForModel(string modelPath, ModelDescription fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return Find(modelPath) is { } sidecar ? Load(sidecar) : fallback;
    }

    /// <summary>Reads a sidecar file.</summary>
    public static ModelDescription Load(string sidecarPath)
    {
        string json;
        try
        {
            json = File.ReadAllText(sidecarPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AvatarDataException(ErrorId, AvatarErrorKind.NotFound, sidecarPath, $"The sidecar cannot be read: {exception.Message}", exception);
        }
        return Parse(json, sidecarPath);
    }

    /// <summary>Parses sidecar text; <paramref name="sidecarPath"/> names the file in errors.</summary>
    public static ModelDescription Parse(string json, string sidecarPath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw Error(sidecarPath, $"The sidecar is not valid JSON: {exception.Message}", exception);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(sidecarPath, $"The sidecar must be a JSON object; it is {root.ValueKind}.");
            }
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in root.EnumerateObject())
            {
                if (!s_keys.ContainsKey(property.Name))
                {
                    throw Error(sidecarPath, $"Unknown key '{property.Name}'; known keys: {string.Join(", ", s_keys.Keys)}.");
                }
                if (!seen.Add(property.Name))
                {
                    throw Error(sidecarPath, $"Key '{property.Name}' appears twice.");
                }
            }

            var description = ModelPresets.EzVsl;
            var presetSet = false;
            if (TryGet(root, "preset", out var preset))
            {
                var name = ReadString(preset, sidecarPath, "preset");
                if (!ModelPresets.All.TryGetValue(name, out var found))
                {
                    throw Error(sidecarPath, $"Key 'preset': unknown preset '{name}'; known: {string.Join(", ", ModelPresets.All.Keys)}.");
                }
                description = found;
                presetSet = true;
            }
            if (!presetSet)
            {
                description = description with { Name = Path.GetFileNameWithoutExtension(SidecarModelName(sidecarPath)) };
            }
            foreach (var property in root.EnumerateObject())
            {
                var (_, apply) = s_keys[property.Name];
                description = apply(description, property.Value, sidecarPath, property.Name);
            }
            try
            {
                description.Validate();
            }
            catch (ArgumentException exception)
            {
                var key = s_keys.FirstOrDefault(pair => pair.Value.Property == exception.ParamName).Key ?? exception.ParamName;
                throw Error(sidecarPath, $"Key '{key}': {exception.Message.Split(" (Parameter")[0]}", exception);
            }
            return description;
        }
    }

    private static string SidecarModelName(string sidecarPath)
    {
        var withoutJson = Path.GetFileNameWithoutExtension(sidecarPath);
        return withoutJson.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? withoutJson : withoutJson + ".onnx";
    }

    private static bool TryGet(JsonElement root, string key, out JsonElement value)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string ReadString(JsonElement value, string path, string key) =>
        value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw Error(path, $"Key '{key}': expected a non-empty string, got {Show(value)}.");

    private static int ReadInt(JsonElement value, string path, string key) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw Error(path, $"Key '{key}': expected an integer, got {Show(value)}.");

    private static double ReadDouble(JsonElement value, string path, string key) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw Error(path, $"Key '{key}': expected a number, got {Show(value)}.");

    private static float[] ReadTriple(JsonElement value, string path, string key)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3)
        {
            throw Error(path, $"Key '{key}': expected three numbers [R, G, B], got {Show(value)}.");
        }
        return [.. value.EnumerateArray().Select(item => (float)ReadDouble(item, path, key))];
    }

    private static TEnum ReadEnum<TEnum>(JsonElement value, string path, string key)
        where TEnum : struct, Enum
    {
        if (value.ValueKind == JsonValueKind.String
            && Enum.TryParse<TEnum>(value.GetString(), ignoreCase: true, out var result)
            && Enum.IsDefined(result)
            && !int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return result;
        }
        throw Error(path, $"Key '{key}': expected one of {string.Join(", ", Enum.GetNames<TEnum>())}, got {Show(value)}.");
    }

    private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? "nothing" : value.GetRawText();

    private static AvatarDataException Error(string path, string message, Exception? inner = null) =>
        new(ErrorId, AvatarErrorKind.InvalidData, path, message, inner);
}
