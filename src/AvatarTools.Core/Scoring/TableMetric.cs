using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// One metric of the score tables, as data: its name, its column head as printed, the group kinds it applies to, and, for the
/// metrics that carry intervals and comparisons, the per-frame value v(frame) it is 100 × the mean of over a group's frames
/// (which is what lets a clip bootstrap resample it from clip sums without scoring a map again), how it is computed over a
/// group's frames, and where a row keeps its value and its interval. Adding a metric is one new entry (and the list of a
/// table that shows it): the summary, the intervals, the comparisons and the report read these descriptions.
/// </summary>
/// <remarks>
/// The AVATAR rows carry <see cref="CIoU"/>, <see cref="AUC"/> and <see cref="Success50"/> (on-screen groups) and
/// <see cref="TNRate"/> (the Off-Screen group); the VGG-SS and Flickr-SoundNet rows <see cref="CIoUAt50"/>, <see cref="AUC"/>
/// and <see cref="MeanCIoU"/>, as the papers print them. A metric prints as its <see cref="Name"/> (the former enum's names)
/// and <see cref="Parse"/> reads it back, so <c>$comparison.Metric -eq 'CIoU'</c> holds in PowerShell.
/// </remarks>
public sealed class TableMetric : IComparable<TableMetric>, IComparable
{
    private static int created;
    private readonly int order;

    internal TableMetric(string name, string header, string key)
    {
        Name = name;
        Header = header;
        Key = key;
        order = Interlocked.Increment(ref created);
    }

    /// <summary>100 × mean cIoU (on-screen groups).</summary>
    public static TableMetric CIoU { get; } = new("CIoU", "CIoU", "ciou")
    {
        FrameValue = score => score.CIoU,
        Point = frames => ScoreMetrics.MeanPercent(CIoUs(frames)),
        Read = row => row.CIoU,
        Write = (row, value) => row with { CIoU = value },
        ReadBounds = row => (row.CIoULower, row.CIoUUpper),
        WriteBounds = (row, bounds) => row with { CIoULower = bounds?.Lower, CIoUUpper = bounds?.Upper },
    };

    /// <summary>
    /// 100 × the area under the success curve at t = 0.05·i: the mean of a(cIoU), a frame's share of the trapezoid
    /// (<see cref="FrameMetricValues.AucContribution"/>).
    /// </summary>
    public static TableMetric AUC { get; } = new("AUC", "AUC", "auc")
    {
        FrameValue = score => FrameMetricValues.AucContribution(score.CIoU),
        Point = frames => ScoreMetrics.AucPercent(CIoUs(frames)),
        Read = row => row.AUC,
        Write = (row, value) => row with { AUC = value },
        ReadBounds = row => (row.AUCLower, row.AUCUpper),
        WriteBounds = (row, bounds) => row with { AUCLower = bounds?.Lower, AUCUpper = bounds?.Upper },
    };

    /// <summary>100 × the share of frames with cIoU ≥ 0.5, cIoU@0.5 (on-screen groups).</summary>
    public static TableMetric Success50 { get; } = new("Success50", "cIoU@0.5", "success50")
    {
        FrameValue = score => score.CIoU >= 0.5 ? 1.0 : 0.0,
        Point = frames => ScoreMetrics.SuccessPercent(CIoUs(frames)),
        Read = row => row.Success50,
        Write = (row, value) => row with { Success50 = value },
        ReadBounds = row => (row.Success50Lower, row.Success50Upper),
        WriteBounds = (row, bounds) => row with { Success50Lower = bounds?.Lower, Success50Upper = bounds?.Upper },
    };

    /// <summary>100 × TN / (TN + FP) (the Off-Screen group).</summary>
    public static TableMetric TNRate { get; } = new("TNRate", "TN%", "tn")
    {
        AppliesTo = kind => kind == ScoreGroupKind.OffScreen,
        FrameValue = score => score.TrueNegative == true ? 1.0 : 0.0,
        Point = frames => 100 * ((double)frames.Count(score => score.TrueNegative == true) / frames.Count),
        Read = row => row.TNRate,
        Write = (row, value) => row with { TNRate = value },
        ReadBounds = row => (row.TNRateLower, row.TNRateUpper),
        WriteBounds = (row, bounds) => row with { TNRateLower = bounds?.Lower, TNRateUpper = bounds?.Upper },
    };

