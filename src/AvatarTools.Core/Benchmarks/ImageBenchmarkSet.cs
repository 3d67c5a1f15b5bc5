using System.Globalization;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Benchmarks;

/// <summary>One outcome of reading an image benchmark: a frame (with an optional warning about it), or an error.</summary>
/// <param name="Frame">The sample as a frame, or null when it could not be read.</param>
/// <param name="Error">Why the sample could not be read.</param>
/// <param name="Warning">Something the user should know about the frame (an empty ground truth after clipping), or null.</param>
public readonly record struct BenchmarkFrameRecord(AvatarFrame? Frame, AvatarDataException? Error, string? Warning);

/// <summary>
/// An image benchmark in the baselines' layout: VGG-SS (<c>vggss.json</c>) or Flickr-SoundNet (a folder of
/// <c>&lt;id&gt;.xml</c>), with <c>frames/&lt;id&gt;.jpg</c> (the single labelled frame) and <c>audio/&lt;id&gt;.wav</c>
/// (16 kHz mono) under the root. It is the <see cref="IClipMedia"/> of its samples: a sample is a clip with one labelled
/// frame (index 0), no video and no frame rate. The folder is only read.
/// </summary>
/// <remarks>
/// Each sample streams as an <see cref="AvatarFrame"/>: <see cref="AvatarFrame.Benchmark"/> set; Width = Height = 224 (the
/// ground-truth map); each box one <see cref="AvatarInstance"/> (the sample's class, Single-Sound) whose bounding box holds
/// its 224-px cells, half-open, and whose polygon is the same box; ImagePath the jpg; MetadataPath the annotation file;
/// VideoId the sample id; FrameIndex 0; no frame rate, so <see cref="AvatarFrame.Time"/> is null: the labelled frame is
/// taken to lie at the middle of its audio (VGG-SS labels the clip's centre frame), which the localization places its
/// audio window by.
/// </remarks>
public sealed class ImageBenchmarkSet : IClipMedia
{
    private ImageBenchmarkSet(Benchmark benchmark, string root, string annotation)
    {
        Benchmark = benchmark;
        Root = root;
        AnnotationPath = annotation;
    }

    public Benchmark Benchmark { get; }

    /// <summary>The folder that holds <c>frames/</c> and <c>audio/</c>.</summary>
    public string Root { get; }

    /// <summary>The <c>vggss.json</c> file (VGG-SS) or the folder of XML files (Flickr-SoundNet).</summary>
    public string AnnotationPath { get; }

