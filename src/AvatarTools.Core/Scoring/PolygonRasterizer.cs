namespace AvatarTools.Core.Scoring;

/// <summary>
/// A port of OpenCV's <c>cv::fillPoly</c> for one polygon, 8-connected lines, shift 0, into a byte mask:
/// the polygon's edges are drawn with <c>Line</c> (Bresenham via <c>LineIterator</c>, left to right, clipped
/// with <c>clipLine</c>), then the interior is filled by <c>FillEdgeCollection</c>'s scanline rule
/// (16.16 fixed-point edges, spans from ⌊x_left + ½⌋ to ⌊x_right + ½⌋ on rows y0 ≤ y &lt; y1).
/// This follows OpenCV 4.5.5+ (clipped edges use the clipped endpoints).
/// </summary>
internal sealed class PolygonRasterizer
{
    private const int XyShift = 16;
    private const long XyOne = 1L << XyShift;

    private readonly List<Edge> _edges = new();
    private long[] _active = new long[16];

    public PolygonRasterizer(int width, int height)
    {
        Width = width;
        Height = height;
        Mask = new byte[width * height];
        DirtyTop = height;
        DirtyBottom = -1;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major, 1 for filled pixels.</summary>
    public byte[] Mask { get; }

    /// <summary>The first row that may hold a filled pixel.</summary>
    public int DirtyTop { get; private set; }

    /// <summary>The last row that may hold a filled pixel.</summary>
    public int DirtyBottom { get; private set; }

    public void Clear()
    {
        if (DirtyBottom >= DirtyTop)
        {
            Mask.AsSpan(DirtyTop * Width, (DirtyBottom - DirtyTop + 1) * Width).Clear();
        }
        DirtyTop = Height;
        DirtyBottom = -1;
    }

    /// <summary>Fills one polygon given as flat x, y pairs in pixels; vertices are truncated toward zero.</summary>
    public void FillPolygon(ReadOnlySpan<double> flat)
    {
        var count = flat.Length / 2;
        if (count == 0)
        {
            return;
        }
        _edges.Clear();
        long previousX = (long)flat[(count - 1) * 2];
        long previousY = (long)flat[((count - 1) * 2) + 1];
        for (var i = 0; i < count; i++)
        {
            long x = (long)flat[i * 2];
            long y = (long)flat[(i * 2) + 1];
            CollectEdge(previousX, previousY, x, y);
            previousX = x;
            previousY = y;
        }
        FillEdges();
    }

    private void CollectEdge(long x0, long y0, long x1, long y1)
    {
        var t0x = x0;
        var t0y = y0;
        var t1x = x1;
        var t1y = y1;
        DrawLine(t0x, t0y, t1x, t1y);

        long p0x = x0 << XyShift;
        long p0y = y0;
        long p1x = x1 << XyShift;
        long p1y = y1;
        if ((ulong)t0x >= (ulong)Width || (ulong)t1x >= (ulong)Width || (ulong)t0y >= (ulong)Height || (ulong)t1y >= (ulong)Height)
        {
            ClipLine(ref t0x, ref t0y, ref t1x, ref t1y);
            if (t0y != t1y)
            {
                p0y = t0y;
                p1y = t1y;
                p0x = t0x << XyShift;
                p1x = t1x << XyShift;
            }
        }
        else
        {
            p0x += XyOne >> 1;
            p1x += XyOne >> 1;
        }
        if (y0 == y1)
        {
            return;
        }
        var edge = new Edge { Dx = (p1x - p0x) / (p1y - p0y) };
        if (y0 < y1)
        {
            edge.Y0 = y0;
            edge.Y1 = y1;
            edge.X = p0x + ((edge.Y0 - p0y) * edge.Dx);
        }
        else
        {
            edge.Y0 = y1;
            edge.Y1 = y0;
            edge.X = p1x + ((edge.Y0 - p1y) * edge.Dx);
        }
        _edges.Add(edge);
    }

    private void FillEdges()
    {
        if (_edges.Count < 2)
        {
            return;
        }
        long yMin = long.MaxValue;
        long yMax = long.MinValue;
        foreach (var edge in _edges)
        {
            yMin = Math.Min(yMin, edge.Y0);
            yMax = Math.Max(yMax, edge.Y1);
        }
        var top = (int)Math.Max(0, yMin);
        var bottom = (int)Math.Min(Height, yMax);
        if (_active.Length < _edges.Count)
        {
            _active = new long[_edges.Count * 2];
        }
        for (var y = top; y < bottom; y++)
        {
            var activeCount = 0;
            foreach (var edge in _edges)
            {
                if (edge.Y0 <= y && y < edge.Y1)
                {
                    _active[activeCount++] = edge.X + ((y - edge.Y0) * edge.Dx);
                }
            }
            if (activeCount < 2)
            {
                continue;
            }
            Array.Sort(_active, 0, activeCount);
            var row = Mask.AsSpan(y * Width, Width);
            var touched = false;
            for (var i = 0; i + 1 < activeCount; i += 2)
            {
                var left = _active[i] >> XyShift;
                var right = _active[i + 1] >> XyShift;
                if (left < Width && right >= 0)
                {
                    var from = (int)Math.Max(0, left);
                    var to = (int)Math.Min(Width - 1, right);
                    row.Slice(from, to - from + 1).Fill(1);
                    touched = true;
                }
            }
            if (touched)
            {
                MarkRow(y);
            }
        }
    }

    private void MarkRow(int y)
    {
        if (y < DirtyTop)
        {
            DirtyTop = y;
        }
        if (y > DirtyBottom)
        {
            DirtyBottom = y;
        }
    }

    /// <summary>OpenCV's <c>Line</c>: an 8-connected <c>LineIterator</c> from left to right, clipped to the image.</summary>
    private void DrawLine(long x1, long y1, long x2, long y2)
    {
        if ((ulong)x1 >= (ulong)Width || (ulong)x2 >= (ulong)Width || (ulong)y1 >= (ulong)Height || (ulong)y2 >= (ulong)Height)
        {
            if (!ClipLine(ref x1, ref y1, ref x2, ref y2))
            {
                return;
            }
        }
        long dx = x2 - x1;
        long dy = y2 - y1;
        if (dx < 0)
        {
            dx = -dx;
            dy = -dy;
            (x1, x2) = (x2, x1);
            (y1, y2) = (y2, y1);
        }
        long stepX = 1;
        long stepY = 1;
        if (dy < 0)
        {
            dy = -dy;
            stepY = -1;
        }
        var vertical = dy > dx;
        if (vertical)
        {
            (dx, dy) = (dy, dx);
        }
        var error = dx - (dy + dy);
        var plusDelta = dx + dx;
        var minusDelta = -(dy + dy);
        var count = dx + 1;
        long x = x1;
        long y = y1;
        for (long i = 0; i < count; i++)
        {
            Mask[(y * Width) + x] = 1;
            MarkRow((int)y);
            var minor = error < 0;
            error += minusDelta + (minor ? plusDelta : 0);
            if (vertical)
            {
                y += stepY;
                if (minor)
                {
                    x += stepX;
                }
            }
            else
            {
                x += stepX;
                if (minor)
                {
                    y += stepY;
                }
            }
        }
    }

    /// <summary>OpenCV's <c>clipLine</c> on the image rectangle; false when the segment misses it.</summary>
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

    private struct Edge
    {
        public long Y0;
        public long Y1;
        public long X;
        public long Dx;
    }
}
