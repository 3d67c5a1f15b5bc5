namespace AvatarTools.Core.Scoring;

/// <summary>
/// The k-th smallest of values known to lie in [low, high] (no NaN), in two linear passes: a histogram of their float keys'
/// offsets from low's (at most 4,096 bins), then a quickselect among the values of the one bin that holds rank k. The same
/// value as <see cref="PerFrameThreshold.QuickSelect"/> (−0 and +0 compare equal in both), with far fewer compares and swaps
/// on the thousands of values a bracket gathers. One per thread.
/// </summary>
internal sealed class BandSelect
{
    private const int BinBits = 12;
    private readonly int[] _histogram = new int[1 << BinBits];
    private float[] _bin = Array.Empty<float>();

    /// <summary>The value at 0-based ascending rank <paramref name="k"/> of <paramref name="values"/>, each in [low, high].</summary>
    public float Select(ReadOnlySpan<float> values, int k, float low, float high)
    {
        var lowKey = FloatKey.ToKey(low);
        var width = (long)FloatKey.ToKey(high) - lowKey;
        var shift = 0;
        while ((width >> shift) >= 1 << BinBits)
        {
            shift++;
        }
        var histogram = _histogram;
        Array.Clear(histogram);
        foreach (var value in values)
        {
            histogram[(int)(((long)FloatKey.ToKey(value) - lowKey) >> shift)]++;
        }
        var bin = 0;
        var cumulative = 0;
        while (cumulative + histogram[bin] <= k)
        {
            cumulative += histogram[bin];
            bin++;
        }
        if (_bin.Length < histogram[bin])
        {
            _bin = new float[Math.Max(histogram[bin], 1024)];
        }
        var count = 0;
        foreach (var value in values)
        {
            if ((int)(((long)FloatKey.ToKey(value) - lowKey) >> shift) == bin)
            {
                _bin[count++] = value;
            }
        }
        return PerFrameThreshold.QuickSelect(_bin.AsSpan(0, count), k - cumulative);
    }
}
