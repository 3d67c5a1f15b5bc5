using System.Globalization;
using System.Text;
using System.Xml;
using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Media;

namespace AvatarTools.Core.Synthetic;

/// <summary>What <see cref="ImageBenchmarkSetWriter.Write"/> wrote.</summary>
/// <param name="Root">The set's root (full path): give it to <c>Get-AvatarFrame</c>.</param>
/// <param name="Benchmark">VggSs or FlickrSoundNet.</param>
/// <param name="SampleCount">Number of samples written (images, audio files and annotations).</param>
/// <param name="SampleIds">The sample ids, in the order they were generated.</param>
/// <param name="Annotation">The annotation: <c>vggss.json</c>, or the folder <c>Annotations/</c> of <c>&lt;id&gt;.xml</c>.</param>
/// <param name="TestLists">The test lists written beside the annotation.</param>
/// <param name="CorruptSampleIds">VGG-SS: the samples whose boxes hold a corrupt value (−2.9e16) or a degenerate xmin = xmax box.</param>
/// <param name="EmptyGroundTruthIds">The samples whose ground truth is empty after clipping.</param>
/// <param name="ShortAudioIds">The samples whose audio is shorter than 3 s (the baselines tile it).</param>
public sealed record ImageBenchmarkSetResult(
    string Root,
    Benchmark Benchmark,
    int SampleCount,
    IReadOnlyList<string> SampleIds,
    string Annotation,
    IReadOnlyList<string> TestLists,
    IReadOnlyList<string> CorruptSampleIds,
    IReadOnlyList<string> EmptyGroundTruthIds,
    IReadOnlyList<string> ShortAudioIds)
{
    /// <summary>
    /// SLAVC's extended list, <c>vggss_test_plus_silent.csv</c> or <c>flickr_test_plus_silent.csv</c> (header
    /// <c>video,audio,label</c>): every sample with its own audio (label <c>sounding</c>), then every sample paired with the
    /// audio of the next sample of another class (label <c>non-sounding</c>). Not among <see cref="TestLists"/>.
    /// </summary>
    public string? PlusSilentList { get; init; }
}

/// <summary>
/// Writes a synthetic image benchmark in the baselines' layout, so VGG-SS and Flickr-SoundNet pipelines run without the
/// real data: <c>frames/&lt;id&gt;.jpg</c> (the labelled frame), <c>audio/&lt;id&gt;.wav</c> (16 kHz mono, 10 s; one sample
/// 2 s), and the annotation with test lists. Each sample shows one or two sounding objects of its class (sometimes with a
/// silent object of another class) whose size, brightness and sound pulse with the same envelope, as in the AVATAR set;
/// the labelled frame is the picture at the middle of the audio.
/// <list type="bullet">
/// <item>VGG-SS: <c>vggss.json</c> (boxes normalised to [0, 1], tight around each sounding object), <c>vggss_test.csv</c>,
/// <c>vggss_heard_test.csv</c> and <c>vggss_unheard_test.csv</c> (one id per line; heard = the first four classes). Ids
/// <c>&lt;11 characters&gt;_&lt;6 digits&gt;</c>. Corrupt boxes like the public file's: sample 1 has a −2.9e16 coordinate,
/// sample 2 an extra degenerate box (xmin = xmax), sample 3 an empty ground truth after clipping.</item>
/// <item>Flickr-SoundNet: 256 x 256 images, <c>Annotations/&lt;id&gt;.xml</c> with the boxes of two or three annotators
/// (each a jittered copy of the tight box), <c>flickr_test.csv</c> (rows <c>&lt;id&gt;,&lt;number&gt;</c>). Ids are 10-digit numbers.</item>
/// </list>
/// The same seed and count give byte-identical files on the same platform and runtime.
/// </summary>
public sealed class ImageBenchmarkSetWriter
{
    /// <summary>The audio length of every sample but the short one.</summary>
    public const double DurationSeconds = 10;

    /// <summary>The audio length of the short sample (index 4), tiled by the baselines' 3 s window.</summary>
    public const double ShortDurationSeconds = 2;

