namespace AvatarTools.Core.Scoring;

/// <summary>
/// OpenCV 4.x's <c>cv::fillPoly</c> for one polygon (8-connected, shift 0) into a byte mask, pixel for pixel:
/// <list type="bullet">
/// <item>vertices are truncated toward zero to int32, as <c>np.int32</c> does for in-range values; values beyond
/// the int32 range saturate to <see cref="int.MinValue"/> / <see cref="int.MaxValue"/> (so a square at ±1e308 covers
/// the whole image; Python's <c>np.int32(1e308)</c> would give <see cref="int.MinValue"/> on x86);</item>
/// <item>every edge is drawn with <c>Line</c> (Bresenham as <c>LineIterator</c>, left to right, clipped with
/// <c>clipLine</c>), then <c>CollectPolyEdges</c> makes the 16.16 fixed-point edges from the clipped end points;</item>
/// <item><c>FillEdgeCollection</c> fills, on each row y0 ≤ y &lt; y1 of the sorted active edges taken in pairs,
/// the pixels ⌈x_left⌉ … ⌊x_right⌋, with OpenCV's integer arithmetic (including its 32-bit and 64-bit wrap-around
/// and its early exit for polygons wholly outside), but without walking the rows above the image one by one.</item>
/// </list>
/// Reused per thread: it allocates only when a polygon has more edges than any before it.
/// </summary>
internal sealed class PolygonRasterizer
{
    private const int XyShift = 16;
    private const long XyOne = 1L << XyShift;

    private Edge[] _edges = new Edge[64];
    private int _edgeCount;
    private int[] _edgeOrder = new int[64];
    private int[] _edgeStarts = new int[64];
    private int[] _activeEdges = new int[64];
    private long[] _activeX = new long[64];

    public PolygonRasterizer(int width, int height)
    {
        Width = width;
        Height = height;
        Mask = new byte[width * height];
        DirtyTop = height;
        DirtyBottom = -1;
    }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Row-major (Width bytes a row), 1 for filled pixels; it may be longer than Width × Height after <see cref="Resize"/>.</summary>
    public byte[] Mask { get; private set; }

    /// <summary>The first row that may hold a filled pixel.</summary>
    public int DirtyTop { get; private set; }

    /// <summary>The last row that may hold a filled pixel.</summary>
    public int DirtyBottom { get; private set; }

    /// <summary>
    /// Clears the raster and makes it <paramref name="width"/> × <paramref name="height"/>, keeping its buffer when that is
    /// large enough (frames of several original sizes then allocate nothing as they alternate).
    /// </summary>
    public void Resize(int width, int height)
    {
        Clear();
        if (Mask.Length < (long)width * height)
        {
            Mask = new byte[width * height];
        }
        Width = width;
        Height = height;
        DirtyTop = height;
        DirtyBottom = -1;
    }

    public void Clear()
    {
        if (DirtyBottom >= DirtyTop)
        {
            Mask.AsSpan(DirtyTop * Width, (DirtyBottom - DirtyTop + 1) * Width).Clear();
        }
        DirtyTop = Height;
        DirtyBottom = -1;
    }

    /// <summary>
    /// The integer vertex coordinate of a pixel coordinate: truncated toward zero, saturated to the int32 range.
    /// </summary>
    /// <exception cref="ArgumentException">The coordinate is NaN.</exception>
    public static int ToVertex(double coordinate)
    {
        if (coordinate >= 2147483647.0)
        {
            return int.MaxValue;
        }
        if (coordinate <= -2147483648.0)
        {
            return int.MinValue;
        }
        if (double.IsNaN(coordinate))
        {
            throw new ArgumentException("A polygon coordinate is NaN; finite numbers are expected.", nameof(coordinate));
        }
        return (int)coordinate;
    }

    /// <summary>Fills one polygon given as flat x, y pairs in pixels (one <c>fillPoly</c> call).</summary>
    public void FillPolygon(ReadOnlySpan<double> flat)
    {
        var count = flat.Length / 2;
        if (count == 0)
        {
            return;
        }
        _edgeCount = 0;
        if (_edges.Length < count)
        {
            GrowEdges(count);
        }
        var previousX = ToVertex(flat[(count - 1) * 2]);
        var previousY = ToVertex(flat[((count - 1) * 2) + 1]);
        for (var i = 0; i < count; i++)
        {
            var x = ToVertex(flat[i * 2]);
            var y = ToVertex(flat[(i * 2) + 1]);
            CollectEdge(previousX, previousY, x, y);
            previousX = x;
            previousY = y;
        }
        FillEdges();
    }

