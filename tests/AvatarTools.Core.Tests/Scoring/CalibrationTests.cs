using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// Calibration as its own step, ties at τ, and the provenance of rows, on the hand-made run of <see cref="ScoreEvaluatorTests"/>
/// (pool of 64: 16 × −1, 36 × 0, 2 × 8, 6 × 9, 4 × 10; p = 0.18 → index 52 → τ = 8).
/// </summary>
public sealed class CalibrationTests : IDisposable
{
    private static readonly ScoreOptions Options = new() { GridHeight = 4, GridWidth = 4, TopFractions = new[] { 0.18 }, CrossEvent = true };

    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-calibration-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void CalibratesEachModelWithTheExactPooledCounts()
    {
        var localizations = ScoreEvaluatorTests.Run("first").Concat(ScoreEvaluatorTests.Run("second")).ToList();
        var calibrations = ThresholdCalibrator.Calibrate(localizations, Options with { TopFractions = new[] { 0.18, 0.5 } });
        Assert.Equal(new[] { ("first", 0.18), ("first", 0.5), ("second", 0.18), ("second", 0.5) }, calibrations.Select(c => (c.Model, c.TopFraction)));
        var c18 = calibrations[0];
        Assert.Equal((8.0, 4, 64L), (c18.Threshold, c18.Frames, c18.Pixels));
        // ≥ 8: 2 + 6 + 4 = 12 of 64 pixels.
        Assert.Equal(12L, c18.PredictedPixels);
        Assert.Equal(12 / 64.0, c18.PredictedFraction);
        Assert.Equal((4, 4, UpsampleMode.Bilinear, TieRule.AtLeast), (c18.GridHeight, c18.GridWidth, c18.Interpolation, c18.TieRule));
        // p = 0.5: index 32 → τ = 0, and 36 + 12 = 48 pixels are ≥ 0: 75 % instead of 50 %, ties at τ.
        var c50 = calibrations[1];
        Assert.Equal((0.0, 48L), (c50.Threshold, c50.PredictedPixels));
        Assert.True(c50.HasTies());
        Assert.False(c18.HasTies(0.1));
        Assert.Contains("75.00 %", CalibrationNotes.TieWarning(c50));
        Assert.Contains("-TieRule Above", CalibrationNotes.TieWarning(c50));
        // With the Above rule the same τ predicts only the 12 pixels above 0.
        var above = ThresholdCalibrator.Calibrate(localizations, Options with { TopFractions = new[] { 0.5 }, TieRule = TieRule.Above })[0];
        Assert.Equal((0.0, 12L, TieRule.Above), (above.Threshold, above.PredictedPixels, above.TieRule));
    }

    [Fact]
    public void ASliceScoredWithTheCalibrationOfTheWholeRunEqualsTheWholeRunsRow()
    {
        // Calibrated on the slice alone, τ moves: the B frame alone pools 16 × 0 and 6 × 9... so its row differs.
        var all = ScoreEvaluatorTests.Run();
        var full = ScoreEvaluator.Evaluate(all, Options);
        var calibrations = ThresholdCalibrator.Calibrate(all, Options);
        var path = Path.Combine(_folder, CalibrationFile.DefaultFileName);
        CalibrationFile.Write(path, calibrations);
        var fromFile = CalibrationFile.Read(CalibrationFile.ResolvePath(_folder));
        Assert.Equal(calibrations, fromFile);

        var multiEntity = all.Where(item => item.Frame.HasScenario(AvatarScenario.MultiEntity)).ToList();
        var sliced = ScoreEvaluator.Evaluate(multiEntity, Options with { Calibrations = calibrations, TopFractions = null });
        var slicedFromFile = ScoreEvaluator.Evaluate(multiEntity, Options with { Calibrations = fromFile, TopFractions = null });
        var fullRow = full.Single(row => row.Group == "Multi-Entity");
        var slicedRow = sliced.Single(row => row.Group == "Multi-Entity");
        Assert.Equal((fullRow.Frames, fullRow.CIoU, fullRow.AUC, fullRow.Success50, fullRow.Threshold), (slicedRow.Frames, slicedRow.CIoU, slicedRow.AUC, slicedRow.Success50, slicedRow.Threshold));
        Assert.Equal(slicedRow, slicedFromFile.Single(row => row.Group == "Multi-Entity"));
        Assert.Equal((ThresholdSource.Calibration, 4), (slicedRow.ThresholdSource, slicedRow.CalibrationFrames));
        Assert.Equal((ThresholdSource.Calibrated, 4), (fullRow.ThresholdSource, fullRow.CalibrationFrames));

        var selfCalibrated = ScoreEvaluator.Evaluate(multiEntity, Options).Single(row => row.Group == "Multi-Entity");
        Assert.NotEqual(fullRow.Threshold, selfCalibrated.Threshold);
        Assert.Equal(1, selfCalibrated.CalibrationFrames);
    }

    [Fact]
    public void AModelWithoutACalibrationIsAnErrorAndTheOthersAreStillScored()
    {
        var calibrations = ThresholdCalibrator.Calibrate(ScoreEvaluatorTests.Run("known"), Options);
        var input = ScoreEvaluatorTests.Run("unknown").Concat(ScoreEvaluatorTests.Run("known")).ToList();
        var run = ScoreEvaluator.Run(input, Options with { Calibrations = calibrations, TopFractions = null });
        var error = Assert.Single(run.Errors);
        Assert.Equal("CalibrationNotFound", error.ErrorId);
        Assert.Contains("'unknown'", error.Message);
        Assert.Equal(new[] { "known" }, run.Scores.Select(row => row.Model).Distinct());

        var wrongFraction = ScoreEvaluator.Run(ScoreEvaluatorTests.Run("known"), Options with { Calibrations = calibrations, TopFractions = new[] { 0.2 } });
        Assert.Equal("CalibrationNotFound", Assert.Single(wrongFraction.Errors).ErrorId);
        var wrongGrid = ScoreEvaluator.Run(ScoreEvaluatorTests.Run("known"), Options with { Calibrations = calibrations, TopFractions = null, GridHeight = 8 });
        Assert.Equal("CalibrationMismatch", Assert.Single(wrongGrid.Errors).ErrorId);
    }

