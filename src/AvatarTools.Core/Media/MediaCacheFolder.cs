using System.Security.Cryptography;
using System.Text;

namespace AvatarTools.Core.Media;

/// <summary>
/// Where decoded media are cached: a per-user folder holding one subfolder per dataset. The base folder is,
/// in this order: the folder the user gives (<c>-CacheFolder</c>), the <see cref="EnvironmentVariable"/>
/// environment variable, else <c>%LOCALAPPDATA%\AvatarTools</c> on Windows and
/// <c>$XDG_CACHE_HOME/AvatarTools</c> (an absolute <c>XDG_CACHE_HOME</c> only, as the XDG specification says),
/// else <c>~/.cache/AvatarTools</c>, elsewhere.
/// </summary>
public static class MediaCacheFolder
{
    /// <summary>The environment variable that names the base cache folder.</summary>
    public const string EnvironmentVariable = "AVATARTOOLS_CACHE";

    /// <summary>The name of the folder under the platform's cache location.</summary>
    public const string ApplicationFolderName = "AvatarTools";

    private const int HashCharacters = 12;
    private const int NameCharacters = 40;

    /// <summary>The base cache folder for this process's environment (see the class remarks).</summary>
    /// <param name="explicitFolder">The folder the user chose, or null.</param>
    public static string ResolveBase(string? explicitFolder = null) =>
        ResolveBase(explicitFolder, Environment.GetEnvironmentVariable, OperatingSystem.IsWindows());

    /// <summary>The base cache folder for a given environment (for tests and for hosts with their own environment).</summary>
    /// <param name="explicitFolder">The folder the user chose, or null.</param>
    /// <param name="environment">Looks an environment variable up; null when it is not set.</param>
    /// <param name="windows">Whether the Windows rule applies.</param>
    public static string ResolveBase(string? explicitFolder, Func<string, string?> environment, bool windows)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(explicitFolder))
        {
            return Path.GetFullPath(explicitFolder);
        }
        if (environment(EnvironmentVariable) is { Length: > 0 } configured && !string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        if (windows)
        {
            var local = environment("LOCALAPPDATA");
            if (string.IsNullOrWhiteSpace(local))
            {
                local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            }
            return Path.Combine(string.IsNullOrWhiteSpace(local) ? Path.GetTempPath() : local, ApplicationFolderName);
        }
        var xdg = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, ApplicationFolderName);
        }
        var home = environment("HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }
        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Path.GetTempPath(), ApplicationFolderName)
            : Path.Combine(home, ".cache", ApplicationFolderName);
    }

    /// <summary>
    /// The subfolder of <paramref name="baseFolder"/> for one dataset: the dataset folder's name (letters, digits,
    /// '.', '_' and '-' kept, others replaced by '_', at most 40 characters), a '-', and the first 12 hexadecimal digits
    /// of the SHA-256 of its full path (UTF-8; lower-cased on Windows, where paths ignore case), e.g.
    /// <c>AVATAR-3f2a9c1b7d4e</c>. Two datasets never share a subfolder unless their paths are the same.
    /// </summary>
    public static string ForDataset(string baseFolder, string datasetRoot) =>
        Path.Combine(baseFolder, DatasetKey(datasetRoot, OperatingSystem.IsWindows()));

    /// <summary>The subfolder name of <see cref="ForDataset"/>.</summary>
    public static string DatasetKey(string datasetRoot, bool windows)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(datasetRoot));
        var identity = windows ? full.ToLowerInvariant() : full;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..HashCharacters].ToLowerInvariant();
        var name = new StringBuilder();
        foreach (var character in Path.GetFileName(full))
        {
            if (name.Length == NameCharacters)
            {
                break;
            }
            name.Append(char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or '-' ? character : '_');
        }
        return (name.Length == 0 ? "dataset" : name.ToString()) + "-" + hash;
    }
}
