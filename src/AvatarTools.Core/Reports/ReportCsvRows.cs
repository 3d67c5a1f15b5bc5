using CsvHelper;

namespace AvatarTools.Core.Reports;

/// <summary>One row of <c>scores.csv</c>: an <see cref="Scoring.AvatarScore"/>. Empty fields are nulls; NaN is written <c>NaN</c>.</summary>
[CsvRecord]
public sealed partial class ScoreCsvRow
{
    [CsvColumn("model")]
    public string Model { get; set; } = "";

    [CsvColumn("group")]
    public string Group { get; set; } = "";

    [CsvColumn("top_fraction")]
    public double? TopFraction { get; set; }

    [CsvColumn("threshold")]
    public double? Threshold { get; set; }

    [CsvColumn("frames")]
    public int Frames { get; set; }

    [CsvColumn("ciou")]
    public double? CIoU { get; set; }

    [CsvColumn("auc")]
    public double? AUC { get; set; }

    [CsvColumn("success50")]
    public double? Success50 { get; set; }

    [CsvColumn("tn_rate")]
    public double? TNRate { get; set; }

    [CsvColumn("delta")]
    public double? Delta { get; set; }

    [CsvColumn("benchmark")]
    public string Benchmark { get; set; } = "";

    [CsvColumn("protocol")]
    public string Protocol { get; set; } = "";

    [CsvColumn("ciou_at_50")]
    public double? CIoUAt50 { get; set; }

    [CsvColumn("mean_ciou")]
    public double? MeanCIoU { get; set; }

    [CsvColumn("undefined_frames")]
    public int? UndefinedFrames { get; set; }

    [CsvColumn("ciou_lower")]
    public double? CIoULower { get; set; }

    [CsvColumn("ciou_upper")]
    public double? CIoUUpper { get; set; }

    [CsvColumn("auc_lower")]
    public double? AUCLower { get; set; }

    [CsvColumn("auc_upper")]
    public double? AUCUpper { get; set; }

    [CsvColumn("success50_lower")]
    public double? Success50Lower { get; set; }

    [CsvColumn("success50_upper")]
    public double? Success50Upper { get; set; }

    [CsvColumn("tn_rate_lower")]
    public double? TNRateLower { get; set; }

    [CsvColumn("tn_rate_upper")]
    public double? TNRateUpper { get; set; }

    [CsvColumn("confidence_level")]
    public double? ConfidenceLevel { get; set; }

    [CsvColumn("resamples")]
    public int? Resamples { get; set; }

    [CsvColumn("bootstrap_seed")]
    public int? BootstrapSeed { get; set; }
}

/// <summary>
/// One row of <c>frames.csv</c>: a <see cref="Scoring.FrameScore"/>. Scenarios (task strings) and categories are JSON
/// arrays of strings (<see cref="CsvList"/>), so any category name round-trips; <c>true_negative</c> is empty for on-screen frames.
/// </summary>
[CsvRecord]
public sealed partial class FrameCsvRow
{
    [CsvColumn("model")]
    public string Model { get; set; } = "";

    [CsvColumn("top_fraction")]
    public double? TopFraction { get; set; }

    [CsvColumn("threshold")]
    public double Threshold { get; set; }

    [CsvColumn("video_id")]
    public string VideoId { get; set; } = "";

    [CsvColumn("frame_index")]
    public int FrameIndex { get; set; }

    [CsvColumn("scenarios")]
    public string Scenarios { get; set; } = "";

    [CsvColumn("categories")]
    public string Categories { get; set; } = "";

    [CsvColumn("ciou")]
    public double CIoU { get; set; }

    [CsvColumn("truth_pixels")]
    public int TruthPixels { get; set; }

    [CsvColumn("predicted_pixels")]
    public int PredictedPixels { get; set; }

    [CsvColumn("intersection_pixels")]
    public int IntersectionPixels { get; set; }

    [CsvColumn("true_negative")]
    public bool? TrueNegative { get; set; }
}
