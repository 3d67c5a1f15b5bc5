using System.Globalization;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Benchmarks;

/// <summary>
/// A box as whole-pixel cells of the 224 x 224 ground-truth map of VGG-SS and Flickr-SoundNet: columns
/// <see cref="X0"/> … <see cref="X1"/> − 1 and rows <see cref="Y0"/> … <see cref="Y1"/> − 1 (half-open, as the baselines'
/// <c>map[ymin:ymax, xmin:xmax] = 1</c>). A box whose end is not after its start has no cells.
/// </summary>
public readonly record struct BoxCells(int X0, int Y0, int X1, int Y1)
{
    /// <summary>The side of the ground-truth map both image benchmarks score on.</summary>
    public const int MapSize = 224;

    /// <summary>True when the box covers no cell (degenerate or inverted).</summary>
    public bool IsEmpty => X1 <= X0 || Y1 <= Y0;

    /// <summary>
    /// The box as an instance of a frame: <see cref="BoundingBox"/> (X0, Y0, max(X1 − X0, 0), max(Y1 − Y0, 0)), and the
    /// same box as the 4-vertex polygon [X0, Y0, X1, Y0, X1, Y1, X0, Y1] for drawing.
    /// </summary>
    public AvatarInstance ToInstance(string category)
    {
        var width = Math.Max(X1 - X0, 0);
        var height = Math.Max(Y1 - Y0, 0);
        var polygon = new double[] { X0, Y0, X0 + width, Y0, X0 + width, Y0 + height, X0, Y0 + height };
        return new AvatarInstance(category, AvatarScenario.SingleSound, new BoundingBox(X0, Y0, width, height), new[] { polygon });
    }

    /// <summary>
    /// VGG-SS: each normalised coordinate clipped to [0, 1], times 224, truncated toward zero
    /// (<c>(np.clip(bbox, 0, 1) * 224).astype(int)</c>). Infinities clip like any huge value. NaN survives the clip and
    /// numpy's cast makes it the most negative integer (on x86-64), which the slice <c>map[ymin:ymax, xmin:xmax]</c> reads
    /// as 0: a NaN start is the map's first cell and a NaN end makes the box empty.
    /// </summary>
    public static BoxCells FromVggSs(double xMin, double yMin, double xMax, double yMax) =>
        new(VggSsCell(xMin), VggSsCell(yMin), VggSsCell(xMax), VggSsCell(yMax));

    /// <summary>One VGG-SS coordinate: (int)(clip(v, 0, 1) × 224); 0 for NaN.</summary>
    public static int VggSsCell(double value) => double.IsNaN(value) ? 0 : (int)(Math.Clamp(value, 0.0, 1.0) * MapSize);

    /// <summary>
    /// Flickr-SoundNet: each pixel coordinate v of the 256 x 256 frame becomes <c>int(224 * v / 256)</c> (truncated toward
    /// zero), then a bound of the baselines' slice <c>map[ymin:ymax, xmin:xmax]</c> (<see cref="SliceBound"/>): a value past
    /// 256 ends at the map's edge, and a negative one counts from the far edge, as numpy does.
    /// </summary>
    public static BoxCells FromFlickr(int xMin, int yMin, int xMax, int yMax) =>
        new(FlickrCell(xMin), FlickrCell(yMin), FlickrCell(xMax), FlickrCell(yMax));

    /// <summary>One Flickr-SoundNet coordinate: the slice bound of <c>int(224 * v / 256)</c>.</summary>
    public static int FlickrCell(int value) => SliceBound((long)value * MapSize / 256); // integer division truncates toward zero, as int() of the exact quotient

    /// <summary>
    /// A bound of a numpy slice over an axis of 224 cells: a negative index counts from the far end (index + 224, and 0
    /// when that is still negative); an index past the end is the end.
    /// </summary>
    public static int SliceBound(long index) => index < 0 ? (int)Math.Max(index + MapSize, 0) : (int)Math.Min(index, MapSize);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{X0}, {Y0}, {X1}, {Y1})");
}