    private const double CorruptCoordinate = -2.9e16;
    private const int VggSsWidth = 320;
    private const int VggSsHeight = 240;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Writes the set under <paramref name="root"/> (created when missing; it must not hold a benchmark yet).</summary>
    /// <exception cref="AvatarDataException">SyntheticRootNotEmpty when the root holds frames/, audio/ or an annotation already.</exception>
    public static ImageBenchmarkSetResult Write(string root, Benchmark benchmark, int sampleCount = 12, int seed = 1, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (benchmark == Benchmark.Avatar)
        {
            throw new ArgumentException("AVATAR sets are written by SyntheticSetWriter.", nameof(benchmark));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleCount, 100_000);
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var flickr = benchmark == Benchmark.FlickrSoundNet;
        var annotation = flickr ? Path.Combine(root, BenchmarkLayout.FlickrAnnotationFolders[0]) : Path.Combine(root, VggSsReader.FileName);
        foreach (var taken in new[] { Path.Combine(root, BenchmarkLayout.FramesFolder), Path.Combine(root, BenchmarkLayout.AudioFolder), annotation, Path.Combine(root, "metadata") })
        {
            if (File.Exists(taken) || (Directory.Exists(taken) && Directory.EnumerateFileSystemEntries(taken).Any()))
            {
                throw new AvatarDataException("SyntheticRootNotEmpty", AvatarErrorKind.InvalidArgument, root,
                    $"already holds a dataset ({Path.GetFileName(taken)} exists); choose an empty or new folder");
            }
        }
        var random = new Random(SeedMixer.Mix(seed, flickr ? 7002 : 7001));
        var ids = flickr ? FlickrIds(random, sampleCount) : VggSsIds(random, sampleCount);
        var samples = new SampleSpec[sampleCount];
        for (var i = 0; i < sampleCount; i++)
        {
            samples[i] = Plan(i, ids[i], SeedMixer.Mix(seed, 8000 + i), flickr);
        }
        Directory.CreateDirectory(Path.Combine(root, BenchmarkLayout.FramesFolder));
        Directory.CreateDirectory(Path.Combine(root, BenchmarkLayout.AudioFolder));
        if (flickr)
        {
            Directory.CreateDirectory(annotation);
        }
        Parallel.For(0, sampleCount, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            var sample = samples[i];
            var renderer = new FrameRenderer(sample.Plan);
            File.WriteAllBytes(Path.Combine(root, BenchmarkLayout.FramesFolder, sample.Id + ".jpg"), renderer.RenderJpeg(sample.Duration / 2));
            WavFile.Write(Path.Combine(root, BenchmarkLayout.AudioFolder, sample.Id + ".wav"),
                ClipAudioSynthesizer.Synthesize(sample.Plan, sample.Duration, SyntheticSetOptions.AudioSampleRate), SyntheticSetOptions.AudioSampleRate);
            if (flickr)
            {
                File.WriteAllBytes(Path.Combine(annotation, sample.Id + ".xml"), FlickrXml(sample, new Random(SeedMixer.Mix(sample.Plan.Seed, 3))));
            }
        });

