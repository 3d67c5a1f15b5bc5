using AvatarTools.Core.Media;
using Xunit;

namespace AvatarTools.Core.Tests.Media;

/// <summary>Entries are written whole under a name of their own, then moved into place.</summary>
public sealed class MediaCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("avatar-cache-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private MediaCache NewCache(List<string>? warnings = null) =>
        new(Path.Combine(_folder, "cache", "set-0123456789ab"), "/data/set", warnings is null ? null : warnings.Add);

    [Fact]
    public void AnEntryAppearsOnlyWhenComplete()
    {
        var cache = NewCache();
        var entry = cache.EntryPath("audio", "clip.wav");
        var seenWhileWriting = true;
        Assert.True(cache.TryWrite(entry, stream =>
        {
            stream.Write(new byte[1000]);
            stream.Flush();
            seenWhileWriting = File.Exists(entry);
            stream.Write(new byte[24]);
        }));
        Assert.False(seenWhileWriting);
        Assert.Equal(1024, new FileInfo(entry).Length);
        Assert.Equal(new[] { "clip.wav" }, Directory.GetFiles(Path.GetDirectoryName(entry)!).Select(Path.GetFileName));
        Assert.Equal("/data/set", File.ReadAllText(Path.Combine(cache.Folder, MediaCache.DatasetFileName)).Trim());
    }

    [Fact]
    public void AWriterThatFailsLeavesNothing()
    {
        var cache = NewCache();
        var entry = cache.EntryPath("frames", "clip.frames");
        Assert.Throws<InvalidOperationException>(() => cache.TryWrite(entry, stream =>
        {
            stream.Write(new byte[4096]);
            throw new InvalidOperationException("interrupted");
        }));
        Assert.False(File.Exists(entry));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(entry)!));
    }

    [Fact]
    public void ManyWritersOfOneEntryAllSucceedAndLeaveOneCompleteCopy()
    {
        var entry = NewCache().EntryPath("audio", "clip.wav");
        var content = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31)).ToArray();
        var results = new bool[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            // Separate cache objects, as separate processes would have.
            results[i] = NewCache().TryWrite(entry, stream =>
            {
                for (var offset = 0; offset < content.Length; offset += 10_000)
                {
                    stream.Write(content, offset, 10_000);
                }
            });
        });
        Assert.All(results, Assert.True);
        Assert.Equal(content, File.ReadAllBytes(entry));
        Assert.Equal(new[] { "clip.wav" }, Directory.GetFiles(Path.GetDirectoryName(entry)!).Select(Path.GetFileName));
    }

    [Fact]
    public void ReplaceOverwritesADamagedEntry()
    {
        var cache = NewCache();
        var entry = cache.EntryPath("audio", "clip.wav");
        Assert.True(cache.TryWrite(entry, stream => stream.Write("damaged"u8)));
        Assert.True(cache.TryWrite(entry, stream => stream.Write("second"u8)));
        Assert.Equal("damaged", File.ReadAllText(entry));
        Assert.True(cache.TryWrite(entry, stream => stream.Write("repaired"u8), replace: true));
        Assert.Equal("repaired", File.ReadAllText(entry));
    }

    [Fact]
    public void LeftOverTemporariesAreNeverEntriesAndOldOnesAreCleaned()
    {
        var cache = NewCache();
        var folder = Path.Combine(cache.Folder, "audio");
        Directory.CreateDirectory(folder);
        var old = Path.Combine(folder, ".clip.wav.999-deadbeef.tmp");
        var fresh = Path.Combine(folder, ".other.wav.998-cafebabe.tmp");
        var entry = Path.Combine(folder, "kept.wav");
        foreach (var file in new[] { old, fresh, entry })
        {
            File.WriteAllText(file, "x");
        }
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow - TimeSpan.FromHours(2));
        Assert.True(MediaCache.IsTemporary(Path.GetFileName(old)));
        Assert.False(MediaCache.IsTemporary("kept.wav"));

        // The first write of a run cleans temporaries older than an hour, and only those.
        Assert.True(cache.TryWrite(cache.EntryPath("audio", "new.wav"), stream => stream.Write("y"u8)));
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(entry));
        Assert.Equal(1, cache.CleanTemporaries(TimeSpan.Zero));
        Assert.False(File.Exists(fresh));
    }

    [Fact]
    public void AnUnwritableCacheWarnsOnceAndTheCallerGoesOn()
    {
        // A cache folder below a regular file cannot be created, even by root.
        var blocker = Path.Combine(_folder, "blocker");
        File.WriteAllText(blocker, "a file, not a folder");
        var warnings = new List<string>();
        var cache = new MediaCache(Path.Combine(blocker, "cache"), "/data/set", warnings.Add);
        Assert.False(cache.TryWrite(cache.EntryPath("audio", "a.wav"), stream => stream.Write("a"u8)));
        Assert.False(cache.TryWrite(cache.EntryPath("audio", "b.wav"), stream => stream.Write("b"u8)));
        Assert.True(cache.WriteFailed);
        var warning = Assert.Single(warnings);
        Assert.Contains(cache.Folder, warning);
        Assert.Contains("-CacheFolder", warning);
        Assert.Contains(MediaCacheFolder.EnvironmentVariable, warning);
    }

    [Fact]
    public void FingerprintsChangeWhenTheSourceFileChanges()
    {
        var source = Path.Combine(_folder, "clip.mp4");
        File.WriteAllText(source, "first");
        var first = MediaCache.Fingerprint(source);
        Assert.Equal(first, MediaCache.Fingerprint(source));
        File.WriteAllText(source, "second, longer");
        Assert.NotEqual(first, MediaCache.Fingerprint(source));
    }
}
