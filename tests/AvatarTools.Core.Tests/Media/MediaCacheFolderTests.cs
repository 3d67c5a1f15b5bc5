using System.Security.Cryptography;
using System.Text;
using AvatarTools.Core.Media;
using Xunit;

namespace AvatarTools.Core.Tests.Media;

/// <summary>Where the media cache lives: the precedence of -CacheFolder, AVATARTOOLS_CACHE and the platform's folders.</summary>
public sealed class MediaCacheFolderTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void TheExplicitFolderWinsOverTheEnvironment()
    {
        var chosen = Path.Combine(Path.GetTempPath(), "chosen");
        var env = Environment(("AVATARTOOLS_CACHE", "/elsewhere"), ("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u"));
        Assert.Equal(chosen, MediaCacheFolder.ResolveBase(chosen, env, windows: false));
    }

    [Fact]
    public void TheEnvironmentVariableWinsOverThePlatformFolder()
    {
        var env = Environment(("AVATARTOOLS_CACHE", "/srv/avatar-cache"), ("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u"));
        Assert.Equal(Path.GetFullPath("/srv/avatar-cache"), MediaCacheFolder.ResolveBase(null, env, windows: false));
        Assert.Equal(Path.GetFullPath("/srv/avatar-cache"), MediaCacheFolder.ResolveBase("  ", env, windows: false));
    }

    [Fact]
    public void UnixUsesAnAbsoluteXdgCacheHomeElseTheHomeCache()
    {
        Assert.Equal(Path.Combine("/xdg", "AvatarTools"),
            MediaCacheFolder.ResolveBase(null, Environment(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u")), windows: false));
        // The XDG specification: a relative XDG_CACHE_HOME is invalid and must be ignored.
        Assert.Equal(Path.Combine("/home/u", ".cache", "AvatarTools"),
            MediaCacheFolder.ResolveBase(null, Environment(("XDG_CACHE_HOME", "relative/cache"), ("HOME", "/home/u")), windows: false));
        Assert.Equal(Path.Combine("/home/u", ".cache", "AvatarTools"),
            MediaCacheFolder.ResolveBase(null, Environment(("HOME", "/home/u")), windows: false));
    }

    [Fact]
    public void WindowsUsesLocalAppData()
    {
        Assert.Equal(Path.Combine(@"C:\Users\u\AppData\Local", "AvatarTools"),
            MediaCacheFolder.ResolveBase(null, Environment(("LOCALAPPDATA", @"C:\Users\u\AppData\Local"), ("XDG_CACHE_HOME", "/xdg")), windows: true));
    }

    [Fact]
    public void EachDatasetHasItsOwnReadableSubfolderKeyedByItsFullPath()
    {
        var root = Path.Combine(Path.GetTempPath(), "My AVATAR (copy)");
        var key = MediaCacheFolder.DatasetKey(root, windows: false);
        // The name with characters outside [A-Za-z0-9._-] replaced, then the first 12 hex digits of SHA-256 of the full path.
        var expectedHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(root)))).ToLowerInvariant()[..12];
        Assert.Equal("My_AVATAR__copy_-" + expectedHash, key);
        Assert.Equal(key, MediaCacheFolder.DatasetKey(root + Path.DirectorySeparatorChar, windows: false));
        Assert.NotEqual(key, MediaCacheFolder.DatasetKey(Path.Combine(Path.GetTempPath(), "other", "My AVATAR (copy)"), windows: false));
        Assert.Equal(Path.Combine("/base", key), MediaCacheFolder.ForDataset("/base", root));
    }

    [Fact]
    public void WindowsKeysIgnoreCaseAsItsPathsDo()
    {
        var root = Path.Combine(Path.GetTempPath(), "Avatar");
        Assert.Equal(MediaCacheFolder.DatasetKey(root.ToUpperInvariant(), windows: true)[^12..], MediaCacheFolder.DatasetKey(root, windows: true)[^12..]);
        Assert.NotEqual(MediaCacheFolder.DatasetKey(root.ToUpperInvariant(), windows: false), MediaCacheFolder.DatasetKey(root, windows: false));
    }
}
