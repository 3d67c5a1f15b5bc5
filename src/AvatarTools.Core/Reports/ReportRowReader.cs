using System.Globalization;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Reports;

/// <summary>
/// Reads score rows back from text fields (one CSV row as Import-Csv gives it): the report's own scores.csv and
/// frames.csv (snake_case columns, list columns as JSON arrays), and Export-Csv files of AvatarScore and FrameScore
/// objects (property names, lists as JSON arrays of names). Column names match ignoring case and underscores.
/// </summary>
public static class ReportRowReader
{
    /// <summary>
    /// The <see cref="AvatarScore"/> or <see cref="FrameScore"/> the row holds; null when it has the columns of neither
    /// (a FrameScore row has video_id, frame_index and ciou; an AvatarScore row has group and frames).
    /// </summary>
    /// <exception cref="AvatarDataException">InvalidReportRow: a field that is not what its column holds.</exception>
    public static object? Read(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var row = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            row[name.Replace("_", "", StringComparison.Ordinal)] = value;
        }
        if (row.ContainsKey("videoid") && row.ContainsKey("frameindex") && row.ContainsKey("ciou"))
        {
            return ReadFrameScore(new Fields(row));
        }
        if (row.ContainsKey("group") && row.ContainsKey("frames") && row.ContainsKey("model"))
        {
            return ReadScore(new Fields(row));
        }
        return null;
    }

    private static FrameScore ReadFrameScore(Fields row)
    {
        var topFraction = row.Double("topfraction");
        var threshold = row.Double("threshold") ?? double.NaN;
        var source = row.Enum("thresholdsource", topFraction is null ? ThresholdSource.Fixed : ThresholdSource.Calibrated);
        var tieRule = row.Enum("tierule", TieRule.AtLeast);
        var benchmark = row.Enum("benchmark", Benchmark.Avatar);
        var image = benchmark != Benchmark.Avatar;
        return new FrameScore(
            row.Text("videoid"),
            row.Int("frameindex") ?? throw row.Invalid("frameindex", "a frame index"),
            row.List("scenarios").Select(name => Scenario(row, name)).ToArray(),
            row.Text("model"),
            threshold,
            row.Double("ciou") ?? throw row.Invalid("ciou", "a number"),
            row.Int("truthpixels") ?? 0,
            row.Int("predictedpixels") ?? 0,
            row.Int("intersectionpixels") ?? 0,
            row.Bool("truenegative"),
            topFraction,
            row.List("categories").ToArray())
        {
            Confidence = row.Double("confidence"),
            Benchmark = benchmark,
            TestList = row.Has("testlist") && row.Raw("testlist") is { } list ? list : null,
            TruthWeight = row.Double("truthweight"),
            IntersectionWeight = row.Double("intersectionweight"),
            // VGG-SS and Flickr-SoundNet scores without their settings are EZ-VSL's (the benchmarks' default protocol).
            Provenance = new ScoreProvenance(row.Enum("thresholdsource", image ? ThresholdSource.PerFrame : source), double.IsNaN(threshold) ? null : threshold,
                topFraction, tieRule, row.Int("gridheight") ?? (image ? ProtocolPresets.ImageGridSize : 360),
                row.Int("gridwidth") ?? (image ? ProtocolPresets.ImageGridSize : 640),
                row.Enum("interpolation", image ? UpsampleMode.BilinearAlignCorners : UpsampleMode.Bilinear), null,
                row.Enum("protocol", image ? ScoreProtocol.EzVsl : ScoreProtocol.Avatar)),
        };
    }

    private static AvatarScore ReadScore(Fields row)
    {
        var group = row.Text("group");
        var parsed = ScoreGroup.Parse(group);
        var topFraction = row.Double("topfraction");
        return new AvatarScore
        {
            Model = row.Text("model"),
            Group = group,
            GroupKind = row.Enum("groupkind", parsed.Kind),
            GroupName = row.Has("groupname") ? row.Text("groupname") : parsed.Name,
            Frames = row.Int("frames") ?? throw row.Invalid("frames", "a whole number"),
            Clips = row.Int("clips"),
            CIoU = row.Double("ciou"),
            AUC = row.Double("auc"),
            Success50 = row.Double("success50"),
            TNRate = row.Double("tnrate"),
            Delta = row.Double("delta"),
            CIoULower = row.Double("cioulower"),
            CIoUUpper = row.Double("ciouupper"),
            AUCLower = row.Double("auclower"),
            AUCUpper = row.Double("aucupper"),
            Success50Lower = row.Double("success50lower"),
            Success50Upper = row.Double("success50upper"),
            TNRateLower = row.Double("tnratelower"),
            TNRateUpper = row.Double("tnrateupper"),
            ConfidenceLevel = row.Double("confidencelevel"),
            Resamples = row.Int("resamples"),
            BootstrapSeed = row.Int("bootstrapseed"),
            Threshold = row.Double("threshold"),
            TopFraction = topFraction,
            ThresholdSource = row.Enum("thresholdsource", topFraction is null ? ThresholdSource.Fixed : ThresholdSource.Calibrated),
            CalibrationFrames = row.Int("calibrationframes"),
            PredictedFraction = row.Double("predictedfraction"),
            TieRule = row.Enum("tierule", TieRule.AtLeast),
            GridHeight = row.Int("gridheight") ?? 360,
            GridWidth = row.Int("gridwidth") ?? 640,
            Interpolation = row.Enum("interpolation", UpsampleMode.Bilinear),
            UnseenFrames = row.Int("unseenframes"),
            Benchmark = row.Enum("benchmark", Benchmark.Avatar),
            Protocol = row.Enum("protocol", row.Enum("benchmark", Benchmark.Avatar) == Benchmark.Avatar ? ScoreProtocol.Avatar : ScoreProtocol.EzVsl),
            CIoUAt50 = row.Double("ciouat50"),
            MeanCIoU = row.Double("meanciou"),
            UndefinedFrames = row.Int("undefinedframes"),
        };
    }

    /// <summary>The kind and name of a group as the table prints it (Total, Single-Sound, Category:&lt;name&gt;, ...; <see cref="ScoreGroup.Parse"/>).</summary>
    public static (ScoreGroupKind Kind, string Name) GroupOf(string group)
    {
        var parsed = ScoreGroup.Parse(group);
        return (parsed.Kind, parsed.Name);
    }

    private static AvatarScenario Scenario(Fields row, string name)
    {
        if (ScenarioNames.TryParseTask(name, out var scenario) ||
            (Enum.TryParse(name, ignoreCase: true, out scenario) && Enum.IsDefined(scenario) && !name.All(char.IsAsciiDigit)))
        {
            return scenario;
        }
        throw row.Invalid("scenarios", "scenario names (SingleSound, MixedSound, MultiEntity, OffScreen) or task strings (Single-Sound, ...)");
    }

    /// <summary>The fields of one row, by normalised column name.</summary>
    private sealed class Fields(Dictionary<string, string?> row)
    {
        public bool Has(string column) => row.ContainsKey(column);

        public string? Raw(string column) => row.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public string Text(string column) => Raw(column) ?? throw Invalid(column, "a value");

        public double? Double(string column) => Raw(column) is not { } text ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : throw Invalid(column, "a number");

        public int? Int(string column) => Raw(column) is not { } text ? null
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : throw Invalid(column, "a whole number");

        public bool? Bool(string column) => Raw(column) is not { } text ? null
            : bool.TryParse(text, out var value) ? value
            : throw Invalid(column, "True or False");

        public TEnum Enum<TEnum>(string column, TEnum fallback) where TEnum : struct, System.Enum => Raw(column) is not { } text ? fallback
            : System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !text.All(char.IsAsciiDigit) ? value
            : throw Invalid(column, "one of " + string.Join(", ", System.Enum.GetNames<TEnum>()));

        /// <summary>A list field: a JSON array of strings (frames.csv, Export-Csv of the module's objects) or one name.</summary>
        public IReadOnlyList<string> List(string column)
        {
            var text = Raw(column);
            if (text is null)
            {
                return Array.Empty<string>();
            }
            if (!text.StartsWith('['))
            {
                return new[] { text };
            }
            try
            {
                return CsvList.Parse(text);
            }
            catch (FormatException)
            {
                throw Invalid(column, "a JSON array of strings, e.g. [\"Single-Sound\"]");
            }
        }

        public AvatarDataException Invalid(string column, string expected) =>
            new("InvalidReportRow", AvatarErrorKind.InvalidData, null,
                $"the {column} field '{Raw(column) ?? ""}' of a score row is not {expected}");
    }
}
