using System.Globalization;
using System.Security.Cryptography;

namespace AvatarTools.Core.Media;

/// <summary>
/// One dataset's folder in the media cache (see <see cref="MediaCacheFolder"/>): decoded audio and frames, and a
/// <c>dataset.txt</c> naming the dataset. Entries are written whole under a temporary name unique to the writer
/// (<c>.&lt;entry&gt;.&lt;process id&gt;-&lt;random&gt;.tmp</c>, in the entry's folder) and then moved into place,
/// so a reader never sees a half-written entry and several processes can fill one cache at the same time; since
/// every entry is a deterministic function of its name, the first copy moved into place is kept. Temporaries left
/// by an interrupted run are never read, and are deleted by a later run once they are an hour old.
/// Safe to use from several threads.
/// </summary>
public sealed class MediaCache
{
    /// <summary>The name of the file that records which dataset the folder belongs to.</summary>
    public const string DatasetFileName = "dataset.txt";

    /// <summary>What the entries of one clip may take together: 500 kB (its audio, and the frames of a video-level model when they fit).</summary>
    public const long ClipBudgetBytes = 500 * 1024;

    /// <summary>How old a temporary file must be before it counts as left over and is deleted.</summary>
    public static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromHours(1);

    private const string TemporarySuffix = ".tmp";

    private readonly Action<string>? _warn;
    private int _prepared;
    private int _warned;

    /// <param name="folder">The dataset's cache folder (created when first written).</param>
    /// <param name="datasetRoot">The dataset it belongs to (written to <see cref="DatasetFileName"/>).</param>
    /// <param name="warn">Receives one message the first time the cache cannot be written.</param>
    public MediaCache(string folder, string datasetRoot, Action<string>? warn = null)
    {
        Folder = Path.GetFullPath(folder);
        DatasetRoot = datasetRoot;
        _warn = warn;
    }

    /// <summary>The cache of a dataset under the base folder <see cref="MediaCacheFolder.ResolveBase(string?)"/> gives.</summary>
    public static MediaCache ForDataset(string datasetRoot, string? baseFolder = null, Action<string>? warn = null) =>
        new(MediaCacheFolder.ForDataset(MediaCacheFolder.ResolveBase(baseFolder), datasetRoot), datasetRoot, warn);

    /// <summary>The dataset's cache folder.</summary>
    public string Folder { get; }

    /// <summary>The dataset the folder belongs to.</summary>
    public string DatasetRoot { get; }

    /// <summary>True once a write failed (the cache is then used for reading only).</summary>
    public bool WriteFailed => Volatile.Read(ref _warned) != 0;

    /// <summary>The path of an entry: <c>&lt;folder&gt;/&lt;kind&gt;/&lt;name&gt;</c>.</summary>
    public string EntryPath(string kind, string name) => Path.Combine(Folder, kind, name);

    /// <summary>
    /// A short fingerprint of a source file (its length and last write time), so that entries made from a file
    /// that was replaced are not used for the new one.
    /// </summary>
    public static string Fingerprint(string sourcePath)
    {
        var info = new FileInfo(sourcePath);
        var text = string.Create(CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}");
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..10].ToLowerInvariant();
    }

    /// <summary>
    /// Writes an entry atomically: <paramref name="write"/> fills a new temporary file, which is then moved to
    /// <paramref name="entryPath"/>. When another writer's copy is in place first it is kept, unless
    /// <paramref name="replace"/> (used to replace an entry found damaged). Returns false, after one warning
    /// for the whole cache, when the cache cannot be written; the caller then goes on with what it decoded.
    /// </summary>
    public bool TryWrite(string entryPath, Action<Stream> write, bool replace = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        var folder = Path.GetDirectoryName(entryPath)!;
        string? temporary = null;
        try
        {
            Prepare();
            Directory.CreateDirectory(folder);
            temporary = TemporaryName(entryPath);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }
            try
            {
                File.Move(temporary, entryPath, overwrite: replace);
            }
            catch (IOException) when (!replace && File.Exists(entryPath))
            {
                // Another writer was first; its entry holds the same bytes.
                TryDelete(temporary);
            }
            temporary = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Warn(ex.Message);
            return false;
        }
        finally
        {
            if (temporary is not null)
            {
                TryDelete(temporary);
            }
        }
    }

    /// <summary>Deletes the temporary files in the cache's entry folders that are older than <paramref name="age"/>; returns how many.</summary>
    public int CleanTemporaries(TimeSpan age)
    {
        var removed = 0;
        if (!Directory.Exists(Folder))
        {
            return 0;
        }
        var limit = DateTime.UtcNow - age;
        try
        {
            foreach (var kind in Directory.EnumerateDirectories(Folder))
            {
                foreach (var file in Directory.EnumerateFiles(kind, ".*" + TemporarySuffix))
                {
                    if (File.GetLastWriteTimeUtc(file) < limit && TryDelete(file))
                    {
                        removed++;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Cleaning is best effort; another run will try again.
        }
        return removed;
    }

    /// <summary>Whether a file name is one of this cache's temporaries (never to be read as an entry).</summary>
    public static bool IsTemporary(string fileName) => fileName.StartsWith('.') && fileName.EndsWith(TemporarySuffix, StringComparison.Ordinal);

    private static string TemporaryName(string entryPath) =>
        Path.Combine(Path.GetDirectoryName(entryPath)!,
            string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(entryPath)}.{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}{TemporarySuffix}"));

    // Once per cache object: create the folder, say which dataset it belongs to, and clean old temporaries.
    private void Prepare()
    {
        if (Interlocked.Exchange(ref _prepared, 1) != 0)
        {
            return;
        }
        Directory.CreateDirectory(Folder);
        var datasetFile = Path.Combine(Folder, DatasetFileName);
        if (!File.Exists(datasetFile))
        {
            var temporary = TemporaryName(datasetFile);
            File.WriteAllText(temporary, DatasetRoot + Environment.NewLine);
            try
            {
                File.Move(temporary, datasetFile, overwrite: true);
            }
            finally
            {
                TryDelete(temporary);
            }
        }
        CleanTemporaries(StaleTemporaryAge);
    }

    private void Warn(string reason)
    {
        // Let a later write try the folder again (it may have been a passing fault), but warn once.
        Volatile.Write(ref _prepared, 0);
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            _warn?.Invoke($"The media cache {Folder} cannot be written ({reason}); decoded audio and frames are used but not kept, " +
                $"so the next run decodes them again. Choose a writable folder with -CacheFolder or the {MediaCacheFolder.EnvironmentVariable} environment variable.");
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
