using System.Globalization;
using System.Text;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.IO;
using AvatarTools.Core.Scoring;
using CsvHelper;

namespace AvatarTools.Core.Reports;

/// <summary>
/// Writes an evaluation report into a folder: <c>index.html</c> (self-contained: inline CSS and SVG, readable offline;
/// strips as PNG files in <c>images/</c> or embedded), <c>scores.csv</c> and <c>frames.csv</c>.
/// </summary>
/// <remarks>
/// The page holds the paper's table (models × groups, <c>id="scores"</c>), success curves per group, per-category
/// results, and, when localizations are given, strips of the clips where the models' mean cIoU differs most.
/// The output depends only on the input (no timestamps), so the same run gives the same files.
/// </remarks>
public static class ReportWriter
{
    /// <summary>The groups of the main table, in the paper's order, with the metrics (columns) each contributes.</summary>
    private static readonly (ScoreGroup Group, TableMetric[] Columns)[] TableGroups =
    {
        (ScoreGroup.Scenario(AvatarScenario.SingleSound), new[] { TableMetric.CIoU, TableMetric.AUC }),
        (ScoreGroup.Scenario(AvatarScenario.MixedSound), new[] { TableMetric.CIoU, TableMetric.AUC }),
        (ScoreGroup.Scenario(AvatarScenario.MultiEntity), new[] { TableMetric.CIoU, TableMetric.AUC }),
        (ScoreGroup.OffScreen, new[] { TableMetric.TNRate }),
        (ScoreGroup.Total, new[] { TableMetric.CIoU, TableMetric.AUC }),
        (ScoreGroup.CrossEvent, new[] { TableMetric.CIoU, TableMetric.Delta }),
    };

