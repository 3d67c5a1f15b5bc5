namespace AvatarTools.Core.Scoring;

/// <summary>
/// The column ranges of a grid row that can hold a value at or above a floor: the blocks of
/// <see cref="UpsampleEngine.RowBounds"/> whose upper bound reaches it, adjacent ones merged. The other columns lie wholly
/// below the floor (their bounds hold exactly), so a pass that only counts values at or above it skips them. One per thread.
/// </summary>
internal sealed class ActiveRuns
{
    private readonly float[] _lower;
    private readonly float[] _upper;
    private readonly int[] _runs;

    public ActiveRuns(int gridWidth)
    {
        var blocks = (gridWidth + UpsampleEngine.BlockWidth - 1) / UpsampleEngine.BlockWidth;
        _lower = new float[blocks];
        _upper = new float[blocks];
        _runs = new int[blocks * 2];
    }

    /// <summary>The number of runs found by the last <see cref="Find"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Columns wholly below the floor in the last <see cref="Find"/>.</summary>
    public int SkippedColumns { get; private set; }

    public int Start(int run) => _runs[run * 2];

    public int End(int run) => _runs[(run * 2) + 1];

    /// <summary>
    /// Finds the runs of row <paramref name="y"/> that may hold a value ≥ <paramref name="floor"/> (&gt; it when
    /// <paramref name="strict"/>), and computes their values into <paramref name="row"/>.
    /// </summary>
    public void Find(UpsampleEngine engine, int y, int gridWidth, float floor, bool strict, Span<float> row)
    {
        engine.RowBounds(y, _lower, _upper);
        var blocks = engine.Blocks;
        Count = 0;
        SkippedColumns = 0;
        var b = 0;
        while (b < blocks)
        {
            if (Below(_upper[b], floor, strict))
            {
                SkippedColumns += Math.Min(gridWidth, (b + 1) * UpsampleEngine.BlockWidth) - (b * UpsampleEngine.BlockWidth);
                b++;
                continue;
            }
            var first = b;
            while (b < blocks && !Below(_upper[b], floor, strict))
            {
                b++;
            }
            var start = first * UpsampleEngine.BlockWidth;
            var end = Math.Min(gridWidth, b * UpsampleEngine.BlockWidth);
            _runs[Count * 2] = start;
            _runs[(Count * 2) + 1] = end;
            Count++;
            engine.ComputeRange(y, start, end, row);
        }
    }

    /// <summary>Whether every value up to <paramref name="upper"/> lies below the floor (never for NaN).</summary>
    private static bool Below(float upper, float floor, bool strict) => strict ? upper <= floor : upper < floor;
}