    [Fact]
    public void TheAboveRuleCountsOnlyPixelsAboveTau()
    {
        // Fixed τ = 9: ≥ predicts A's 4 tens and B's 6 nines; > predicts A's 4 only.
        var atLeast = ScoreEvaluator.EvaluateFrames(ScoreEvaluatorTests.Run(), Options with { Policy = ThresholdPolicy.Fixed, Value = 9 });
        var above = ScoreEvaluator.EvaluateFrames(ScoreEvaluatorTests.Run(), Options with { Policy = ThresholdPolicy.Fixed, Value = 9, TieRule = TieRule.Above });
        Assert.Equal(new[] { 4, 6, 0, 0 }, atLeast.Select(frame => frame.PredictedPixels));
        Assert.Equal(new[] { 4, 0, 0, 0 }, above.Select(frame => frame.PredictedPixels));
        Assert.All(above, frame => Assert.Equal((TieRule.Above, ThresholdSource.Fixed), (frame.TieRule, frame.ThresholdSource)));
        // PerFrame with a map 0..15: normalised v/15, τ = 8/15; ≥ keeps 8 pixels, > keeps 7 (the LVS rule).
        var frame = ScoreEvaluatorTests.Run()[1].Frame;
        var map = new Heatmap(4, 4, Enumerable.Range(0, 16).Select(i => (float)i).ToArray());
        var perFrame = ScoreEvaluator.EvaluateFrames(new[] { new Localization(frame, "m", map) }, Options with { Policy = ThresholdPolicy.PerFrame, TieRule = TieRule.Above });
        Assert.Equal(7, perFrame[0].PredictedPixels);
    }

    [Fact]
    public void GroupsWithoutFramesAreLeftOut()
    {
        // Only the Single-Sound frame A and the Off-Screen frame C: no Mixed-Sound, Multi-Entity or Cross-event rows.
        var input = ScoreEvaluatorTests.Run().Where(item => item.Frame.VideoId is "a_00000" or "c_00000").ToList();
        var rows = ScoreEvaluator.Evaluate(input, Options);
        Assert.Equal(new[] { "Total", "Single-Sound", "Off-Screen" }, rows.Select(row => row.Group));
        Assert.Equal(new[] { ScoreGroupKind.Total, ScoreGroupKind.Scenario, ScoreGroupKind.OffScreen }, rows.Select(row => row.GroupKind));
        var offScreenOnly = ScoreEvaluator.Evaluate(input.Where(item => item.Frame.IsOffScreen).ToList(), Options);
        Assert.Equal(new[] { "Off-Screen" }, offScreenOnly.Select(row => row.Group));
    }

    [Fact]
    public void TheCalibrationFileIsStrict()
    {
        var path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, """{ "format": "AvatarTools.Calibration", "version": 1, "calibrations": [ { "model": "m", "topFraction": 0.1, "threshold": 1, "frames": 2, "pixels": 10, "predictedPixels": 1, "tieRule": "AtLeast", "grid": [2, 2], "interpolation": "Bilinear" } ] }""");
        var error = Assert.Throws<AvatarDataException>(() => CalibrationFile.Read(path));
        Assert.Equal("InvalidCalibrationFile", error.ErrorId);
        Assert.Contains("frames × grid height × grid width (8)", error.Message);
        File.WriteAllText(path, """{ "format": "AvatarTools.Calibration", "version": 1, "calibrations": [ { "model": "m", "topFraction": 0.1, "threshold": 1, "frames": 2, "pixels": 8, "predictedPixels": 1, "tieRule": "Maybe", "grid": [2, 2], "interpolation": "Bilinear" } ] }""");
        Assert.Contains("accepted values are AtLeast, Above", Assert.Throws<AvatarDataException>(() => CalibrationFile.Read(path)).Message);
        Assert.Equal("CalibrationFileNotFound", Assert.Throws<AvatarDataException>(() => CalibrationFile.Read(Path.Combine(_folder, "none.json"))).ErrorId);
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(1.17549435E-38f)]
    [InlineData(-3.4028235E+38f)]
    [InlineData(0.333333343f)]
    [InlineData(16777217f)]
    public void ThresholdsRoundTripThroughTheFileBitForBit(float tau)
    {
        var calibration = new AvatarCalibration
        {
            Model = "m", TopFraction = 0.1, Threshold = tau, Frames = 1, Pixels = 4, PredictedPixels = 1,
            TieRule = TieRule.AtLeast, GridHeight = 2, GridWidth = 2, Interpolation = UpsampleMode.Bicubic,
        };
        var path = Path.Combine(_folder, "one.json");
        CalibrationFile.Write(path, new[] { calibration });
        var read = Assert.Single(CalibrationFile.Read(path));
        Assert.Equal(BitConverter.SingleToInt32Bits(tau), BitConverter.SingleToInt32Bits(read.ThresholdSingle));
        Assert.Equal(calibration, read);
    }
}