    /// <summary>
    /// Opens an image benchmark at <paramref name="root"/>. <paramref name="annotation"/> (a file for VGG-SS, a folder for
    /// Flickr-SoundNet) defaults to the conventional place (<see cref="BenchmarkLayout"/>).
    /// </summary>
    /// <exception cref="AvatarDataException">DatasetNotFound, AnnotationNotFound, or InvalidArgument for the AVATAR benchmark.</exception>
    public static ImageBenchmarkSet Open(string root, Benchmark benchmark, string? annotation = null)
    {
        if (benchmark == Benchmark.Avatar)
        {
            throw new AvatarDataException("NotAnImageBenchmark", AvatarErrorKind.InvalidArgument, root, "AVATAR is read by AvatarDataset; an image benchmark is VggSs or FlickrSoundNet");
        }
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(full))
        {
            throw new AvatarDataException("DatasetNotFound", AvatarErrorKind.NotFound, full,
                $"{(File.Exists(full) ? "is a file" : "does not exist")}; expected the {Name(benchmark)} folder (the one that holds frames/ and audio/)");
        }
        var path = annotation is null ? BenchmarkLayout.DefaultAnnotation(full, benchmark) : Path.GetFullPath(annotation);
        if (benchmark == Benchmark.VggSs && !File.Exists(path))
        {
            throw new AvatarDataException("AnnotationNotFound", AvatarErrorKind.NotFound, path,
                Directory.Exists(path) ? "is a folder; VGG-SS's annotation is one file, vggss.json" : "does not exist; VGG-SS's annotation is the file vggss.json (give its place with -Annotation)");
        }
        if (benchmark == Benchmark.FlickrSoundNet && !Directory.Exists(path))
        {
            throw new AvatarDataException("AnnotationNotFound", AvatarErrorKind.NotFound, path,
                File.Exists(path) ? "is a file; Flickr-SoundNet's annotation is a folder of <id>.xml files" : "does not exist; Flickr-SoundNet's annotation is a folder of <id>.xml files (Annotations/; give its place with -Annotation)");
        }
        return new ImageBenchmarkSet(benchmark, full, path);
    }

    /// <summary>The benchmark's name as the papers write it.</summary>
    public static string Name(Benchmark benchmark) => benchmark switch
    {
        Benchmark.VggSs => "VGG-SS",
        Benchmark.FlickrSoundNet => "Flickr-SoundNet",
        _ => "AVATAR",
    };

    /// <summary>The sample's image, <c>frames/&lt;id&gt;.jpg</c> (it may not exist).</summary>
    public string ImagePath(string id) => Path.Combine(Root, BenchmarkLayout.FramesFolder, id + ".jpg");

    /// <summary>The sample's audio, <c>audio/&lt;id&gt;.wav</c> (it may not exist).</summary>
    public string AudioPath(string id) => Path.Combine(Root, BenchmarkLayout.AudioFolder, id + ".wav");

    /// <summary>
    /// Reads the samples: all of them in the annotation's order (VGG-SS: the file's; Flickr-SoundNet: by id), or those of
    /// <paramref name="testList"/> in the list's order. <paramref name="warnings"/> receives what concerns several samples
    /// (listed ids without an annotation, before the samples; samples without an image, after them).
    /// </summary>
    /// <exception cref="AvatarDataException">The VGG-SS file cannot be read or is not a JSON array.</exception>
    public IEnumerable<BenchmarkFrameRecord> ReadFrames(TestList? testList, Action<string> warnings, Func<string, bool>? idFilter = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var missingImages = new List<string>();
        // SLAVC's extended lists: the samples of the other rows with their own audio, then the non-sounding pairs (its loader's order).
        var pairs = testList is { HasPairs: true } ? testList.NonSoundingPairs : Array.Empty<TestListEntry>();
        var positives = pairs.Count == 0 ? null : testList!.PositiveIds.ToHashSet(StringComparer.Ordinal);
        var pairSamples = new Dictionary<string, BenchmarkSample>(StringComparer.Ordinal);
        foreach (var record in ReadSamples(testList, warnings, idFilter, cancellation))
        {
            if (record.Error is { } error)
            {
                yield return new BenchmarkFrameRecord(null, error, null);
                continue;
            }
            var sample = record.Sample!;
            if (positives is not null)
            {
                pairSamples[sample.Id] = sample;
                if (!positives.Contains(sample.Id))
                {
                    continue;
                }
            }
            var frame = ToFrame(sample, testList?.Name);
            if (!File.Exists(frame.ImagePath))
            {
                missingImages.Add(sample.Id);
            }
            var warning = sample.HasEmptyGroundTruth
                ? $"{sample.AnnotationPath}: sample '{sample.Id}' has an empty ground truth ({Describe(sample)}); it is scored as the baselines score it (an empty map)"
                : null;
            yield return new BenchmarkFrameRecord(frame, null, warning);
        }
        foreach (var pair in pairs)
        {
            if (pairSamples.TryGetValue(pair.Id, out var sample))
            {
                var frame = ToFrame(sample, testList!.Name);
                if (!File.Exists(frame.ImagePath) && !positives!.Contains(sample.Id))
                {
                    missingImages.Add(sample.Id);
                }
                // The listed audio is the pair's; its box is the image's own, unused: a negative has no box to hit.
                yield return new BenchmarkFrameRecord(new AvatarFrame(frame.VideoId, frame.FrameIndex, frame.Width, frame.Height, frame.Instances,
                    frame.DatasetPath, frame.MetadataPath, frame.ImagePath, frame.FrameRate)
                {
                    Benchmark = frame.Benchmark,
                    TestList = frame.TestList,
                    AudioId = pair.AudioId,
                }, null, null);
            }
        }
        if (missingImages.Count > 0)
        {
            warnings($"{missingImages.Count} sample(s) have no image {Path.Combine(Root, BenchmarkLayout.FramesFolder)}{Path.DirectorySeparatorChar}<id>.jpg: {List(missingImages)}");
        }
    }

    /// <summary>The frame of a sample (see the class remarks).</summary>
    public AvatarFrame ToFrame(BenchmarkSample sample, string? testList)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var instances = sample.Boxes.Select(box => box.ToInstance(sample.Category)).ToArray();
        return new AvatarFrame(sample.Id, 0, BoxCells.MapSize, BoxCells.MapSize, instances, Root, sample.AnnotationPath, ImagePath(sample.Id), null)
        {
            Benchmark = Benchmark,
            TestList = testList,
        };
    }

    private IEnumerable<SampleRecord> ReadSamples(TestList? testList, Action<string> warnings, Func<string, bool>? idFilter, CancellationToken cancellation)
    {
        if (Benchmark == Benchmark.VggSs)
        {
            var records = VggSsReader.Read(AnnotationPath);
            if (testList is null)
            {
                return records.Where(record => record.Sample is null || idFilter is null || idFilter(record.Sample.Id));
            }
            var byId = new Dictionary<string, SampleRecord>(StringComparer.Ordinal);
            foreach (var record in records.Where(record => record.Sample is not null))
            {
                byId[record.Sample!.Id] = record;
            }
            var selected = new List<SampleRecord>();
            var missing = new List<string>();
            foreach (var id in testList.Ids)
            {
                if (byId.TryGetValue(id, out var record))
                {
                    if (idFilter is null || idFilter(id))
                    {
                        selected.Add(record);
                    }
                }
                else
                {
                    missing.Add(id);
                }
            }
            // Entries that failed to read are reported whether listed or not: their id may be the one that is missing.
            var failed = records.Where(record => record.Error is not null);
            return failed.Concat(selected).Concat(Warn(missing, testList, warnings));
        }
        var files = FlickrReader.Files(AnnotationPath);
        IEnumerable<string> chosen;
        if (testList is null)
        {
            chosen = files.Where(file => idFilter is null || idFilter(Path.GetFileNameWithoutExtension(file)));
        }
        else
        {
            var byId = files.ToDictionary(file => Path.GetFileNameWithoutExtension(file), StringComparer.Ordinal);
            var missing = testList.Ids.Where(id => !byId.ContainsKey(id)).ToList();
            chosen = testList.Ids.Where(byId.ContainsKey).Where(id => idFilter is null || idFilter(id)).Select(id => byId[id]).ToList();
            return chosen.AsParallel().AsOrdered().WithCancellation(cancellation).Select(FlickrReader.Read).ToList().Concat(Warn(missing, testList, warnings));
        }
        return chosen.AsParallel().AsOrdered().WithCancellation(cancellation).Select(FlickrReader.Read);
    }

    private SampleRecord[] Warn(List<string> missing, TestList testList, Action<string> warnings)
    {
        if (missing.Count > 0)
        {
            var where = Benchmark == Benchmark.VggSs ? Path.GetFileName(AnnotationPath) : $"{AnnotationPath}{Path.DirectorySeparatorChar}<id>.xml";
            warnings($"{missing.Count} of the {testList.Ids.Count} ids of {Path.GetFileName(testList.Path)} have no annotation in {where} and were left out: {List(missing)}");
        }
        return Array.Empty<SampleRecord>();
    }

    private static string Describe(BenchmarkSample sample) => sample.Boxes.Count == 0
        ? "it has no box"
        : string.Create(CultureInfo.InvariantCulture, $"its {sample.Boxes.Count} box(es) cover no pixel after clipping: {string.Join(", ", sample.Boxes)}");

    private static string List(List<string> ids) =>
        ids.Count <= 10 ? string.Join(", ", ids) : string.Join(", ", ids.Take(10)) + $", ... ({ids.Count - 10} more)";

    string? IClipMedia.VideoFile(string clipId) => null;

    string? IClipMedia.AudioFile(string clipId) => AudioPath(clipId) is var path && File.Exists(path) ? path : null;

    string? IClipMedia.FramesFolder(string clipId) => null;

    double? IClipMedia.FrameRate(string clipId) => null;

    IReadOnlyList<int> IClipMedia.LabelledFrames(string clipId) => [0];
}