    private static readonly RgbColor[] Palette =
    {
        new(0x4e, 0x79, 0xa7), new(0xf2, 0x8e, 0x2b), new(0xe1, 0x57, 0x59), new(0x76, 0xb7, 0xb2), new(0x59, 0xa1, 0x4f),
        new(0xed, 0xc9, 0x48), new(0xb0, 0x7a, 0xa1), new(0xff, 0x9d, 0xa7), new(0x9c, 0x75, 0x5f), new(0xba, 0xb0, 0xac),
    };

    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #222; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
        table { border-collapse: collapse; margin: 8px 0; }
        th, td { border: 1px solid #ccc; padding: 3px 8px; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        span.ci { color: #666; font-size: 0.8em; margin-left: 4px; } svg.errorbar { vertical-align: middle; margin-left: 4px; }
        td.best { font-weight: bold; }
        thead th { background: #f2f2f2; }
        .curves { display: flex; flex-wrap: wrap; gap: 16px; }
        svg.curve text { font-size: 11px; fill: #333; } svg.curve text.title { font-size: 13px; font-weight: bold; }
        .note { color: #666; font-size: 0.9em; }
        figure { margin: 12px 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
        """;

    /// <summary>The entries of a report folder, in the order they are moved into place: the page last.</summary>
    private static readonly string[] Entries = { ImagesFolder, "scores.csv", "frames.csv", "index.html" };

    private const string ImagesFolder = "images";

    /// <summary>Writes the report; returns the paths written.</summary>
    /// <param name="folder">The output folder (created when missing). The report is built in a hidden folder beside it and
    /// moved into place only when complete (see <see cref="StagingFolder"/>): over an earlier report, the new strips are moved
    /// into <c>images/</c>, then <c>scores.csv</c>, <c>frames.csv</c> and last <c>index.html</c> are replaced, and last the
    /// earlier report's strips (<c>images/strip-&lt;n&gt;-&lt;clip&gt;.png</c>) that the new one did not write are deleted (and
    /// <c>images/</c> when that leaves it empty), so the folder holds exactly the new report; other files are left alone. A
    /// report that fails or is cancelled leaves the folder as it was.</param>
    /// <param name="scores">The table rows (e.g. from <see cref="ScoreEvaluator.Summarize"/>).</param>
    /// <param name="frameScores">The per-frame scores behind them (for the curves, categories and strips; may be empty).</param>
    /// <param name="localizations">The maps, for the strips; null for none.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="cancellationToken">Checked between strips and before the report is moved into place.</param>
    /// <param name="progress">Told of each strip drawn; may be null.</param>
    /// <exception cref="AvatarDataException"><c>ReportNotWritten</c>: the folder is a file, or a file cannot be written.</exception>
    public static ReportFiles Write(string folder, IReadOnlyList<AvatarScore> scores, IReadOnlyList<FrameScore> frameScores,
        IReadOnlyList<Localization>? localizations, ReportOptions? options = null, CancellationToken cancellationToken = default,
        IProgress<ReportProgress>? progress = null)
    {
        options ??= new ReportOptions();
        options.Validate();
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (File.Exists(target))
        {
            throw new AvatarDataException("ReportNotWritten", AvatarErrorKind.InvalidArgument, target, "is a file; a report is written into a folder");
        }
        try
        {
            using var staging = StagingFolder.Create(target);
            var built = Build(staging.Path, scores, frameScores, localizations, options, cancellationToken, progress);
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ReportProgress("Moving the report into place", 0, 0));
            var stale = MergeImages(staging.Path, target, built.ImageNames);
            staging.Publish(Entries);
            RemoveStaleImages(target, stale);
            return new ReportFiles(
                Path.Combine(target, "index.html"),
                Path.Combine(target, "scores.csv"),
                Path.Combine(target, "frames.csv"),
                built.ImageNames.Select(name => Path.Combine(target, ImagesFolder, name)).ToList(),
                built.ImageErrors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AvatarDataException("ReportNotWritten", AvatarErrorKind.WriteError, target, $"the report cannot be written ({ex.Message}); the folder is left as it was", ex);
        }
    }

    /// <summary>The first file of a report (index.html, scores.csv, frames.csv) that exists in <paramref name="folder"/>, or null.</summary>
    public static string? ExistingReportFile(string folder) =>
        Entries.Where(entry => entry != ImagesFolder).Reverse()
            .Select(entry => Path.Combine(Path.GetFullPath(folder), entry))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Over an existing <c>images/</c> folder, moves the new strips into it (replacing those of the same name) and returns
    /// the earlier report's strips that the new report did not write; they are deleted once the new page is in place.
    /// </summary>
    private static List<string> MergeImages(string staging, string target, IReadOnlyCollection<string> imageNames)
    {
        var targetImages = Path.Combine(target, ImagesFolder);
        if (!Directory.Exists(targetImages))
        {
            return new List<string>();
        }
        var written = imageNames.ToHashSet(StringComparer.Ordinal);
        var stale = Directory.EnumerateFiles(targetImages)
            .Where(path => IsStripName(Path.GetFileName(path)) && !written.Contains(Path.GetFileName(path)))
            .ToList();
        var stagedImages = Path.Combine(staging, ImagesFolder);
        foreach (var name in imageNames)
        {
            File.Move(Path.Combine(stagedImages, name), Path.Combine(targetImages, name), overwrite: true);
        }
        if (Directory.Exists(stagedImages))
        {
            Directory.Delete(stagedImages, recursive: true);
        }
        return stale;
    }

    private static void RemoveStaleImages(string target, List<string> stale)
    {
        foreach (var path in stale)
        {
            File.Delete(path);
        }
        var targetImages = Path.Combine(target, ImagesFolder);
        if (stale.Count > 0 && Directory.Exists(targetImages) && !Directory.EnumerateFileSystemEntries(targetImages).Any())
        {
            Directory.Delete(targetImages);
        }
    }

    /// <summary>Whether a file name is one this writer gives a strip: <c>strip-&lt;n&gt;-&lt;clip&gt;.png</c>.</summary>
    internal static bool IsStripName(string name)
    {
        if (!name.StartsWith("strip-", StringComparison.Ordinal) || !name.EndsWith(".png", StringComparison.Ordinal))
        {
            return false;
        }
        var rest = name["strip-".Length..^".png".Length];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && rest[..dash].All(char.IsAsciiDigit) && rest[(dash + 1)..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    /// <summary>Writes every file of the report into <paramref name="folder"/> (the staging folder), the page last.</summary>
    private static (List<string> ImageNames, List<FrameImageError> ImageErrors) Build(string folder, IReadOnlyList<AvatarScore> scores,
        IReadOnlyList<FrameScore> frameScores, IReadOnlyList<Localization>? localizations, ReportOptions options,
        CancellationToken cancellationToken, IProgress<ReportProgress>? progress)
    {
        var allScores = scores;
        var allFrameScores = frameScores;
        var imageScores = scores.Where(score => score.Benchmark != Benchmark.Avatar).ToList();
        if (imageScores.Count > 0 || frameScores.Any(score => score.Benchmark != Benchmark.Avatar))
        {
            // VGG-SS and Flickr-SoundNet get a table each (BenchmarkTables); the sections below are AVATAR's.
            scores = scores.Where(score => score.Benchmark == Benchmark.Avatar).ToList();
            frameScores = frameScores.Where(score => score.Benchmark == Benchmark.Avatar).ToList();
        }
        var series = SeriesOf(scores, frameScores);
        var severalFractions = series.Select(item => item.TopFraction).Distinct().Count() > 1;
        string Label((string Model, double? TopFraction) item) =>
            severalFractions && item.TopFraction is double p ? $"{item.Model} (p = {p.ToString("0.00", CultureInfo.InvariantCulture)})" : item.Model;

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(options.Title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Html.Encode(options.Title)}</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{series.Count} model/threshold series, {frameScores.Count} frame scores. CIoU and AUC are × 100; Off-Screen is the true-negative rate in %; Δ = Cross-event CIoU − Total CIoU.</p>\n");

        var avatarSections = series.Count > 0 || imageScores.Count == 0;
        if (avatarSections)
        {
            html.Append("<h2>Scores</h2>\n");
            AppendScoreTable(html, scores, series, severalFractions);
            AppendThresholds(html, scores, series, Label);
        }
        ComparisonTable.Append(html, options.Comparisons);
        NegativeTable.Append(html, options.Negatives);
        BenchmarkTables.Append(html, imageScores);

        if (avatarSections)
        {
            html.Append("<h2>Success curves</h2>\n<p class=\"note\">Fraction of frames with cIoU ≥ t at t = 0, 0.05, …, 1; the area under each curve is the AUC in its legend.");
            if (options.ConfidenceLevel is double curveLevel)
            {
                html.Append(CultureInfo.InvariantCulture, $" The bars are {(100 * curveLevel).ToString("0.#", CultureInfo.InvariantCulture)} % clip-bootstrap intervals of each point ({options.Resamples} replicates, seed {options.BootstrapSeed}).");
            }
            html.Append("</p>\n<div class=\"curves\">\n");
            foreach (var curve in Curves(frameScores, series, options, Label))
            {
                html.Append(curve);
            }
            html.Append("</div>\n");

            AppendCategoryTable(html, scores, frameScores, series, Label);
        }

        var imageNames = new List<string>();
        var imageErrors = new List<FrameImageError>();
        if (localizations is not null && localizations.Count > 0 && options.StripClips > 0)
        {
            AppendStrips(html, folder, scores, frameScores, localizations, series, options, imageNames, imageErrors, cancellationToken, progress);
        }
        html.Append("</body>\n</html>\n");

        WriteScores(Path.Combine(folder, "scores.csv"), allScores);
        WriteFrames(Path.Combine(folder, "frames.csv"), allFrameScores);
        AtomicFile.WriteAllText(Path.Combine(folder, "index.html"), html.ToString(), new UTF8Encoding(false));
        return (imageNames, imageErrors);
    }

    /// <summary>Writes <paramref name="scores"/> as <c>scores.csv</c> (see <see cref="ScoreCsvRow"/>), whole or not at all.</summary>
    public static void WriteScores(string path, IEnumerable<AvatarScore> scores) => AtomicFile.Write(path, stream =>
    {
        using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" });
        csv.WriteRecords(scores.Select(score => new ScoreCsvRow
        {
            Model = score.Model,
            Group = score.Group,
            TopFraction = score.TopFraction,
            Threshold = score.Threshold,
            Frames = score.Frames,
            CIoU = score.CIoU,
            AUC = score.AUC,
            Success50 = score.Success50,
            TNRate = score.TNRate,
            Delta = score.Delta,
            Benchmark = score.Benchmark.ToString(),
            Protocol = score.Protocol.ToString(),
            CIoUAt50 = score.CIoUAt50,
            MeanCIoU = score.MeanCIoU,
            UndefinedFrames = score.UndefinedFrames,
            CIoULower = score.CIoULower,
            CIoUUpper = score.CIoUUpper,
            AUCLower = score.AUCLower,
            AUCUpper = score.AUCUpper,
            Success50Lower = score.Success50Lower,
            Success50Upper = score.Success50Upper,
            TNRateLower = score.TNRateLower,
            TNRateUpper = score.TNRateUpper,
            ConfidenceLevel = score.ConfidenceLevel,
            Resamples = score.Resamples,
            BootstrapSeed = score.BootstrapSeed,
        }));
    });

    /// <summary>
    /// Writes <paramref name="frameScores"/> as <c>frames.csv</c> (see <see cref="FrameCsvRow"/>), whole or not at all. The
    /// list columns (scenarios, categories) hold JSON arrays of strings, so any name round-trips.
    /// </summary>
    public static void WriteFrames(string path, IEnumerable<FrameScore> frameScores) => AtomicFile.Write(path, stream =>
    {
        using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" });
        csv.WriteRecords(frameScores.Select(score => new FrameCsvRow
        {
            Model = score.Model,
            TopFraction = score.TopFraction,
            Threshold = score.Threshold,
            VideoId = score.VideoId,
            FrameIndex = score.FrameIndex,
            Scenarios = CsvList.Format(score.Scenarios.Select(scenario => scenario.ToTaskString())),
            Categories = CsvList.Format(score.Categories),
            CIoU = score.CIoU,
            TruthPixels = score.TruthPixels,
            PredictedPixels = score.PredictedPixels,
            IntersectionPixels = score.IntersectionPixels,
            TrueNegative = score.TrueNegative,
        }));
    });

    /// <summary>The (model, top fraction) series in order of first appearance, in the scores then the frame scores.</summary>
    private static List<(string Model, double? TopFraction)> SeriesOf(IReadOnlyList<AvatarScore> scores, IReadOnlyList<FrameScore> frameScores)
    {
        var result = new List<(string, double?)>();
        var seen = new HashSet<(string, double?)>();
        foreach (var key in scores.Select(score => (score.Model, score.TopFraction)).Concat(frameScores.Select(score => (score.Model, score.TopFraction))))
        {
            if (seen.Add(key))
            {
                result.Add(key);
            }
        }
        return result;
    }

    private static void AppendScoreTable(StringBuilder html, IReadOnlyList<AvatarScore> scores, List<(string Model, double? TopFraction)> series, bool severalFractions)
    {
        var lookup = new Dictionary<(string, double?, ScoreGroup), AvatarScore>();
        foreach (var score in scores)
        {
            lookup.TryAdd((score.Model, score.TopFraction, score.GetScoreGroup()), score);
        }
        var columns = TableGroups.SelectMany(group => group.Columns.Select(column => (group.Group, Column: column))).ToList();
        var cells = series.Select(item => columns.Select(column =>
            lookup.TryGetValue((item.Model, item.TopFraction, column.Group), out var score) ? column.Column.Read(score) : null).ToArray()).ToList();

        html.Append("<table id=\"scores\">\n<thead>\n<tr><th rowspan=\"2\">Model</th>");
        if (severalFractions)
        {
            html.Append("<th rowspan=\"2\">p</th>");
        }
        foreach (var (group, groupColumns) in TableGroups)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th colspan=\"{groupColumns.Length}\">{Html.Encode(group.Label)}</th>");
        }
        html.Append("</tr>\n<tr>");
        foreach (var column in columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Html.Encode(column.Column.Header)}</th>");
        }
        html.Append("</tr>\n</thead>\n<tbody>\n");
        for (var r = 0; r < series.Count; r++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"model\">{Html.Encode(series[r].Model)}</td>");
            if (severalFractions)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"number\">{Html.Number(series[r].TopFraction)}</td>");
            }
            for (var c = 0; c < columns.Count; c++)
            {
                var value = cells[r][c];
                var best = series.Count > 1 && columns[c].Column.Ranked && value is double v && double.IsFinite(v)
                    && cells.All(row => !(row[c] is double other && double.IsFinite(other) && other > v));
                var key = ColumnKey(columns[c].Group, columns[c].Column);
                var (lower, upper) = lookup.TryGetValue((series[r].Model, series[r].TopFraction, columns[c].Group), out var row) ? columns[c].Column.ReadBounds(row) : (null, null);
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"number{(best ? " best" : "")}\" data-column=\"{key}\">{Html.Number(value)}{ReportIntervals.CellMarkup(value, lower, upper, row?.ConfidenceLevel)}</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>A stable key of a table column, e.g. <c>single-sound-ciou</c>, <c>off-screen-tn</c>, <c>cross-event-delta</c>.</summary>
    internal static string ColumnKey(ScoreGroup group, TableMetric column) => group.Label.ToLowerInvariant() + "-" + column.Key;

    private static void AppendThresholds(StringBuilder html, IReadOnlyList<AvatarScore> scores, List<(string Model, double? TopFraction)> series,
        Func<(string Model, double? TopFraction), string> label)
    {
        var parts = new List<string>();
        foreach (var item in series)
        {
            var row = scores.FirstOrDefault(score => score.Model == item.Model && score.TopFraction == item.TopFraction);
            var threshold = row?.Threshold is double tau ? "τ = " + tau.ToString("G6", CultureInfo.InvariantCulture) : "per-frame τ";
            parts.Add($"{Html.Encode(label(item))}: {threshold}");
        }
        if (parts.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Thresholds: {string.Join("; ", parts)}.</p>\n");
        }
    }

    private static IEnumerable<string> Curves(IReadOnlyList<FrameScore> frameScores, List<(string Model, double? TopFraction)> series,
        ReportOptions options, Func<(string Model, double? TopFraction), string> label)
    {
        if (frameScores.Count == 0)
        {
            yield break;
        }
        var crossEvent = options.CrossEventClips is null ? null : new HashSet<string>(options.CrossEventClips, StringComparer.Ordinal);
        var groups = new List<(string Name, Func<FrameScore, bool> Member)>
        {
            ("Total", _ => true),
            ("Single-Sound", score => score.Scenarios.Contains(AvatarScenario.SingleSound)),
            ("Mixed-Sound", score => score.Scenarios.Contains(AvatarScenario.MixedSound)),
            ("Multi-Entity", score => score.Scenarios.Contains(AvatarScenario.MultiEntity)),
        };
        if (crossEvent is not null)
        {
            groups.Add(("Cross-event", score => crossEvent.Contains(score.VideoId)));
        }
        foreach (var (name, member) in groups)
        {
            var curves = new List<SuccessSeries>();
            for (var i = 0; i < series.Count; i++)
            {
                var item = series[i];
                var members = frameScores
                    .Where(score => !score.IsOffScreen && score.Model == item.Model && score.TopFraction == item.TopFraction && member(score))
                    .ToArray();
                var values = members.Select(score => score.CIoU).ToArray();
                if (values.Length > 0)
                {
                    var intervals = options.ConfidenceLevel is double level
                        ? ReportIntervals.SuccessIntervals(members, level, options.Resamples, options.BootstrapSeed ?? 0)
                        : null;
                    curves.Add(new SuccessSeries(label(item), Palette[i % Palette.Length], values, intervals));
                }
            }
            if (curves.Count > 0)
            {
                yield return SuccessCurveSvg.Render(name, curves);
            }
        }
    }

    private static void AppendCategoryTable(StringBuilder html, IReadOnlyList<AvatarScore> scores, IReadOnlyList<FrameScore> frameScores,
        List<(string Model, double? TopFraction)> series, Func<(string Model, double? TopFraction), string> label)
    {
        var table = new SortedDictionary<string, Dictionary<(string, double?), (double Value, int Frames)>>(StringComparer.Ordinal);
        var fromRows = scores.Any(score => score.GroupKind == ScoreGroupKind.Category);
        if (fromRows)
        {
            foreach (var score in scores.Where(score => score.GroupKind == ScoreGroupKind.Category))
            {
                var category = score.GroupName;
                if (!table.TryGetValue(category, out var row))
                {
                    table[category] = row = new();
                }
                row[(score.Model, score.TopFraction)] = (score.CIoU ?? double.NaN, score.Frames);
            }
        }
        else
        {
            foreach (var set in frameScores.GroupBy(score => (score.Model, score.TopFraction)))
            {
                foreach (var (group, members) in ScoreGroups.Of(set.ToList(), ScoreGrouping.Category, null).Where(item => item.Group.Kind == ScoreGroupKind.Category))
                {
                    if (!table.TryGetValue(group.Name, out var row))
                    {
                        table[group.Name] = row = new();
                    }
                    row[set.Key] = (ScoreMetrics.MeanPercent(members.Select(score => score.CIoU).ToArray()), members.Count);
                }
            }
        }
        if (table.Count == 0)
        {
            return;
        }
        html.Append("<h2>Per category</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Mean cIoU × 100 over the on-screen frames with an instance of the category{(fromRows ? "" : " (computed from the frame scores)")}; frames in brackets.</p>\n");
        html.Append("<table id=\"categories\">\n<thead>\n<tr><th>Category</th>");
        foreach (var item in series)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Html.Encode(label(item))}</th>");
        }
        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var (category, row) in table)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.Encode(category)}</td>");
            foreach (var item in series)
            {
                html.Append(row.TryGetValue(item, out var cell)
                    ? $"<td class=\"number\">{Html.Number(cell.Value)} ({cell.Frames.ToString(CultureInfo.InvariantCulture)})</td>"
                    : $"<td class=\"number\">{Html.Missing}</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendStrips(StringBuilder html, string folder, IReadOnlyList<AvatarScore> scores, IReadOnlyList<FrameScore> frameScores,
        IReadOnlyList<Localization> localizations, List<(string Model, double? TopFraction)> series, ReportOptions options,
        List<string> imageNames, List<FrameImageError> imageErrors, CancellationToken cancellationToken, IProgress<ReportProgress>? progress)
    {
        // One top fraction per model: the option's, else the model's first series.
        var fractionOf = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var item in series)
        {
            if (!fractionOf.ContainsKey(item.Model))
            {
                fractionOf[item.Model] = options.TopFraction ?? item.TopFraction;
            }
        }
        var overlay = options.Overlay;
        if (overlay.ModelThresholds is null)
        {
            var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (model, fraction) in fractionOf)
            {
                var row = scores.FirstOrDefault(score => score.Model == model && score.TopFraction == fraction && score.Threshold.HasValue);
                if (row?.Threshold is double tau)
                {
                    thresholds[model] = tau;
                }
            }
            overlay = overlay with { ModelThresholds = thresholds };
        }
        var chosenScores = frameScores
            .Where(score => !fractionOf.TryGetValue(score.Model, out var fraction) || fraction == score.TopFraction)
            .ToList();
        var models = localizations.Select(localization => localization.Model).Distinct(StringComparer.Ordinal)
            .OrderBy(model => series.FindIndex(item => item.Model == model) is var index && index >= 0 ? index : int.MaxValue)
            .ThenBy(model => model, StringComparer.Ordinal)
            .ToList();
        var clips = SelectClips(chosenScores, localizations, options.StripClips);
        if (clips.Count == 0)
        {
            return;
        }
        html.Append("<h2>Clips where the models differ most</h2>\n");
        html.Append("<p class=\"note\">Largest spread of the per-clip mean cIoU across models. Heatmaps in Turbo colours; white outline: ground truth; magenta outline: predicted region at the model's τ.</p>\n");
        if (!options.EmbedImages)
        {
            Directory.CreateDirectory(Path.Combine(folder, ImagesFolder));
        }
        for (var n = 0; n < clips.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ReportProgress("Drawing strips", n, clips.Count));
            var (clip, spread) = clips[n];
            var clipMaps = localizations.Where(localization => localization.VideoId == clip).ToList();
            var frames = clipMaps.Select(localization => localization.FrameIndex).Distinct().Order().ToList();
            var selected = EvenlySpaced(frames, options.StripMaxFrames).ToHashSet();
            var rows = models
                .Select(model => (IReadOnlyList<Localization>)clipMaps.Where(localization => localization.Model == model && selected.Contains(localization.FrameIndex)).ToList())
                .Where(row => row.Count > 0)
                .ToList();
            var strip = OverlayRenderer.RenderStrip(rows, overlay, chosenScores.Where(score => score.VideoId == clip).ToList());
            imageErrors.AddRange(strip.ImageErrors);
            string source;
            if (options.EmbedImages)
            {
                source = "data:image/png;base64," + Convert.ToBase64String(strip.Png);
            }
            else
            {
                var name = $"strip-{(n + 1).ToString(CultureInfo.InvariantCulture)}-{SafeName(clip)}.png";
                AtomicFile.WriteAllBytes(Path.Combine(folder, ImagesFolder, name), strip.Png);
                imageNames.Add(name);
                source = ImagesFolder + "/" + name;
            }
            var caption = double.IsNaN(spread) ? clip : $"{clip}: spread of mean cIoU {Html.Number(100 * spread)}";
            html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{Html.Encode(source)}\" alt=\"{Html.Encode(clip)}\" /><figcaption>{Html.Encode(caption)}</figcaption></figure>\n");
        }
        progress?.Report(new ReportProgress("Drawing strips", clips.Count, clips.Count));
        if (imageErrors.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<p class=\"note\" id=\"frames-without-picture\">{imageErrors.Count.ToString(CultureInfo.InvariantCulture)} {(imageErrors.Count == 1 ? "frame is drawn without its picture" : "frames are drawn without their picture")} (labelled NO IMAGE) because the image could not be read:</p>\n<ul class=\"note\">\n");
            foreach (var (frame, error) in imageErrors)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{Html.Encode(frame.ToString())}: {Html.Encode(error.ErrorId)}, {Html.Encode(error.Message)}</li>\n");
            }
            html.Append("</ul>\n");
        }
    }

    /// <summary>
    /// The clips with the largest spread (max − min over models) of the mean on-screen cIoU, ties by clip id; clips without
    /// scores follow with a NaN spread. Only clips with localizations qualify.
    /// </summary>
    internal static List<(string Clip, double Spread)> SelectClips(IReadOnlyList<FrameScore> frameScores, IReadOnlyList<Localization> localizations, int count)
    {
        var available = localizations.Select(localization => localization.VideoId).ToHashSet(StringComparer.Ordinal);
        var spreads = frameScores.Where(score => !score.IsOffScreen && available.Contains(score.VideoId))
            .GroupBy(score => score.VideoId, StringComparer.Ordinal)
            .Select(clip =>
            {
                var means = clip.GroupBy(score => score.Model, StringComparer.Ordinal).Select(model => model.Average(score => score.CIoU)).ToList();
                return (Clip: clip.Key, Spread: means.Max() - means.Min());
            })
            .OrderByDescending(item => item.Spread)
            .ThenBy(item => item.Clip, StringComparer.Ordinal)
            .ToList();
        var scored = spreads.Select(item => item.Clip).ToHashSet(StringComparer.Ordinal);
        spreads.AddRange(available.Where(clip => !scored.Contains(clip)).Order(StringComparer.Ordinal).Select(clip => (clip, double.NaN)));
        return spreads.Take(count).ToList();
    }

    private static IEnumerable<int> EvenlySpaced(List<int> items, int count)
    {
        if (items.Count <= count)
        {
            return items;
        }
        if (count == 1)
        {
            return new[] { items[items.Count / 2] };
        }
        return Enumerable.Range(0, count).Select(i => items[(int)Math.Round((double)i * (items.Count - 1) / (count - 1), MidpointRounding.AwayFromZero)]);
    }

    private static string SafeName(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) || character is '-' or '_' ? character : '_');
        }
        return builder.ToString();
    }
}