    /// <summary>One step of OpenCV's <c>CollectPolyEdges</c>: draw the edge, then keep it (unless horizontal) for the fill.</summary>
    private void CollectEdge(int x0, int y0, int x1, int y1)
    {
        DrawLine(x0, y0, x1, y1);
        if (y0 == y1)
        {
            return;
        }

        // The fill's edge runs between the end points clipped to the image (their y only when the clipped segment
        // is not horizontal), then is extended back to the unclipped rows y0 … y1.
        long t0x = x0;
        long t0y = y0;
        long t1x = x1;
        long t1y = y1;
        long c0y = y0;
        long c1y = y1;
        if ((uint)x0 >= (uint)Width || (uint)x1 >= (uint)Width || (uint)y0 >= (uint)Height || (uint)y1 >= (uint)Height)
        {
            ClipLine(ref t0x, ref t0y, ref t1x, ref t1y);
            if (t0y != t1y)
            {
                c0y = t0y;
                c1y = t1y;
            }
        }
        var c0x = t0x << XyShift;
        var c1x = t1x << XyShift;
        Edge edge;
        edge.Dx = (c1x - c0x) / (c1y - c0y);
        if (y0 < y1)
        {
            edge.Y0 = y0;
            edge.Y1 = y1;
            edge.X = unchecked(c0x + ((y0 - c0y) * edge.Dx));
        }
        else
        {
            edge.Y0 = y1;
            edge.Y1 = y0;
            edge.X = unchecked(c1x + ((y1 - c1y) * edge.Dx));
        }
        _edges[_edgeCount++] = edge;
    }

    /// <summary>OpenCV's <c>FillEdgeCollection</c> for the edges of one polygon.</summary>
    private void FillEdges()
    {
        var total = _edgeCount;
        if (total < 2)
        {
            return;
        }
        var yMin = int.MaxValue;
        var yMax = int.MinValue;
        var xMin = long.MaxValue;
        var xMax = -1L;
        for (var i = 0; i < total; i++)
        {
            ref var edge = ref _edges[i];
            // As OpenCV computes it: the row count in 32 bits, then a 64-bit product (both may wrap).
            var xEnd = unchecked(edge.X + ((long)unchecked(edge.Y1 - edge.Y0) * edge.Dx));
            yMin = Math.Min(yMin, edge.Y0);
            yMax = Math.Max(yMax, edge.Y1);
            xMin = Math.Min(xMin, Math.Min(edge.X, xEnd));
            xMax = Math.Max(xMax, Math.Max(edge.X, xEnd));
        }
        if (yMax < 0 || yMin >= Height || xMax < 0 || xMin >= ((long)Width << XyShift))
        {
            return;
        }

        for (var i = 0; i < total; i++)
        {
            _edgeOrder[i] = i;
            _edgeStarts[i] = _edges[i].Y0;
        }
        Array.Sort(_edgeStarts, _edgeOrder, 0, total);

        // Rows above the image are not drawn; OpenCV walks them adding dx per row, which is x + (y − y0)·dx here.
        var top = Math.Max(0, yMin);
        var bottom = Math.Min(Height, yMax);
        var next = 0;
        var activeCount = 0;
        for (var y = top; y < bottom; y++)
        {
            // Drop the edges that ended, add those that start (or started above the image and still run).
            var kept = 0;
            for (var i = 0; i < activeCount; i++)
            {
                if (_edges[_activeEdges[i]].Y1 > y)
                {
                    _activeEdges[kept] = _activeEdges[i];
                    _activeX[kept] = _activeX[i];
                    kept++;
                }
            }
            activeCount = kept;
            while (next < total && _edgeStarts[next] <= y)
            {
                var index = _edgeOrder[next++];
                ref var edge = ref _edges[index];
                if (edge.Y1 > y)
                {
                    _activeEdges[activeCount] = index;
                    _activeX[activeCount] = unchecked(edge.X + ((y - (long)edge.Y0) * edge.Dx));
                    activeCount++;
                }
            }

            // OpenCV keeps its active list sorted by x (insertion, then bubble sort after each row): same order.
            for (var i = 1; i < activeCount; i++)
            {
                var x = _activeX[i];
                var index = _activeEdges[i];
                var j = i - 1;
                while (j >= 0 && _activeX[j] > x)
                {
                    _activeX[j + 1] = _activeX[j];
                    _activeEdges[j + 1] = _activeEdges[j];
                    j--;
                }
                _activeX[j + 1] = x;
                _activeEdges[j + 1] = index;
            }

            var touched = false;
            var row = Mask.AsSpan(y * Width, Width);
            for (var i = 0; i + 1 < activeCount; i += 2)
            {
                var from = unchecked((int)((_activeX[i] + (XyOne - 1)) >> XyShift));
                var to = unchecked((int)(_activeX[i + 1] >> XyShift));
                if (from < Width && to >= 0)
                {
                    from = Math.Max(from, 0);
                    to = Math.Min(to, Width - 1);
                    if (to >= from)
                    {
                        row.Slice(from, to - from + 1).Fill(1);
                        touched = true;
                    }
                }
                _activeX[i] = unchecked(_activeX[i] + _edges[_activeEdges[i]].Dx);
                _activeX[i + 1] = unchecked(_activeX[i + 1] + _edges[_activeEdges[i + 1]].Dx);
            }
            if (touched)
            {
                MarkRows(y, y);
            }
        }
    }

