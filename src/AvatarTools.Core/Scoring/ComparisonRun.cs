namespace AvatarTools.Core.Scoring;

/// <summary>The outcome of a paired comparison: the results, and the models that could not be compared (each with its error).</summary>
public sealed class ComparisonRun
{
    internal ComparisonRun(IReadOnlyList<ScoreComparison> comparisons, IReadOnlyList<AvatarDataException> errors, int seed)
    {
        Comparisons = comparisons;
        Errors = errors;
        Seed = seed;
    }

    /// <summary>Per model (other than the reference), top fraction, group and metric.</summary>
    public IReadOnlyList<ScoreComparison> Comparisons { get; }

    /// <summary>Models (or fractions of a model) left out: frames not shared with the reference, duplicates, no matching fraction.</summary>
    public IReadOnlyList<AvatarDataException> Errors { get; }

    /// <summary>The seed of the draws.</summary>
    public int Seed { get; }
}
