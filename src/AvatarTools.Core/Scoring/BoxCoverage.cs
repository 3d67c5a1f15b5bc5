using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The ground truth of a VGG-SS or Flickr-SoundNet frame on the scoring grid, as two binary masks of row spans: A, the
/// pixels at least one box covers, and B, those two or more boxes cover. A box is an instance's
/// <see cref="AvatarInstance.BoundingBox"/>: the half-open cells [X, X + Width) × [Y, Y + Height) of the frame's
/// 224 × 224 map (whole pixels, clipped to the map here too). VGG-SS's G is A (the union); Flickr-SoundNet's consensus
/// G = min(count / 2, 1) is ½·[A] + ½·[B], so Σ P·G = ½|P∩A| + ½|P∩B| and Σ G = ½|A| + ½|B|. On a grid other than the
/// map's size, grid pixel (y, x) takes the map cell of its centre, ⌊(2y + 1)·H / (2·Gh)⌋ (as for AVATAR's masks).
/// Reusable (one per thread); rows that the same boxes cover share their spans.
/// </summary>
internal sealed class BoxCoverage
{
    private readonly List<(int X0, int Y0, int X1, int Y1)> _boxes = new();
    private int[] _rowBand = Array.Empty<int>();
    private readonly List<int> _bandStartA = new();
    private readonly List<int> _bandStartB = new();
    private readonly List<int> _spansA = new();
    private readonly List<int> _spansB = new();
    private (int X, int Delta)[] _events = new (int, int)[16];

    public int GridHeight { get; private set; }

    public int GridWidth { get; private set; }

    /// <summary>|A|: grid pixels covered by at least one box.</summary>
    public long CountA { get; private set; }

    /// <summary>|B|: grid pixels covered by two or more boxes.</summary>
    public long CountB { get; private set; }

    /// <summary>Builds the masks of a frame's on-screen boxes on a gridHeight × gridWidth grid.</summary>
    public void Build(AvatarFrame frame, int gridHeight, int gridWidth)
    {
        GridHeight = gridHeight;
        GridWidth = gridWidth;
        _boxes.Clear();
        var width = frame.Width;
        var height = frame.Height;
        foreach (var instance in frame.Instances)
        {
            if (!instance.IsOnScreen || instance.BoundingBox is not { } box)
            {
                continue;
            }
            var x0 = Cell(box.X, width);
            var y0 = Cell(box.Y, height);
            var x1 = Cell(box.X + box.Width, width);
            var y1 = Cell(box.Y + box.Height, height);
            if (x1 > x0 && y1 > y0)
            {
                _boxes.Add((x0, y0, x1, y1));
            }
        }
        if (_rowBand.Length < gridHeight)
        {
            _rowBand = new int[gridHeight];
        }
        _bandStartA.Clear();
        _bandStartB.Clear();
        _spansA.Clear();
        _spansB.Clear();
        CountA = 0;
        CountB = 0;
        var previousRow = -1;
        var previousCover = ulong.MaxValue;
        var band = -1;
        for (var y = 0; y < gridHeight; y++)
        {
            var sourceRow = height == gridHeight ? y : (int)((((2L * y) + 1) * height) / (2L * gridHeight));
            if (sourceRow != previousRow)
            {
                var cover = 0UL;
                for (var i = 0; i < _boxes.Count; i++)
                {
                    if (_boxes[i].Y0 <= sourceRow && sourceRow < _boxes[i].Y1)
                    {
                        cover |= i < 64 ? 1UL << i : 0;
                    }
                }
                if (cover == 0)
                {
                    band = -1;
                }
                else if (cover != previousCover || band < 0 || _boxes.Count > 64)
                {
                    band = AddBand(sourceRow, width, gridWidth);
                }
                previousRow = sourceRow;
                previousCover = cover;
            }
            _rowBand[y] = band;
            if (band >= 0)
            {
                CountA += Length(_spansA, _bandStartA, band);
                CountB += Length(_spansB, _bandStartB, band);
            }
        }
        _bandStartA.Add(_spansA.Count);
        _bandStartB.Add(_spansB.Count);
    }

    /// <summary>The band of grid row y (spans shared by rows the same boxes cover), or −1 when no box covers it.</summary>
    public int BandOf(int y) => _rowBand[y];

    /// <summary>The spans of A in a band, as start, end pairs in <see cref="SpansA"/>[from .. to).</summary>
    public (int From, int To) RangeA(int band) => (_bandStartA[band], _bandStartA[band + 1]);

    /// <summary>The spans of B in a band, as start, end pairs in <see cref="SpansB"/>[from .. to).</summary>
    public (int From, int To) RangeB(int band) => (_bandStartB[band], _bandStartB[band + 1]);

    public List<int> SpansA => _spansA;

    public List<int> SpansB => _spansB;

    /// <summary>A box coordinate as a whole cell of a map of the given size: truncated toward zero and clipped to [0, size].</summary>
    private static int Cell(double value, int size) =>
        double.IsNaN(value) ? 0 : (int)Math.Clamp(Math.Truncate(value), 0, Math.Max(0, size));

    private static long Length(List<int> spans, List<int> starts, int band)
    {
        var end = band + 1 < starts.Count ? starts[band + 1] : spans.Count;
        long length = 0;
        for (var k = starts[band]; k < end; k += 2)
        {
            length += spans[k + 1] - spans[k];
        }
        return length;
    }

    /// <summary>The spans of A and B of one map row (from the boxes covering it), on the grid's columns.</summary>
    private int AddBand(int sourceRow, int width, int gridWidth)
    {
        var band = _bandStartA.Count;
        _bandStartA.Add(_spansA.Count);
        _bandStartB.Add(_spansB.Count);
        var count = 0;
        foreach (var box in _boxes)
        {
            if (box.Y0 <= sourceRow && sourceRow < box.Y1)
            {
                if (count + 2 > _events.Length)
                {
                    Array.Resize(ref _events, _events.Length * 2);
                }
                _events[count++] = (box.X0, 1);
                _events[count++] = (box.X1, -1);
            }
        }
        Array.Sort(_events, 0, count);
        var depth = 0;
        var startA = 0;
        var startB = 0;
        for (var i = 0; i < count;)
        {
            var x = _events[i].X;
            var before = depth;
            for (; i < count && _events[i].X == x; i++)
            {
                depth += _events[i].Delta;
            }
            if (before < 1 && depth >= 1)
            {
                startA = x;
            }
            else if (before >= 1 && depth < 1)
            {
                AddSpan(_spansA, startA, x, width, gridWidth);
            }
            if (before < 2 && depth >= 2)
            {
                startB = x;
            }
            else if (before >= 2 && depth < 2)
            {
                AddSpan(_spansB, startB, x, width, gridWidth);
            }
        }
        return band;
    }

    /// <summary>Adds map columns [a, b) as the grid columns whose centres fall in them.</summary>
    private static void AddSpan(List<int> spans, int a, int b, int width, int gridWidth)
    {
        int start;
        int end;
        if (width == gridWidth)
        {
            (start, end) = (a, b);
        }
        else
        {
            start = (int)Math.Max(0, CeilingDivide((2L * a * gridWidth) - width, 2L * width));
            end = (int)Math.Min(gridWidth, CeilingDivide((2L * b * gridWidth) - width, 2L * width));
        }
        if (end > start)
        {
            spans.Add(start);
            spans.Add(end);
        }
    }

    private static long CeilingDivide(long numerator, long denominator) =>
        numerator >= 0 ? (numerator + denominator - 1) / denominator : -((-numerator) / denominator);
}