    private void MarkRows(int from, int to)
    {
        if (from < DirtyTop)
        {
            DirtyTop = from;
        }
        if (to > DirtyBottom)
        {
            DirtyBottom = to;
        }
    }

    /// <summary>OpenCV's <c>Line</c>: an 8-connected <c>LineIterator</c> from left to right, clipped to the image.</summary>
    private void DrawLine(int startX, int startY, int endX, int endY)
    {
        long x1 = startX;
        long y1 = startY;
        long x2 = endX;
        long y2 = endY;
        if ((uint)startX >= (uint)Width || (uint)endX >= (uint)Width || (uint)startY >= (uint)Height || (uint)endY >= (uint)Height)
        {
            if (!ClipLine(ref x1, ref y1, ref x2, ref y2))
            {
                return;
            }
        }
        var ax = (int)x1;
        var ay = (int)y1;
        var bx = (int)x2;
        var by = (int)y2;
        if (bx < ax)
        {
            (ax, bx) = (bx, ax);
            (ay, by) = (by, ay);
        }
        var dx = bx - ax;
        var dy = by - ay;
        var rowStep = Width;
        if (dy < 0)
        {
            dy = -dy;
            rowStep = -Width;
        }
        int majorStep;
        int minorStep;
        if (dy > dx)
        {
            (dx, dy) = (dy, dx);
            majorStep = rowStep;
            minorStep = 1;
        }
        else
        {
            majorStep = 1;
            minorStep = rowStep;
        }
        var error = dx - (dy + dy);
        var plusDelta = dx + dx;
        var minusDelta = -(dy + dy);
        var offset = (ay * Width) + ax;
        var mask = Mask;
        for (var i = 0; i <= dx; i++)
        {
            mask[offset] = 1;
            var minor = error < 0;
            error += minusDelta + (minor ? plusDelta : 0);
            offset += majorStep + (minor ? minorStep : 0);
        }
        MarkRows(Math.Min(ay, by), Math.Max(ay, by));
    }

    /// <summary>OpenCV's <c>clipLine</c> (64-bit) on the image rectangle; false when the segment misses it.</summary>
    private bool ClipLine(ref long x1, ref long y1, ref long x2, ref long y2)
    {
        long right = Width - 1;
        long bottom = Height - 1;
        var c1 = (x1 < 0 ? 1 : 0) + (x1 > right ? 2 : 0) + (y1 < 0 ? 4 : 0) + (y1 > bottom ? 8 : 0);
        var c2 = (x2 < 0 ? 1 : 0) + (x2 > right ? 2 : 0) + (y2 < 0 ? 4 : 0) + (y2 > bottom ? 8 : 0);
        if ((c1 & c2) == 0 && (c1 | c2) != 0)
        {
            long a;
            if ((c1 & 12) != 0)
            {
                a = c1 < 8 ? 0 : bottom;
                x1 += (long)((double)(a - y1) * (x2 - x1) / (y2 - y1));
                y1 = a;
                c1 = (x1 < 0 ? 1 : 0) + (x1 > right ? 2 : 0);
            }
            if ((c2 & 12) != 0)
            {
                a = c2 < 8 ? 0 : bottom;
                x2 += (long)((double)(a - y2) * (x2 - x1) / (y2 - y1));
                y2 = a;
                c2 = (x2 < 0 ? 1 : 0) + (x2 > right ? 2 : 0);
            }
            if ((c1 & c2) == 0 && (c1 | c2) != 0)
            {
                if (c1 != 0)
                {
                    a = c1 == 1 ? 0 : right;
                    y1 += (long)((double)(a - x1) * (y2 - y1) / (x2 - x1));
                    x1 = a;
                    c1 = 0;
                }
                if (c2 != 0)
                {
                    a = c2 == 1 ? 0 : right;
                    y2 += (long)((double)(a - x2) * (y2 - y1) / (x2 - x1));
                    x2 = a;
                    c2 = 0;
                }
            }
        }
        return (c1 | c2) == 0;
    }

    private void GrowEdges(int count)
    {
        var size = Math.Max(count, _edges.Length * 2);
        _edges = new Edge[size];
        _edgeOrder = new int[size];
        _edgeStarts = new int[size];
        _activeEdges = new int[size];
        _activeX = new long[size];
    }

    private struct Edge
    {
        public int Y0;
        public int Y1;
        public long X;
        public long Dx;
    }
}
