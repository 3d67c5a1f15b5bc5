namespace AvatarTools.Core.Benchmarks;

/// <summary>One sample of an image benchmark as its annotation states it, after the benchmark's box rule.</summary>
/// <param name="Id">The sample id (the file name of its image and audio without the extension).</param>
/// <param name="Category">The class (VGG-SS), or <see cref="FlickrReader.Category"/> for Flickr-SoundNet.</param>
/// <param name="Boxes">The boxes in 224-px cells, in the file's order (possibly empty boxes).</param>
/// <param name="AnnotationPath">The file the sample was read from (<c>vggss.json</c> or <c>&lt;id&gt;.xml</c>).</param>
public sealed record BenchmarkSample(string Id, string Category, IReadOnlyList<BoxCells> Boxes, string AnnotationPath)
{
    /// <summary>True when no box covers a cell: the ground truth is empty (a warning; the sample still scores as in the baselines).</summary>
    public bool HasEmptyGroundTruth => Boxes.All(box => box.IsEmpty);
}

/// <summary>The outcome of reading one sample: the sample, or the error that names its file.</summary>
public readonly record struct SampleRecord(BenchmarkSample? Sample, AvatarDataException? Error)
{
    public static SampleRecord Of(BenchmarkSample sample) => new(sample, null);

    public static SampleRecord Failed(AvatarDataException error) => new(null, error);
}
