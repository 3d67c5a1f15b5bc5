namespace AvatarTools.Core.IO;

/// <summary>
/// A folder of outputs built beside its target (<c>&lt;parent&gt;/.&lt;name&gt;.partial-&lt;random&gt;</c>, the same file system) and
/// moved into place only when complete, so the target is whole or untouched: a build that fails or is cancelled is
/// deleted on <see cref="Dispose"/> and the target stays as it was.
/// </summary>
/// <remarks>
/// <see cref="Publish"/> renames the whole folder to the target when the target does not exist (one atomic rename).
/// Over an existing target it moves the given entries in one by one, in the order given, each replacing the entry of the
/// same name (a replaced folder is moved aside first, then deleted); other entries of the target are left alone. Put the
/// entry that links the others (an index page) last, and it never links a file that is not there yet. A process killed
/// outright may leave its hidden <c>.partial-</c> folder behind; it can be deleted.
/// </remarks>
public sealed class StagingFolder : IDisposable
{
    private bool _disposed;

    private StagingFolder(string target, string path)
    {
        Target = target;
        Path = path;
    }

    /// <summary>The full path of the folder the outputs are meant for.</summary>
    public string Target { get; }

    /// <summary>The full path of the hidden folder to build the outputs in.</summary>
    public string Path { get; }

    /// <summary>Whether <see cref="Publish"/> has moved the outputs into place.</summary>
    public bool IsPublished { get; private set; }

    /// <summary>Creates the hidden folder beside <paramref name="target"/> (and the target's parent when missing).</summary>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The parent is not writable.</exception>
    public static StagingFolder Create(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
        var parent = System.IO.Path.GetDirectoryName(full) ?? throw new IOException($"{full}: the root of a file system cannot be an output folder.");
        Directory.CreateDirectory(parent);
        var name = System.IO.Path.GetFileName(full);
        var random = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var path = System.IO.Path.Combine(parent, $".{(name.Length > 180 ? name[..180] : name)}.partial-{random}");
        Directory.CreateDirectory(path);
        return new StagingFolder(full, path);
    }

    /// <summary>Moves the outputs into the target: the whole folder when the target is absent, else <paramref name="entries"/> in order.</summary>
    /// <param name="entries">The names (files or folders directly in <see cref="Path"/>) to move over an existing target, last the one that links the others.</param>
    /// <exception cref="IOException">An entry cannot be moved; the entries moved before it stay in place.</exception>
    public void Publish(IReadOnlyList<string> entries)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsPublished)
        {
            throw new InvalidOperationException("The outputs are already published.");
        }
        if (!Directory.Exists(Target) && !File.Exists(Target))
        {
            try
            {
                Directory.Move(Path, Target);
                IsPublished = true;
                return;
            }
            catch (IOException) when (Directory.Exists(Target))
            {
                // The target appeared meanwhile: move the entries into it instead.
            }
        }
        var aside = 0;
        foreach (var entry in entries)
        {
            var source = System.IO.Path.Combine(Path, entry);
            var destination = System.IO.Path.Combine(Target, entry);
            var isFolder = Directory.Exists(source);
            if (!isFolder && !File.Exists(source))
            {
                continue;
            }
            if (Directory.Exists(destination) || (isFolder && File.Exists(destination)))
            {
                var old = System.IO.Path.Combine(Path, $".replaced-{aside++}");
                if (Directory.Exists(destination))
                {
                    Directory.Move(destination, old);
                }
                else
                {
                    File.Move(destination, old);
                }
            }
            if (isFolder)
            {
                Directory.Move(source, destination);
            }
            else
            {
                File.Move(source, destination, overwrite: true);
            }
        }
        IsPublished = true;
        DeleteStaging();
    }

    /// <summary>Deletes the hidden folder (with whatever was built in it when it was not published).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        DeleteStaging();
    }

    private void DeleteStaging()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind; hidden, and never mistaken for the target.
        }
    }
}
