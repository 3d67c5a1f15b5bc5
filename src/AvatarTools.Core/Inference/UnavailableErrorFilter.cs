namespace AvatarTools.Core.Inference;

/// <summary>
/// Reports a missing program (ffmpeg) once per command rather than once per frame: the first error of kind
/// <see cref="AvatarErrorKind.NotAvailable"/> with a given ErrorId passes, later ones with the same ErrorId are
/// only counted (the frames are skipped). Errors of other kinds always pass. Not thread-safe: use it on the thread
/// that reports.
/// </summary>
public sealed class UnavailableErrorFilter
{
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);

    /// <summary>How many errors were held back, by ErrorId.</summary>
    public IReadOnlyDictionary<string, int> Skipped => _skipped;

    /// <summary>True when the error is to be reported; false when one like it was reported already (it is then counted).</summary>
    public bool ShouldReport(AvatarDataException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Kind != AvatarErrorKind.NotAvailable)
        {
            return true;
        }
        if (_skipped.TryGetValue(error.ErrorId, out var count))
        {
            _skipped[error.ErrorId] = count + 1;
            return false;
        }
        _skipped[error.ErrorId] = 0;
        return true;
    }
}
