namespace AvatarTools.Core.Scoring;

/// <summary>
/// Counts |P| and |P∩G| of one upsampled map at several thresholds without computing most of its pixels: per grid row, the
/// column blocks whose exact bounds (<see cref="UpsampleEngine.RowBounds"/>) lie wholly on one side of a threshold count at
/// once; only the blocks that straddle some threshold are computed, with the very expression the grid values come from, so
/// the counts are those of the full grid. One instance per thread.
/// </summary>
internal sealed class ThresholdCounter
{
    private readonly float[] _row;
    private readonly float[] _lower;
    private readonly float[] _upper;
    private readonly bool[] _exact;
    private byte[] _classes = Array.Empty<byte>();

    private const byte None = 0;
    private const byte All = 1;
    private const byte Straddle = 2;

    public ThresholdCounter(int gridWidth)
    {
        var blocks = (gridWidth + UpsampleEngine.BlockWidth - 1) / UpsampleEngine.BlockWidth;
        _row = new float[gridWidth];
        _lower = new float[blocks];
        _upper = new float[blocks];
        _exact = new bool[blocks];
    }

    /// <summary>
    /// Adds |P| and |P∩G| at each threshold to <paramref name="predicted"/> and <paramref name="intersection"/> (cleared
    /// first). The engine holds the prepared map (and <see cref="UpsampleEngine.PrepareBlocks"/>); G is given as spans per row.
    /// </summary>
    public void Count(UpsampleEngine engine, int gridHeight, int gridWidth, int[] rowStarts, int[] spans, float[] thresholds, TieRule rule,
        int[] predicted, int[] intersection)
    {
        var count = thresholds.Length;
        var blocks = engine.Blocks;
        if (_classes.Length < count * blocks)
        {
            _classes = new byte[count * blocks];
        }
        Array.Clear(predicted, 0, count);
        Array.Clear(intersection, 0, count);
        var above = rule == TieRule.Above;
        for (var y = 0; y < gridHeight; y++)
        {
            engine.RowBounds(y, _lower, _upper);
            var anyExact = false;
            Array.Clear(_exact, 0, blocks);
            for (var s = 0; s < count; s++)
            {
                var tau = thresholds[s];
                var classes = _classes.AsSpan(s * blocks, blocks);
                for (var b = 0; b < blocks; b++)
                {
                    var low = _lower[b];
                    var high = _upper[b];
                    var all = above ? low > tau : low >= tau;
                    var none = above ? high <= tau : high < tau;
                    if (all)
                    {
                        classes[b] = All;
                    }
                    else if (none)
                    {
                        classes[b] = None;
                    }
                    else
                    {
                        classes[b] = Straddle;
                        _exact[b] = true;
                        anyExact = true;
                    }
                }
            }
            if (anyExact)
            {
                ComputeExactBlocks(engine, y, blocks, gridWidth);
            }
            for (var s = 0; s < count; s++)
            {
                var tau = thresholds[s];
                var classes = _classes.AsSpan(s * blocks, blocks);
                var p = 0;
                for (var b = 0; b < blocks; b++)
                {
                    if (classes[b] == None)
                    {
                        continue;
                    }
                    var start = b * UpsampleEngine.BlockWidth;
                    var length = Math.Min(gridWidth, start + UpsampleEngine.BlockWidth) - start;
                    p += classes[b] == All ? length : FrameCounter.Count(_row.AsSpan(start, length), tau, rule);
                }
                predicted[s] += p;
                var inside = 0;
                for (var k = rowStarts[y]; k < rowStarts[y + 1]; k += 2)
                {
                    inside += CountSpan(classes, spans[k], spans[k + 1], gridWidth, tau, rule);
                }
                intersection[s] += inside;
            }
        }
    }

    private void ComputeExactBlocks(UpsampleEngine engine, int y, int blocks, int gridWidth)
    {
        var b = 0;
        while (b < blocks)
        {
            if (!_exact[b])
            {
                b++;
                continue;
            }
            var first = b;
            while (b < blocks && _exact[b])
            {
                b++;
            }
            engine.ComputeRange(y, first * UpsampleEngine.BlockWidth, Math.Min(gridWidth, b * UpsampleEngine.BlockWidth), _row);
        }
    }

    /// <summary>Predicted pixels of one G span [start, end) of the current row at one threshold.</summary>
    private int CountSpan(ReadOnlySpan<byte> classes, int start, int end, int gridWidth, float tau, TieRule rule)
    {
        var total = 0;
        var x = start;
        while (x < end)
        {
            var b = x / UpsampleEngine.BlockWidth;
            var blockEnd = Math.Min(Math.Min(gridWidth, (b + 1) * UpsampleEngine.BlockWidth), end);
            switch (classes[b])
            {
                case All:
                    total += blockEnd - x;
                    break;
                case Straddle:
                    total += FrameCounter.Count(_row.AsSpan(x, blockEnd - x), tau, rule);
                    break;
            }
            x = blockEnd;
        }
        return total;
    }
}
