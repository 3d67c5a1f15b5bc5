using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Benchmarks;

/// <summary>
/// Recognises a benchmark's folder by what it holds:
/// <list type="bullet">
/// <item>AVATAR: <c>metadata/</c> (or the <c>metadata</c> folder itself).</item>
/// <item>VGG-SS: <c>vggss.json</c> (beside <c>frames/</c> and <c>audio/</c>).</item>
/// <item>Flickr-SoundNet: a folder of <c>&lt;id&gt;.xml</c> beside <c>frames/</c>: <c>Annotations/</c> as the baselines'
/// instructions lay it out (also <c>annotations/</c>, <c>anno/</c>), else the one other subfolder that holds <c>*.xml</c> files.</item>
/// </list>
/// </summary>
public static class BenchmarkLayout
{
    /// <summary>The folder names tried first for Flickr-SoundNet's XML files, in order.</summary>
    public static readonly IReadOnlyList<string> FlickrAnnotationFolders = ["Annotations", "annotations", "anno"];

    /// <summary>The image folder of the image benchmarks: <c>frames/&lt;id&gt;.jpg</c>.</summary>
    public const string FramesFolder = "frames";

    /// <summary>The audio folder of the image benchmarks: <c>audio/&lt;id&gt;.wav</c> (16 kHz mono).</summary>
    public const string AudioFolder = "audio";

    /// <summary>
    /// The benchmark whose layout <paramref name="root"/> holds and its annotation (the <c>vggss.json</c> file or the
    /// Flickr XML folder; null for AVATAR), or null when it holds none of them.
    /// </summary>
    public static Benchmark? Detect(string root, out string? annotation)
    {
        annotation = null;
        if (Directory.Exists(Path.Combine(root, "metadata")) || string.Equals(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)), "metadata", StringComparison.Ordinal))
        {
            return Benchmark.Avatar;
        }
        var vggss = Path.Combine(root, VggSsReader.FileName);
        if (File.Exists(vggss))
        {
            annotation = vggss;
            return Benchmark.VggSs;
        }
        if (FindFlickrFolder(root) is { } folder)
        {
            annotation = folder;
            return Benchmark.FlickrSoundNet;
        }
        return null;
    }

    /// <summary>The conventional annotation of a benchmark under a root (it may not exist), for messages and defaults.</summary>
    public static string DefaultAnnotation(string root, Benchmark benchmark) => benchmark switch
    {
        Benchmark.VggSs => Path.Combine(root, VggSsReader.FileName),
        Benchmark.FlickrSoundNet => FindFlickrFolder(root) ?? Path.Combine(root, FlickrAnnotationFolders[0]),
        _ => Path.Combine(root, "metadata"),
    };

    /// <summary>What a benchmark folder holds, for the error about a folder that holds none.</summary>
    public const string Expected =
        "expected an AVATAR folder (metadata/), a VGG-SS folder (vggss.json beside frames/ and audio/) or a Flickr-SoundNet folder " +
        "(Annotations/<id>.xml beside frames/ and audio/); or name the benchmark with -Benchmark and its annotation with -Annotation";

    private static string? FindFlickrFolder(string root)
    {
        if (!Directory.Exists(Path.Combine(root, FramesFolder)))
        {
            return null;
        }
        foreach (var name in FlickrAnnotationFolders)
        {
            var folder = Path.Combine(root, name);
            if (Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.xml").Any())
            {
                return folder;
            }
        }
        var others = Directory.EnumerateDirectories(root)
            .Where(folder => Path.GetFileName(folder) is not (FramesFolder or AudioFolder) && Directory.EnumerateFiles(folder, "*.xml").Any())
            .ToList();
        return others.Count == 1 ? others[0] : null;
    }
}