        var lists = new List<string>();
        var corrupt = new List<string>();
        var empty = new List<string>();
        if (flickr)
        {
            var list = Path.Combine(root, "flickr_test.csv");
            File.WriteAllText(list, string.Concat(samples.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{s.Id},{i}\n"))));
            lists.Add(list);
        }
        else
        {
            File.WriteAllBytes(annotation, VggSsJson(samples, corrupt, empty));
            var heard = SyntheticCategory.All.Take(4).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, select) in new (string, Func<SampleSpec, bool>)[]
            {
                ("vggss_test.csv", _ => true),
                ("vggss_heard_test.csv", s => heard.Contains(s.Category.Name)),
                ("vggss_unheard_test.csv", s => !heard.Contains(s.Category.Name)),
            })
            {
                var list = Path.Combine(root, name);
                File.WriteAllText(list, string.Concat(samples.Where(select).Select(s => s.Id + "\n")));
                lists.Add(list);
            }
        }
        var shortAudio = samples.Where(s => s.Duration < 3).Select(s => s.Id).ToList();
        var plusSilent = Path.Combine(root, flickr ? "flickr_test_plus_silent.csv" : "vggss_test_plus_silent.csv");
        File.WriteAllText(plusSilent, PlusSilentRows(samples));
        return new ImageBenchmarkSetResult(root, benchmark, sampleCount, ids, annotation, lists, corrupt, empty, shortAudio)
        {
            PlusSilentList = plusSilent,
        };
    }

    // SLAVC's extended list: the sounding rows, then each image with the audio of the next sample (cyclically) of another class.
    private static string PlusSilentRows(IReadOnlyList<SampleSpec> samples)
    {
        var text = new StringBuilder(TestList.SilentHeader + "\n");
        foreach (var sample in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"{sample.Id},{sample.Id},sounding\n");
        }
        for (var i = 0; i < samples.Count; i++)
        {
            for (var k = 1; k < samples.Count; k++)
            {
                var donor = samples[(i + k) % samples.Count];
                if (donor.Category.Name != samples[i].Category.Name)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{samples[i].Id},{donor.Id},{TestListEntry.NonSoundingLabel}\n");
                    break;
                }
            }
        }
        return text.ToString();
    }

    private sealed record SampleSpec(string Id, SyntheticCategory Category, ClipPlan Plan, double Duration, IReadOnlyList<SceneObject> Sounding);

    private static SampleSpec Plan(int index, string id, int seed, bool flickr)
    {
        var random = new Random(seed);
        var (width, height) = flickr ? (FlickrReader.FrameSize, FlickrReader.FrameSize) : (VggSsWidth, VggSsHeight);
        var duration = index == 4 ? ShortDurationSeconds : DurationSeconds;
        var builder = new SceneBuilder(random, width, height, [duration / 2]);
        var categories = builder.Categories(2, SyntheticCategory.All[index % SyntheticCategory.All.Count]);
        var sounding = new List<SceneObject> { builder.Add(categories[0], SoundInterval.Always) };
        if (index % 3 == 2)
        {
            sounding.Add(builder.LookAlike(sounding[0], SoundInterval.Always));
        }
        if (index % 4 == 1)
        {
            builder.Add(categories[1]);
        }
        var plan = new ClipPlan(index, id, SceneKind.Single, width, height, seed, builder.Objects.ToArray(), Array.Empty<PlannedFrame>(), OmitOffScreenKeys: false);
        return new SampleSpec(id, categories[0], plan, duration, sounding);
    }

    // The tight box of an object's drawn polygons at the labelled time, in pixels: [xmin, ymin, xmax, ymax].
    private static double[] PixelBox(SceneObject item, double time)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var polygon in item.Polygons(time))
        {
            for (var i = 0; i < polygon.Length; i += 2)
            {
                minX = Math.Min(minX, polygon[i]);
                maxX = Math.Max(maxX, polygon[i]);
                minY = Math.Min(minY, polygon[i + 1]);
                maxY = Math.Max(maxY, polygon[i + 1]);
            }
        }
        return [minX, minY, maxX, maxY];
    }

    private static byte[] VggSsJson(SampleSpec[] samples, List<string> corrupt, List<string> empty)
    {
        using var stream = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = false }))
        {
            json.WriteStartArray();
            for (var i = 0; i < samples.Length; i++)
            {
                var sample = samples[i];
                var boxes = sample.Sounding.Select(item => PixelBox(item, sample.Duration / 2))
                    .Select(b => new[] { Round(b[0] / VggSsWidth), Round(b[1] / VggSsHeight), Round(b[2] / VggSsWidth), Round(b[3] / VggSsHeight) })
                    .ToList();
                switch (i)
                {
                    case 1:
                        boxes[0][1] = CorruptCoordinate; // a corrupt ymin like the public file's; it clips to 0
                        corrupt.Add(sample.Id);
                        break;
                    case 2:
                        boxes.Add([0.5, 0.25, 0.5, 0.75]); // degenerate: xmin = xmax covers no pixel
                        corrupt.Add(sample.Id);
                        break;
                    case 3:
                        // Nothing left after clipping: a box past the right edge and a degenerate one.
                        boxes = [[1.2, 0.1, 1.5, 0.4], [0.3, 0.6, 0.3, 0.9]];
                        empty.Add(sample.Id);
                        break;
                }
                json.WriteStartObject();
                json.WriteString("file", sample.Id);
                json.WriteString("class", sample.Category.Name);
                json.WriteStartArray("bbox");
                foreach (var box in boxes)
                {
                    json.WriteStartArray();
                    foreach (var value in box)
                    {
                        if (value == CorruptCoordinate)
                        {
                            json.WriteRawValue("-2.9e16"); // as the public file writes it
                        }
                        else
                        {
                            json.WriteNumberValue(value);
                        }
                    }
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return stream.ToArray();
    }

    private static double Round(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);

    // Two or three annotators, each with a box per sounding object: the tight box, its corners moved by up to 6 pixels.
    private static byte[] FlickrXml(SampleSpec sample, Random random)
    {
        var annotators = 2 + (sample.Plan.Number % 2);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartElement("annotation");
            xml.WriteElementString("filename", sample.Id + ".jpg");
            xml.WriteStartElement("size");
            xml.WriteElementString("width", "256");
            xml.WriteElementString("height", "256");
            xml.WriteEndElement();
            for (var annotator = 1; annotator <= annotators; annotator++)
            {
                xml.WriteStartElement("object");
                xml.WriteElementString("annotator", annotator.ToString(CultureInfo.InvariantCulture));
                foreach (var item in sample.Sounding)
                {
                    var box = PixelBox(item, sample.Duration / 2);
                    xml.WriteStartElement("bbox");
                    xml.WriteElementString("label", "sound");
                    var names = new[] { "xmin", "ymin", "xmax", "ymax" };
                    for (var k = 0; k < 4; k++)
                    {
                        var value = (k < 2 ? Math.Floor(box[k]) : Math.Ceiling(box[k])) + random.Next(-6, 7);
                        xml.WriteElementString(names[k], ((int)Math.Clamp(value, 0, 256)).ToString(CultureInfo.InvariantCulture));
                    }
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static string[] VggSsIds(Random random, int count)
    {
        var ids = new string[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            string id;
            do
            {
                var chars = new char[11];
                for (var c = 0; c < chars.Length; c++)
                {
                    chars[c] = Alphabet[random.Next(Alphabet.Length)];
                }
                id = string.Create(CultureInfo.InvariantCulture, $"{new string(chars)}_{random.Next(0, 300):D6}");
            }
            while (!seen.Add(id));
            ids[i] = id;
        }
        return ids;
    }

    private static string[] FlickrIds(Random random, int count)
    {
        var ids = new string[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            string id;
            do
            {
                id = (2_000_000_000L + (long)(random.NextDouble() * 2_000_000_000L)).ToString(CultureInfo.InvariantCulture);
            }
            while (!seen.Add(id));
            ids[i] = id;
        }
        return ids;
    }
}
