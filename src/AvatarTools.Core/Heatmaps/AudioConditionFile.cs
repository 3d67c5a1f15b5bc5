using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.IO;

namespace AvatarTools.Core.Heatmaps;

/// <summary>
/// The sidecar that keeps a folder of negative-audio heatmaps apart from positive ones: <c>audio-condition.json</c> in the
/// condition's folder, <c>{"model", "condition", "seed", "repeat", "donors": {"&lt;clip_id&gt;/&lt;frame:D5&gt;": "&lt;donor clip&gt;"}}</c>.
/// <see cref="HeatmapWriter"/> writes negative localizations to <c>&lt;folder&gt;/[&lt;model&gt;/]&lt;condition&gt;[-&lt;repeat&gt;]/</c>
/// with this file; Import-AvatarHeatmap on that folder gives the localizations their condition, seed, repeat and donors back.
/// A folder without it holds positives.
/// </summary>
public sealed record AudioConditionFile(string Model, AudioCondition Condition, int? Seed, int Repeat, IReadOnlyDictionary<string, string> Donors)
{
    /// <summary>The sidecar's file name.</summary>
    public const string FileName = "audio-condition.json";

    /// <summary>The folder a negative localization's maps go to: the condition's name, with <c>-&lt;repeat&gt;</c> for repeats after the first.</summary>
    public static string FolderName(Localization localization)
    {
        ArgumentNullException.ThrowIfNull(localization);
        return localization.Repeat > 0 ? $"{localization.Condition}-{localization.Repeat}" : localization.Condition.ToString();
    }

    /// <summary>The key of a frame in <see cref="Donors"/>: <c>&lt;clip_id&gt;/&lt;frame:D5&gt;</c>.</summary>
    public static string DonorKey(string videoId, int frameIndex) => $"{videoId}/{frameIndex:D5}";

    /// <summary>Writes the sidecar into <paramref name="folder"/> whole or not at all.</summary>
    public void Write(string folder)
    {
        var donors = new JsonObject();
        foreach (var (key, donor) in Donors.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            donors[key] = donor;
        }
        var json = new JsonObject
        {
            ["model"] = Model,
            ["condition"] = Condition.ToString(),
            ["seed"] = Seed,
            ["repeat"] = Repeat,
            ["donors"] = donors,
        };
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", new UTF8Encoding(false));
    }

    /// <summary>The sidecar of <paramref name="folder"/>, or null when it has none (a folder of positives).</summary>
    /// <exception cref="AvatarDataException"><c>AudioConditionFileInvalid</c> when the file is there but not a valid sidecar.</exception>
    public static AudioConditionFile? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (FileKinds.Of(path) == FileKind.Missing)
        {
            return null;
        }
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("not a JSON object");
            var model = (string?)node["model"] ?? throw new FormatException("no \"model\"");
            var conditionText = (string?)node["condition"] ?? throw new FormatException("no \"condition\"");
            if (!Enum.TryParse<AudioCondition>(conditionText, ignoreCase: true, out var condition) || !Enum.IsDefined(condition))
            {
                throw new FormatException($"unknown condition '{conditionText}' (expected {string.Join(", ", Enum.GetNames<AudioCondition>())})");
            }
            var donors = new Dictionary<string, string>(StringComparer.Ordinal);
            if (node["donors"] is JsonObject map)
            {
                foreach (var (key, value) in map)
                {
                    donors[key] = (string?)value ?? throw new FormatException($"donor of {key} is not a string");
                }
            }
            return new AudioConditionFile(model, condition, (int?)node["seed"], (int?)node["repeat"] ?? 0, donors);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new AvatarDataException("AudioConditionFileInvalid", AvatarErrorKind.InvalidData, path,
                $"is not a valid audio-condition sidecar ({ex.Message}); expected {{\"model\", \"condition\", \"seed\", \"repeat\", \"donors\"}} as Export-AvatarHeatmap writes it", ex);
        }
    }

    /// <summary>A localization read from the folder, with the sidecar's condition, seed, repeat and its frame's donor.</summary>
    public Localization Apply(Localization localization) => localization with
    {
        Condition = Condition,
        Seed = Seed,
        Repeat = Repeat,
        DonorClip = Donors.TryGetValue(DonorKey(localization.VideoId, localization.FrameIndex), out var donor) ? donor : null,
    };
}
