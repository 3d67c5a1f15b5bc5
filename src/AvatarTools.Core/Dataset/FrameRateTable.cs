using CsvHelper;

namespace AvatarTools.Core.Dataset;

/// <summary>One row of <c>frame_rates.csv</c>.</summary>
[CsvRecord]
public sealed partial class FrameRateRow
{
    [CsvColumn("clip_id")]
    public string ClipId { get; set; } = "";

    [CsvColumn("fps")]
    public double Fps { get; set; }
}

/// <summary>Reads and writes <c>frame_rates.csv</c>: one row per clip, columns <c>clip_id,fps</c>.</summary>
public static class FrameRateTable
{
    public static IReadOnlyDictionary<string, double> Read(string path)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            using var csv = CsvReader.FromFile(path);
            foreach (var row in csv.GetRecords<FrameRateRow>())
            {
                if (string.IsNullOrEmpty(row.ClipId) || !(row.Fps > 0) || !double.IsFinite(row.Fps))
                {
                    throw new AvatarDataException("InvalidFrameRateTable", AvatarErrorKind.InvalidData, path,
                        $"each row needs a clip id and a positive frame rate (columns clip_id,fps); got '{row.ClipId}',{row.Fps}");
                }
                result[row.ClipId] = row.Fps;
            }
        }
        catch (Exception ex) when (ex is not AvatarDataException and not IOException)
        {
            throw new AvatarDataException("InvalidFrameRateTable", AvatarErrorKind.InvalidData, path,
                $"is not a valid frame-rate table (columns clip_id,fps): {ex.Message}", ex);
        }
        return result;
    }

    public static void Write(string path, IEnumerable<KeyValuePair<string, double>> rates)
    {
        using var stream = File.Create(path);
        using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" });
        csv.WriteRecords(rates.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new FrameRateRow { ClipId = r.Key, Fps = r.Value }));
    }
}
