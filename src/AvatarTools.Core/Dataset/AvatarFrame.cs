namespace AvatarTools.Core.Dataset;

/// <summary>One labelled frame of the benchmark: its metadata, where its files are, and its annotations.</summary>
public sealed class AvatarFrame
{
    public AvatarFrame(string videoId, int frameIndex, int width, int height, IReadOnlyList<AvatarInstance> instances,
        string datasetPath, string metadataPath, string imagePath, double? frameRate)
    {
        VideoId = videoId;
        FrameIndex = frameIndex;
        Width = width;
        Height = height;
        Instances = NameList.Of(instances);
        DatasetPath = datasetPath;
        MetadataPath = metadataPath;
        ImagePath = imagePath;
        FrameRate = frameRate;

        var scenarios = new bool[4];
        var categories = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            scenarios[(int)instance.Scenario] = true;
            categories.Add(instance.Category);
        }
        var list = new List<AvatarScenario>(4);
        for (var i = 0; i < scenarios.Length; i++)
        {
            if (scenarios[i])
            {
                list.Add((AvatarScenario)i);
            }
        }
        Scenarios = new NameList<AvatarScenario>(list);
        Categories = new NameList<string>(categories);
        IsOffScreen = !instances.Any(instance => instance.IsOnScreen);
    }

    /// <summary>The clip id, <c>&lt;YouTubeID&gt;_&lt;start second, 5 digits&gt;</c>.</summary>
    /// <summary>
    /// The benchmark the frame comes from (AVATAR unless a reader of another benchmark made it). For VGG-SS and
    /// Flickr-SoundNet, <see cref="Width"/> and <see cref="Height"/> are 224 (the ground-truth map) and each box is one
    /// instance whose <see cref="AvatarInstance.BoundingBox"/> holds the box's whole-pixel cells, half-open, in that map.
    /// </summary>
    public Benchmark Benchmark { get; init; } = Benchmark.Avatar;

    /// <summary>The name of the test list the frame was selected by (e.g. <c>vggss_heard_test</c>), or null.</summary>
    public string? TestList { get; init; }

    /// <summary>
    /// SLAVC's non-sounding rows (<c>*_plus_silent.csv</c>, label <c>non-sounding</c>): the sample whose audio the image is
    /// paired with. Invoke-AvatarLocalization runs such a frame with that audio and tags its map NonSounding (a negative);
    /// null for a frame heard with its own audio.
    /// </summary>
    public string? AudioId { get; init; }

    public string VideoId { get; }

    /// <summary>The index of the frame in the clip's video (not a timestamp).</summary>
    public int FrameIndex { get; }

    /// <summary>Original width in pixels.</summary>
    public int Width { get; }

    /// <summary>Original height in pixels.</summary>
    public int Height { get; }

    /// <summary>Distinct tasks of the annotations, in scenario order.</summary>
    public NameList<AvatarScenario> Scenarios { get; }

    /// <summary>True when no annotation is on screen.</summary>
    public bool IsOffScreen { get; }

    /// <summary>Distinct <c>audio_visual_category</c> values, sorted ordinally.</summary>
    public NameList<string> Categories { get; }

    /// <summary>The annotated instances; in a CSV cell, a JSON array of "category (task)" strings.</summary>
    public IReadOnlyList<AvatarInstance> Instances { get; }

    /// <summary>The frame's time in seconds (index / frame rate), or null when the frame rate is unknown.</summary>
    public double? Time => FrameRate is double fps && fps > 0 ? FrameIndex / fps : null;

    /// <summary>The clip's video frame rate, when known.</summary>
    public double? FrameRate { get; }

    /// <summary>The dataset root the frame was read from.</summary>
    public string DatasetPath { get; }

    /// <summary>The frame's JSON file.</summary>
    public string MetadataPath { get; }

    /// <summary>The frame's JPEG (it may not exist in a metadata-only set).</summary>
    public string ImagePath { get; }

    /// <summary>The YouTube id part of <see cref="VideoId"/>, or null when the id has none (a Flickr-SoundNet image).</summary>
    public string? YouTubeId => ClipId.TryParse(VideoId, out var id) ? id.YouTubeId : null;

    /// <summary>True when the frame has at least one instance of the scenario.</summary>
    public bool HasScenario(AvatarScenario scenario) => Scenarios.Contains(scenario);

    public override string ToString() => $"{VideoId}/{FrameIndex:D5}";
}
