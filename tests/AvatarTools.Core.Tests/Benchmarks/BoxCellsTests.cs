using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Benchmarks;

public sealed class BoxCellsTests
{
    // Hand-worked: v × 224 truncated toward zero after clipping to [0, 1].
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.1, 22)]       // 22.4
    [InlineData(0.2, 44)]       // 44.8
    [InlineData(0.25, 56)]      // 56 exactly
    [InlineData(0.5, 112)]
    [InlineData(0.75, 168)]
    [InlineData(0.999, 223)]    // 223.776
    [InlineData(1.0, 224)]
    [InlineData(1.3, 224)]      // clipped to 1
    [InlineData(-2.9e16, 0)]    // the public file's corrupt value, clipped to 0
    [InlineData(double.PositiveInfinity, 224)]
    [InlineData(double.NegativeInfinity, 0)]
    [InlineData(double.NaN, 0)] // numpy: clip keeps NaN, astype(int) gives -9223372036854775808, the slice reads it as 0
    public void VggSsClipsScalesAndTruncates(double value, int expected) => Assert.Equal(expected, BoxCells.VggSsCell(value));

    // Hand-worked: ⌊224 · v / 256⌋ = ⌊7 v / 8⌋, at most 224.
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]      // 0.875
    [InlineData(8, 7)]
    [InlineData(100, 87)]   // 87.5
    [InlineData(255, 223)]  // 223.125
    [InlineData(256, 224)]
    [InlineData(300, 224)]  // 262.5, the slice ends at the map's edge
    public void FlickrScalesTo224(int value, int expected) => Assert.Equal(expected, BoxCells.FlickrCell(value));

    // Negative pixel coordinates, as Python reads them: int(224 * v / 256) truncates toward zero (-0.875 -> 0,
    // -7.0 -> -7, -262.5 -> -262), then numpy's slice counts a negative bound from the far edge (-7 -> 217) and a bound
    // still negative after that is 0 (checked against numpy 1.24: temp[ymin:ymax, xmin:xmax] = 1).
    [Theory]
    [InlineData(-1, 0)]
    [InlineData(-8, 217)]
    [InlineData(-100, 137)]     // -87
    [InlineData(-256, 0)]       // -224 + 224
    [InlineData(-300, 0)]       // -262 + 224 < 0
    [InlineData(int.MinValue, 0)]
    public void FlickrNegativeCoordinatesAreSliceBoundsFromTheFarEdge(int value, int expected) => Assert.Equal(expected, BoxCells.FlickrCell(value));

    // Box areas from numpy (temp = np.zeros([224, 224]); temp[ymin:ymax, xmin:xmax] = 1; temp.sum()).
    [Theory]
    [InlineData(-8, 10, 256, 50, 245)]
    [InlineData(-300, 0, 100, 100, 7569)]
    [InlineData(10, -40, 100, -8, 2212)]
    public void FlickrBoxesWithNegativeCoordinatesCoverWhatNumpysSliceCovers(int xMin, int yMin, int xMax, int yMax, int area)
    {
        var cells = BoxCells.FromFlickr(xMin, yMin, xMax, yMax);
        Assert.Equal(area, cells.IsEmpty ? 0 : (cells.X1 - cells.X0) * (cells.Y1 - cells.Y0));
    }

    [Theory]
    [InlineData(double.NaN, 0.1, 0.5, 0.9, 20048)]  // a NaN start is cell 0
    [InlineData(0.2, 0.1, double.NaN, 0.9, 0)]      // a NaN end empties the box
    public void VggSsBoxesWithNaNCoverWhatNumpysSliceCovers(double xMin, double yMin, double xMax, double yMax, int area)
    {
        var cells = BoxCells.FromVggSs(xMin, yMin, xMax, yMax);
        Assert.Equal(area, cells.IsEmpty ? 0 : (cells.X1 - cells.X0) * (cells.Y1 - cells.Y0));
    }

    [Fact]
    public void ABoxIsOneInstanceWithItsCellsAndItsPolygon()
    {
        var instance = BoxCells.FromVggSs(0.1, 0.2, 0.5, 0.75).ToInstance("dog barking");
        Assert.Equal("dog barking", instance.Category);
        Assert.Equal(AvatarScenario.SingleSound, instance.Scenario);
        Assert.Equal(new BoundingBox(22, 44, 90, 124), instance.BoundingBox);
        var polygon = Assert.Single(instance.Polygons);
        Assert.Equal(new double[] { 22, 44, 112, 44, 112, 168, 22, 168 }, polygon);
    }

    [Fact]
    public void DegenerateAndInvertedBoxesHaveNoCells()
    {
        var degenerate = BoxCells.FromVggSs(0.5, 0.2, 0.5, 0.6);
        Assert.True(degenerate.IsEmpty);
        Assert.Equal(new BoundingBox(112, 44, 0, 90), degenerate.ToInstance("c").BoundingBox);
        var inverted = BoxCells.FromFlickr(200, 10, 100, 50); // xmin > xmax: numpy's slice is empty
        Assert.True(inverted.IsEmpty);
        Assert.Equal(new BoundingBox(175, 8, 0, 35), inverted.ToInstance("c").BoundingBox);
        Assert.False(BoxCells.FromFlickr(0, 0, 256, 256).IsEmpty);
    }
}