    /// <summary>
    /// VGG-SS and Flickr-SoundNet: 100 × #{cIoU ≥ 0.5} / K, the papers' "cIoU" (AP50, LocAcc) column; kept on the row as
    /// <see cref="AvatarScore.CIoUAt50"/> and <see cref="AvatarScore.Success50"/> (the same number).
    /// </summary>
    public static TableMetric CIoUAt50 { get; } = new("CIoUAt50", "cIoU", "ciou")
    {
        AppliesTo = _ => true,
        FrameValue = score => score.CIoU >= 0.5 ? 1.0 : 0.0,
        Point = frames => ScoreMetrics.SuccessPercent(CIoUs(frames)),
        Read = row => row.CIoUAt50,
        Write = (row, value) => row with { Success50 = value, CIoUAt50 = value },
        ReadBounds = row => (row.Success50Lower, row.Success50Upper),
        WriteBounds = (row, bounds) => row with { Success50Lower = bounds?.Lower, Success50Upper = bounds?.Upper },
    };

    /// <summary>
    /// VGG-SS and Flickr-SoundNet: 100 × mean cIoU, an undefined sample counting as 0 (EZ-VSL's "Avg-cIoU"); kept on the row
    /// as <see cref="AvatarScore.MeanCIoU"/> and <see cref="AvatarScore.CIoU"/> (the same number).
    /// </summary>
    public static TableMetric MeanCIoU { get; } = new("MeanCIoU", "mean cIoU", "mean")
    {
        AppliesTo = _ => true,
        FrameValue = score => double.IsNaN(score.CIoU) ? 0 : score.CIoU,
        Point = frames => ScoreMetrics.MeanPercent(frames.Select(score => double.IsNaN(score.CIoU) ? 0 : score.CIoU).ToArray()),
        Read = row => row.MeanCIoU,
        Write = (row, value) => row with { CIoU = value, MeanCIoU = value },
        ReadBounds = row => (row.CIoULower, row.CIoUUpper),
        WriteBounds = (row, bounds) => row with { CIoULower = bounds?.Lower, CIoUUpper = bounds?.Upper },
    };

    /// <summary>The report's Δ column (Cross-event CIoU − Total CIoU): a difference of two rows, with no interval of its own.</summary>
    internal static TableMetric Delta { get; } = new("Delta", "Δ", "delta")
    {
        AppliesTo = kind => kind == ScoreGroupKind.CrossEvent,
        Read = row => row.Delta,
        Ranked = false,
    };

    /// <summary>The averaged metrics of the AVATAR rows, in the order rows and comparisons list them.</summary>
    internal static IReadOnlyList<TableMetric> Avatar { get; } = new[] { CIoU, AUC, Success50, TNRate };

    /// <summary>The metrics of the VGG-SS and Flickr-SoundNet rows, in the order their tables print them.</summary>
    internal static IReadOnlyList<TableMetric> Image { get; } = new[] { CIoUAt50, AUC, MeanCIoU };

    /// <summary>Every public metric, in declaration order.</summary>
    public static IReadOnlyList<TableMetric> All { get; } = new[] { CIoU, AUC, Success50, TNRate, CIoUAt50, MeanCIoU };

    /// <summary>The metric's name (CIoU, AUC, Success50, TNRate, CIoUAt50, MeanCIoU).</summary>
    public string Name { get; }

    /// <summary>The column head as the tables print it (CIoU, AUC, cIoU@0.5, TN%, cIoU, mean cIoU).</summary>
    public string Header { get; }

    /// <summary>The column's part of the report's <c>data-column</c> keys (ciou, auc, tn, mean, delta).</summary>
    internal string Key { get; }

