namespace AvatarTools.Core.IO;

/// <summary>
/// Writes a file whole or not at all: the content goes to a temporary file in the same folder
/// (<c>.&lt;name&gt;.&lt;random&gt;.tmp</c>), which is then renamed over the target. A reader never sees a half-written
/// file, and a write that fails or is interrupted leaves the previous file (if any) as it was.
/// </summary>
/// <remarks>
/// The rename is atomic on POSIX file systems (<c>rename(2)</c>) and replaces the target in one step on Windows
/// (<c>MoveFileEx</c> with <c>MOVEFILE_REPLACE_EXISTING</c>). The data is not forced to the disk (no <c>fsync</c>), so this
/// guards against an interrupted or failing process, not against a power cut. A process killed outright may leave its
/// hidden <c>.tmp</c> file behind; it is never mistaken for the target.
/// </remarks>
public static class AtomicFile
{
    private const int MaxNameInTemporary = 180;

    /// <summary>Creates the file's folder when missing, writes through <paramref name="write"/> and moves the result into place.</summary>
    /// <exception cref="IOException">The file cannot be written; the target is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the target is not writable; the target is unchanged.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
        Directory.CreateDirectory(folder);
        var temporary = TemporaryPath(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                write(stream);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> as the whole file.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="text"/> as the whole file in <paramref name="encoding"/> (its preamble, if any, included).</summary>
    public static void WriteAllText(string path, string text, System.Text.Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(encoding);
        Write(path, stream =>
        {
            stream.Write(encoding.GetPreamble());
            stream.Write(encoding.GetBytes(text));
        });
    }

    /// <summary>The temporary file a write of <paramref name="fullPath"/> uses: hidden, beside it, with a random part.</summary>
    internal static string TemporaryPath(string fullPath)
    {
        var name = Path.GetFileName(fullPath);
        if (name.Length > MaxNameInTemporary)
        {
            name = name[..MaxNameInTemporary];
        }
        var random = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        return Path.Combine(Path.GetDirectoryName(fullPath)!, $".{name}.{random}.tmp");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the hidden temporary file is harmless.
        }
    }
}
