using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The ground truth G of a frame on the scoring grid, stored as sorted half-open pixel spans per row.
/// G is the union (OR) of every on-screen instance's polygons, each drawn by its own OpenCV <c>fillPoly</c> call
/// (8-connected, shift 0; vertices truncated toward zero and saturated to int32, see <see cref="PolygonRasterizer"/>)
/// at the frame's original size, then brought to the grid by nearest-neighbour sampling of pixel centres:
/// src = ⌊(dst + 0.5) · srcSize / dstSize⌋ (identity at equal size). That rule is the spec's decision; OpenCV's
/// INTER_NEAREST (src = ⌊dst · srcSize / dstSize⌋) differs from it, and INTER_NEAREST_EXACT (16.16 fixed point)
/// differs where the centre falls on or within its rounding of a source pixel boundary (e.g. 854 × 480, 360 × 640).
/// </summary>
public sealed class GroundTruthMask
{
    private readonly int[] _rowStarts;
    private readonly int[] _spans;

    internal GroundTruthMask(int height, int width, int[] rowStarts, int[] spans, long pixelCount)
    {
        Height = height;
        Width = width;
        _rowStarts = rowStarts;
        _spans = spans;
        PixelCount = pixelCount;
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>|G|: the number of grid pixels in the mask.</summary>
    public long PixelCount { get; }

    /// <summary>Whether the grid pixel (y, x) is in the mask.</summary>
    public bool this[int y, int x]
    {
        get
        {
            for (var i = _rowStarts[y]; i < _rowStarts[y + 1]; i += 2)
            {
                if (x >= _spans[i] && x < _spans[i + 1])
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>The spans of row <paramref name="y"/> as (start, end exclusive) pairs.</summary>
    public IReadOnlyList<(int Start, int End)> GetRowSpans(int y)
    {
        var result = new List<(int, int)>();
        for (var i = _rowStarts[y]; i < _rowStarts[y + 1]; i += 2)
        {
            result.Add((_spans[i], _spans[i + 1]));
        }
        return result;
    }

    /// <summary>The mask as a [height, width] array.</summary>
    public bool[,] ToArray()
    {
        var result = new bool[Height, Width];
        for (var y = 0; y < Height; y++)
        {
            for (var i = _rowStarts[y]; i < _rowStarts[y + 1]; i += 2)
            {
                for (var x = _spans[i]; x < _spans[i + 1]; x++)
                {
                    result[y, x] = true;
                }
            }
        }
        return result;
    }

    /// <summary>The ground truth of a frame (its on-screen instances' polygons) on a grid.</summary>
    public static GroundTruthMask Create(AvatarFrame frame, int gridHeight = 360, int gridWidth = 640)
    {
        var builder = new MaskBuilder();
        builder.Build(frame, gridHeight, gridWidth);
        return builder.ToMask();
    }

    /// <summary>The mask of polygons (flat x, y lists in pixels of a <paramref name="width"/> × <paramref name="height"/> image) on a grid.</summary>
    public static GroundTruthMask FromPolygons(IEnumerable<double[]> polygons, int width, int height, int gridHeight, int gridWidth)
    {
        var builder = new MaskBuilder();
        builder.Build(polygons, width, height, gridHeight, gridWidth);
        return builder.ToMask();
    }
}

/// <summary>Reusable (one per thread) rasterizer of frames into grid spans; allocates only when sizes grow.</summary>
internal sealed class MaskBuilder
{
    private PolygonRasterizer? _rasterizer;
    private int[] _rowStarts = Array.Empty<int>();
    private int[] _spans = new int[256];
    private int[] _sourceSpans = new int[64];
    private int _spanCount;

    public int GridHeight { get; private set; }

    public int GridWidth { get; private set; }

    /// <summary>|G| of the last build.</summary>
    public long PixelCount { get; private set; }

    /// <summary>Span boundaries of grid row y are Spans[RowStarts[y] .. RowStarts[y + 1]) as start, end pairs.</summary>
    public int[] RowStarts => _rowStarts;

    public int[] Spans => _spans;

    /// <summary>The ground truth of a frame: one <c>fillPoly</c> per polygon of every on-screen instance, united.</summary>
    public void Build(AvatarFrame frame, int gridHeight, int gridWidth)
    {
        PolygonRasterizer? rasterizer = null;
        var instances = frame.Instances;
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            if (!instance.IsOnScreen)
            {
                continue;
            }
            var polygons = instance.Polygons;
            for (var k = 0; k < polygons.Count; k++)
            {
                rasterizer ??= StartRaster(frame.Width, frame.Height);
                rasterizer?.FillPolygon(polygons[k]);
            }
        }
        Sample(rasterizer, frame.Width, frame.Height, gridHeight, gridWidth);
    }

    /// <summary>The union of one <c>fillPoly</c> per polygon (flat x, y lists in pixels of a width × height image).</summary>
    public void Build(IEnumerable<double[]> polygons, int width, int height, int gridHeight, int gridWidth)
    {
        PolygonRasterizer? rasterizer = null;
        foreach (var polygon in polygons)
        {
            rasterizer ??= StartRaster(width, height);
            rasterizer?.FillPolygon(polygon);
        }
        Sample(rasterizer, width, height, gridHeight, gridWidth);
    }

    /// <summary>The cleared rasterizer for a width × height original, or null when that size holds no pixel.</summary>
    private PolygonRasterizer? StartRaster(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            return null;
        }
        if (_rasterizer is null)
        {
            _rasterizer = new PolygonRasterizer(width, height);
        }
        else if (_rasterizer.Width != width || _rasterizer.Height != height)
        {
            _rasterizer.Resize(width, height);
        }
        _rasterizer.Clear();
        return _rasterizer;
    }

    /// <summary>Brings the raster to the grid as spans (nearest pixel centres).</summary>
    private void Sample(PolygonRasterizer? rasterizer, int width, int height, int gridHeight, int gridWidth)
    {
        GridHeight = gridHeight;
        GridWidth = gridWidth;
        if (_rowStarts.Length != gridHeight + 1)
        {
            _rowStarts = new int[gridHeight + 1];
        }
        _spanCount = 0;
        PixelCount = 0;
        if (rasterizer is null || rasterizer.DirtyBottom < rasterizer.DirtyTop)
        {
            Array.Clear(_rowStarts);
            return;
        }
        var identityX = width == gridWidth;
        var cachedSourceRow = -1;
        var sourceSpanCount = 0;
        for (var y = 0; y < gridHeight; y++)
        {
            _rowStarts[y] = _spanCount;
            var sourceRow = height == gridHeight ? y : (int)((((2L * y) + 1) * height) / (2L * gridHeight));
            if (sourceRow < rasterizer.DirtyTop || sourceRow > rasterizer.DirtyBottom)
            {
                continue;
            }
            if (sourceRow != cachedSourceRow)
            {
                sourceSpanCount = ExtractSpans(rasterizer.Mask.AsSpan(sourceRow * width, width));
                cachedSourceRow = sourceRow;
            }
            for (var i = 0; i < sourceSpanCount; i += 2)
            {
                int start;
                int end;
                if (identityX)
                {
                    start = _sourceSpans[i];
                    end = _sourceSpans[i + 1];
                }
                else
                {
                    // Grid column x samples source column ⌊(2x + 1)·W / (2·Gw)⌋; find the x whose sample lies in [a, b).
                    long a = _sourceSpans[i];
                    long b = _sourceSpans[i + 1];
                    start = (int)Math.Max(0, CeilingDivide((2 * a * gridWidth) - width, 2L * width));
                    end = (int)Math.Min(gridWidth, CeilingDivide((2 * b * gridWidth) - width, 2L * width));
                }
                if (end > start)
                {
                    Add(start, end);
                    PixelCount += end - start;
                }
            }
        }
        _rowStarts[gridHeight] = _spanCount;
    }

    public GroundTruthMask ToMask() =>
        new(GridHeight, GridWidth, (int[])_rowStarts.Clone(), _spans.AsSpan(0, _spanCount).ToArray(), PixelCount);

    private static long CeilingDivide(long numerator, long denominator) =>
        numerator >= 0 ? (numerator + denominator - 1) / denominator : -((-numerator) / denominator);

    private void Add(int start, int end)
    {
        if (_spanCount + 2 > _spans.Length)
        {
            Array.Resize(ref _spans, _spans.Length * 2);
        }
        _spans[_spanCount++] = start;
        _spans[_spanCount++] = end;
    }

    private int ExtractSpans(ReadOnlySpan<byte> row)
    {
        var count = 0;
        var x = 0;
        while (x < row.Length)
        {
            var offset = row[x..].IndexOfAnyExcept((byte)0);
            if (offset < 0)
            {
                break;
            }
            var start = x + offset;
            var length = row[start..].IndexOf((byte)0);
            var end = length < 0 ? row.Length : start + length;
            if (count + 2 > _sourceSpans.Length)
            {
                Array.Resize(ref _sourceSpans, _sourceSpans.Length * 2);
            }
            _sourceSpans[count++] = start;
            _sourceSpans[count++] = end;
            x = end;
        }
        return count;
    }
}