    /// <summary>The group kinds whose rows carry the metric; default: every kind but Off-Screen.</summary>
    internal Func<ScoreGroupKind, bool> AppliesTo { get; init; } = kind => kind != ScoreGroupKind.OffScreen;

    /// <summary>v(frame); null for a metric that is not a mean of per-frame values (no interval, no comparison).</summary>
    internal Func<FrameScore, double>? FrameValue { get; init; }

    /// <summary>The metric over a group's frames (null: 100 × the mean of <see cref="FrameValue"/>).</summary>
    internal Func<IReadOnlyList<FrameScore>, double>? Point { get; init; }

    /// <summary>The row's own value of the metric (null when the row does not carry it).</summary>
    internal Func<AvatarScore, double?> Read { get; init; } = _ => null;

    /// <summary>The row with the metric's value set.</summary>
    internal Func<AvatarScore, double, AvatarScore> Write { get; init; } = (row, _) => row;

    /// <summary>The row's interval bounds of the metric (nulls when it has none).</summary>
    internal Func<AvatarScore, (double? Lower, double? Upper)> ReadBounds { get; init; } = _ => (null, null);

    /// <summary>The row with the metric's interval set.</summary>
    internal Func<AvatarScore, (double Lower, double Upper)?, AvatarScore> WriteBounds { get; init; } = (row, _) => row;

    /// <summary>Whether the report marks the highest value of the column as the best.</summary>
    internal bool Ranked { get; init; } = true;

    /// <summary>Whether the metric is a mean of per-frame values (and so carries intervals and comparisons).</summary>
    internal bool IsAveraged => FrameValue is not null;

    /// <summary>The averaged metrics a row of <paramref name="kind"/> of <paramref name="benchmark"/> carries.</summary>
    internal static TableMetric[] For(Benchmark benchmark, ScoreGroupKind kind) =>
        (benchmark == Benchmark.Avatar ? Avatar : Image).Where(metric => metric.IsAveraged && metric.AppliesTo(kind)).ToArray();

    /// <summary>The metric over the frames of a group.</summary>
    internal double PointOf(IReadOnlyList<FrameScore> frames) =>
        Point is not null ? Point(frames) : frames.Count == 0 ? double.NaN : 100 * frames.Average(FrameValue!);

    /// <summary>The metric of that name (ignoring case), as <see cref="ToString"/> prints it.</summary>
    /// <exception cref="FormatException">No metric has that name.</exception>
    public static TableMetric Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(metric => string.Equals(metric.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException($"'{name}' is not a table metric; the metrics are: {string.Join(", ", All.Select(metric => metric.Name))}.");
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    /// <summary>Declaration order (CIoU, AUC, Success50, TNRate, ...), as the former enum sorted.</summary>
    public int CompareTo(TableMetric? other) => other is null ? 1 : order.CompareTo(other.order);

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        TableMetric metric => CompareTo(metric),
        _ => throw new ArgumentException("A TableMetric compares with a TableMetric.", nameof(obj)),
    };

    /// <summary>A metric equals only itself.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc />
    public override int GetHashCode() => order;

    /// <summary>The same metric.</summary>
    public static bool operator ==(TableMetric? left, TableMetric? right) => ReferenceEquals(left, right);

    /// <summary>Not the same metric.</summary>
    public static bool operator !=(TableMetric? left, TableMetric? right) => !ReferenceEquals(left, right);

    /// <summary>Declared before.</summary>
    public static bool operator <(TableMetric? left, TableMetric? right) => Compare(left, right) < 0;

    /// <summary>Declared before or the same.</summary>
    public static bool operator <=(TableMetric? left, TableMetric? right) => Compare(left, right) <= 0;

    /// <summary>Declared after.</summary>
    public static bool operator >(TableMetric? left, TableMetric? right) => Compare(left, right) > 0;

    /// <summary>Declared after or the same.</summary>
    public static bool operator >=(TableMetric? left, TableMetric? right) => Compare(left, right) >= 0;

    private static int Compare(TableMetric? left, TableMetric? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static double[] CIoUs(IReadOnlyList<FrameScore> frames) => frames.Select(score => score.CIoU).ToArray();
}
