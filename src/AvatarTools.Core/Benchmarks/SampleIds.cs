using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Benchmarks;

/// <summary>
/// The sample ids of the image benchmarks become file names (<c>frames/&lt;id&gt;.jpg</c>, <c>audio/&lt;id&gt;.wav</c>):
/// an id must be a plain file name, never a path.
/// </summary>
internal static class SampleIds
{
    /// <summary>Null when the id can name a file in the benchmark's folders, else why not.</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "the sample id is empty";
        }
        if (id is "." or ".." || id.IndexOfAny(['/', '\\', ':']) >= 0 || id.Any(char.IsControl) || id != id.Trim())
        {
            return $"the sample id '{id}' is not a plain file name (no separators, '.', '..', control characters or surrounding spaces)";
        }
        return null;
    }

    public static AvatarDataException Invalid(string path, string errorId, string message) =>
        new(errorId, AvatarErrorKind.InvalidData, path, message);
}
