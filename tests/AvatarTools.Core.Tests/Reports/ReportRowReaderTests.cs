using AvatarTools.Core.Dataset;
using AvatarTools.Core.Reports;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Reports;

/// <summary>Rows read back from CSV (the report's own files and Export-Csv of the objects) become the scores they hold.</summary>
public sealed class ReportRowReaderTests
{
    private static object? Read(params (string Name, string? Value)[] fields) =>
        ReportRowReader.Read(fields.Select(field => new KeyValuePair<string, string?>(field.Name, field.Value)));

    [Fact]
    public void Reads_a_row_of_scores_csv()
    {
        var score = Assert.IsType<AvatarScore>(Read(("model", "EZ-VSL"), ("group", "Category:playing violin, fiddle"),
            ("top_fraction", "0.1"), ("threshold", "0.75"), ("frames", "23"), ("ciou", "31.25"), ("auc", "40.5"),
            ("success50", "12"), ("tn_rate", ""), ("delta", "")));
        Assert.Equal("EZ-VSL", score.Model);
        Assert.Equal(ScoreGroupKind.Category, score.GroupKind);
        Assert.Equal("playing violin, fiddle", score.GroupName);
        Assert.Equal(23, score.Frames);
        Assert.Equal(31.25, score.CIoU);
        Assert.Equal(40.5, score.AUC);
        Assert.Null(score.TNRate);
        Assert.Equal(0.1, score.TopFraction);
        Assert.Equal(ThresholdSource.Calibrated, score.ThresholdSource);
    }

    [Fact]
    public void Reads_a_row_of_Export_Csv_of_an_AvatarScore()
    {
        var score = Assert.IsType<AvatarScore>(Read(("Model", "Center"), ("Group", "Off-Screen"), ("GroupKind", "OffScreen"),
            ("GroupName", "Off-Screen"), ("Frames", "2"), ("TNRate", "50"), ("ThresholdSource", "Fixed"), ("Threshold", "0.5"),
            ("TieRule", "Above"), ("GridHeight", "90"), ("GridWidth", "160"), ("Interpolation", "Bicubic")));
        Assert.Equal(ScoreGroupKind.OffScreen, score.GroupKind);
        Assert.Equal(50, score.TNRate);
        Assert.Equal(ThresholdSource.Fixed, score.ThresholdSource);
        Assert.Equal(TieRule.Above, score.TieRule);
        Assert.Equal((90, 160), (score.GridHeight, score.GridWidth));
        Assert.Equal(UpsampleMode.Bicubic, score.Interpolation);
    }

    [Theory]
    [InlineData("[\"Single-Sound\",\"Mixed-Sound\"]")]
    [InlineData("[\"SingleSound\",\"MixedSound\"]")]
    public void Reads_a_frame_score_with_task_strings_or_enum_names(string scenarios)
    {
        var score = Assert.IsType<FrameScore>(Read(("model", "Center"), ("top_fraction", "0.1"), ("threshold", "0.25"),
            ("video_id", "abc_00010"), ("frame_index", "40"), ("scenarios", scenarios), ("categories", "[\"dog\",\"a;b\"]"),
            ("ciou", "0.5"), ("truth_pixels", "100"), ("predicted_pixels", "80"), ("intersection_pixels", "60"), ("true_negative", "")));
        Assert.Equal(("abc_00010", 40), (score.VideoId, score.FrameIndex));
        Assert.Equal(new[] { AvatarScenario.SingleSound, AvatarScenario.MixedSound }, score.Scenarios);
        Assert.Equal(new[] { "dog", "a;b" }, score.Categories);
        Assert.Equal(0.5, score.CIoU);
        Assert.Equal((100, 80, 60), (score.TruthPixels, score.PredictedPixels, score.IntersectionPixels));
        Assert.Null(score.TrueNegative);
        Assert.False(score.IsOffScreen);
    }

    [Fact]
    public void Is_null_for_rows_of_neither_kind()
    {
        Assert.Null(Read(("VideoId", "abc_00010")));
        Assert.Null(Read(("Name", "x"), ("Length", "3")));
    }

    [Fact]
    public void Names_the_field_that_is_not_what_its_column_holds()
    {
        var error = Assert.Throws<AvatarDataException>(() => Read(("model", "m"), ("group", "Total"), ("frames", "many")));
        Assert.Equal("InvalidReportRow", error.ErrorId);
        Assert.Contains("frames", error.Message);
        Assert.Contains("many", error.Message);
        var scenario = Assert.Throws<AvatarDataException>(() => Read(("video_id", "a_00001"), ("frame_index", "1"), ("ciou", "0"),
            ("model", "m"), ("scenarios", "[\"Sideways\"]")));
        Assert.Contains("scenarios", scenario.Message);
    }
}
