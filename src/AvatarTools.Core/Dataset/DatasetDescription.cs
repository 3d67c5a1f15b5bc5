namespace AvatarTools.Core.Dataset;

/// <summary>
/// What a dataset folder holds, in one line for -Verbose: the clips, the media layout found (the download's
/// <c>video/video/</c>, <c>video/</c>, extracted <c>audio/</c> and <c>frames/</c>) and where frame rates come from.
/// </summary>
public static class DatasetDescription
{
    public static string Of(AvatarDataset dataset)
    {
        var root = dataset.Root;
        var clips = dataset.ClipIds().Count;
        var media = new List<string>();
        foreach (var (folder, what) in new[]
        {
            (Path.Combine("video", "video"), "videos in video/video/ (the download's layout)"),
            ("video", "videos in video/"),
            ("audio", "extracted audio in audio/"),
            ("frames", "extracted frames in frames/"),
        })
        {
            var full = Path.Combine(root, folder);
            var holds = Directory.Exists(full) &&
                (folder == "video" ? Directory.EnumerateFiles(full, "*.mp4").Any() : Directory.EnumerateFileSystemEntries(full).Any());
            if (holds)
            {
                media.Add(what);
            }
        }
        var layout = media.Count == 0 ? "metadata only (no video/, audio/ or frames/)" : string.Join(", ", media);
        var sidecar = Path.Combine(root, AvatarDataset.FrameRatesFileName);
        var rates = File.Exists(sidecar)
            ? $"frame rates from {AvatarDataset.FrameRatesFileName}, else from each mp4's header"
            : $"frame rates from each mp4's header (no {AvatarDataset.FrameRatesFileName})";
        return $"Dataset {root}: {clips} clips; {layout}; {rates}.";
    }
}
