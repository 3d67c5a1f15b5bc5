namespace AvatarTools.Core.Scoring;

/// <summary>The settings of a paired comparison (<see cref="PairedComparison"/>).</summary>
public sealed record ComparisonOptions
{
    /// <summary>The confidence level of the intervals, in (0, 1); default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The bootstrap replicates and the random sign flips; default 2,000.</summary>
    public int Resamples { get; init; } = ScoreOptions.DefaultResamples;

    /// <summary>The seed of the draws; null draws one (reported on every result).</summary>
    public int? Seed { get; init; }

    /// <summary>An optional per-category or per-clip breakdown.</summary>
    public ScoreGrouping GroupBy { get; init; } = ScoreGrouping.None;

    /// <summary>
    /// The metrics compared per benchmark and group kind; null: those the rows carry (<see cref="TableMetric"/>). For a metric
    /// that the rows do not carry yet (the tests define one).
    /// </summary>
    internal Func<AvatarTools.Core.Dataset.Benchmark, ScoreGroupKind, IReadOnlyList<TableMetric>>? Metrics { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentException($"The confidence level must lie in (0, 1), e.g. 0.95; got {ConfidenceLevel}.");
        }
        if (Resamples < 1)
        {
            throw new ArgumentException($"The number of resamples must be at least 1; got {Resamples}.");
        }
    }
}
