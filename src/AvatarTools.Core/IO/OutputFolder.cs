using System.Text;

namespace AvatarTools.Core.IO;

/// <summary>
/// The folder one command writes into. It builds every path from names taken from data through
/// <see cref="OutputNames.ToSegment"/>, checks that the result lies inside the folder, and remembers what the command
/// has written so that no output silently replaces another one of the same run. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Two outputs of one command that map to the same path are refused with <c>DuplicateOutput</c> (the second of
/// them: for example the same model, clip and frame twice in the input).</para>
/// <para>Names that differ only in letter case (or in Unicode normalisation) are different files on a case-sensitive file
/// system (Linux), and both are written. On a case-insensitive one (Windows and macOS by default) they would be one
/// file, the second overwriting the first; there the second is refused with <c>OutputNameCollision</c>, naming both.
/// Whether two spellings are one entry is asked of the file system itself, only when such a pair occurs.</para>
/// </remarks>
public sealed class OutputFolder
{
    /// <summary>The id of the error for a second output with the same path in one command.</summary>
    public const string DuplicateOutputId = "DuplicateOutput";

    /// <summary>The id of the error for two names that one case-insensitive file system would store as one.</summary>
    public const string OutputNameCollisionId = "OutputNameCollision";

    /// <summary>The id of the error for a file that exists already when <see cref="NoClobber"/> is set.</summary>
    public const string OutputExistsId = "OutputExists";

    private readonly object _gate = new();
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _folded = new(StringComparer.Ordinal);
    private readonly Func<string, string, bool> _sameEntry;
    private readonly string _rootWithSeparator;
    private readonly StringComparison _pathComparison;

    /// <param name="root">The output folder (need not exist yet).</param>
    public OutputFolder(string root)
        : this(root, null)
    {
    }

    /// <param name="root">The output folder.</param>
    /// <param name="sameEntry">Tells whether two existing full paths are one file-system entry; null asks the file system.</param>
    internal OutputFolder(string root, Func<string, string, bool>? sameEntry)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _rootWithSeparator = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        _pathComparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        _sameEntry = sameEntry ?? SameEntry;
    }

    /// <summary>The full path of the folder.</summary>
    public string Root { get; }

    /// <summary>
    /// Refuse to replace a file that exists before this command writes it (<c>OutputExists</c>); by default an existing
    /// file is overwritten, as PowerShell's own Export-* cmdlets do.
    /// </summary>
    public bool NoClobber { get; init; }

    /// <summary>
    /// The full path of the file <paramref name="stem"/> + <paramref name="extension"/> in the folders
    /// <paramref name="folders"/> under the output folder, every name mapped to a safe segment by
    /// <see cref="OutputNames.ToSegment"/> (the extension is kept as it is); nothing is remembered (use it for -WhatIf
    /// and messages).
    /// </summary>
    /// <param name="folders">The names of the subfolders, outermost first (may be empty).</param>
    /// <param name="stem">The file's name without its extension, e.g. a clip id or a frame index.</param>
    /// <param name="extension">A fixed extension such as <c>.npy</c>: a dot and letters or digits.</param>
    /// <exception cref="AvatarDataException"><c>UnsafeOutputName</c>: an empty name, or a path outside the folder.</exception>
    public string PathFor(IReadOnlyList<string> folders, string stem, string extension)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (extension.Length < 2 || extension[0] != '.' || !extension.Skip(1).All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{extension}' is not a fixed extension such as '.npy'.", nameof(extension));
        }
        var names = folders.Append(stem).ToList();
        var segments = new string[names.Count + 1];
        segments[0] = Root;
        for (var i = 0; i < names.Count; i++)
        {
            try
            {
                segments[i + 1] = OutputNames.ToSegment(names[i]);
            }
            catch (AvatarDataException ex)
            {
                throw new AvatarDataException(ex.ErrorId, ex.Kind, Root, $"{ex.Message} (a name of the output under this folder)", ex);
            }
        }
        segments[^1] += extension;
        var full = Path.GetFullPath(Path.Combine(segments));
        if (!full.StartsWith(_rootWithSeparator, _pathComparison))
        {
            throw new AvatarDataException(OutputNames.UnsafeOutputNameId, AvatarErrorKind.InvalidData, full,
                $"lies outside the output folder {Root}, so it was not written (names: {string.Join(", ", names.Select(name => $"'{name}'"))})");
        }
        return full;
    }

    /// <summary>
    /// <see cref="PathFor"/>, remembered as written by this command: a second claim of the same path, or of one that a
    /// case-insensitive file system would store as the same entry, is refused.
    /// </summary>
    /// <exception cref="AvatarDataException"><c>UnsafeOutputName</c>, <c>DuplicateOutput</c>, <c>OutputNameCollision</c>, or
    /// with <see cref="NoClobber"/> <c>OutputExists</c>.</exception>
    public string Claim(IReadOnlyList<string> folders, string stem, string extension)
    {
        var full = PathFor(folders, stem, extension);
        var relative = full[_rootWithSeparator.Length..];
        lock (_gate)
        {
            if (!_written.Add(full))
            {
                throw new AvatarDataException(DuplicateOutputId, AvatarErrorKind.Conflict, full,
                    "was already written by this command; the input holds the same item twice, so the second was not written");
            }
            if (NoClobber && (File.Exists(full) || Directory.Exists(full)))
            {
                _written.Remove(full);
                throw new AvatarDataException(OutputExistsId, AvatarErrorKind.Conflict, full,
                    "exists already and -NoClobber was given, so it was not replaced; leave out -NoClobber to overwrite it, or write to another folder");
            }
            // Each level (clip folder, file) can collide with another spelling of the same level.
            var prefix = new StringBuilder(Root.Length + relative.Length + 1).Append(Root);
            foreach (var segment in relative.Split(Path.DirectorySeparatorChar))
            {
                prefix.Append(Path.DirectorySeparatorChar).Append(segment);
                var path = prefix.ToString();
                var key = Fold(path);
                if (_folded.TryGetValue(key, out var earlier))
                {
                    if (!string.Equals(earlier, path, StringComparison.Ordinal) && _sameEntry(earlier, path))
                    {
                        _written.Remove(full);
                        throw new AvatarDataException(OutputNameCollisionId, AvatarErrorKind.Conflict, full,
                            $"would be the same file as {earlier}, written before by this command: the names differ only in letter case, " +
                            "and this file system does not tell case apart; write the two to separate folders");
                    }
                }
                else
                {
                    _folded[key] = path;
                }
            }
        }
        return full;
    }

    private static string Fold(string path) => path.Normalize(NormalizationForm.FormC).ToUpperInvariant();

    /// <summary>True when <paramref name="other"/> exists only as another spelling of the entry <paramref name="existing"/>.</summary>
    private static bool SameEntry(string existing, string other)
    {
        if (!(File.Exists(other) || Directory.Exists(other)) || !(File.Exists(existing) || Directory.Exists(existing)))
        {
            return false;
        }
        var parent = Path.GetDirectoryName(other);
        var name = Path.GetFileName(other);
        if (parent is null)
        {
            return false;
        }
        try
        {
            // On a case-insensitive file system the entry is listed under its first spelling only.
            return !Directory.EnumerateFileSystemEntries(parent).Any(entry => string.Equals(Path.GetFileName(entry), name, StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
