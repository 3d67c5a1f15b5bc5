using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.IO;

namespace AvatarTools.Core.Benchmarks;

/// <summary>
/// Reads Flickr-SoundNet's annotations: one <c>&lt;id&gt;.xml</c> per image. For each child of the root element, each of
/// its children whose tag is <c>bbox</c> holds five elements: the first is skipped and the next four are the integers
/// xmin, ymin, xmax, ymax in pixels of a 256 x 256 frame. Each box becomes 224-px cells by <see cref="BoxCells.FromFlickr"/>.
/// The several annotators' boxes are all kept (the consensus ground truth sums them).
/// </summary>
/// <remarks>
/// Strict: a file that is not well-formed XML (or declares a DTD), a <c>bbox</c> without exactly five child elements, a
/// coordinate that is not an integer is an <c>InvalidFlickrAnnotation</c> error naming the file; the other files are still
/// read. A negative coordinate is read as the baselines read it: their slice counts it from the map's far edge.
/// </remarks>
public static class FlickrReader
{
    /// <summary>The category of every Flickr-SoundNet instance (the benchmark has no classes).</summary>
    public const string Category = "sound source";

    /// <summary>The side of the frame the XML's pixel coordinates refer to.</summary>
    public const int FrameSize = 256;

    /// <summary>The largest annotation file read.</summary>
    public const long MaxBytes = 4L * 1024 * 1024;

    private static readonly InputFileErrors Errors = new("Flickr-SoundNet annotation", "AnnotationNotFound", "AnnotationUnreadable", "AnnotationTooLarge");

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The annotation files of a folder (<c>*.xml</c>), sorted ordinally by id.</summary>
    public static IReadOnlyList<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*.xml").OrderBy(file => Path.GetFileNameWithoutExtension(file), StringComparer.Ordinal).ToList();

    /// <summary>Reads one file; never throws for the file's content or an I/O error (the record holds the error).</summary>
    public static SampleRecord Read(string path)
    {
        try
        {
            return SampleRecord.Of(Parse(path, InputFile.ReadAllBytes(path, MaxBytes, Errors)));
        }
        catch (AvatarDataException ex)
        {
            return SampleRecord.Failed(ex);
        }
    }

    /// <summary>Parses the content of <c>&lt;id&gt;.xml</c>; the id is the file name without its extension.</summary>
    /// <exception cref="AvatarDataException">InvalidFlickrAnnotation, naming <paramref name="path"/>.</exception>
    public static BenchmarkSample Parse(string path, byte[] content)
    {
        var id = Path.GetFileNameWithoutExtension(path);
        if (SampleIds.Problem(id) is { } problem)
        {
            throw Invalid(path, problem);
        }
        XDocument document;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw Invalid(path, $"not well-formed XML ({ex.Message})");
        }
        var boxes = new List<BoxCells>();
        var number = 0;
        foreach (var child in document.Root!.Elements())
        {
            foreach (var bbox in child.Elements().Where(element => element.Name.LocalName == "bbox"))
            {
                var parts = bbox.Elements().ToList();
                if (parts.Count != 5)
                {
                    throw Invalid(path, $"bbox {number} (in <{child.Name.LocalName}>) has {parts.Count} elements; expected 5 (one skipped, then xmin, ymin, xmax, ymax)");
                }
                var values = new int[4];
                for (var i = 0; i < 4; i++)
                {
                    var text = parts[i + 1].Value.Trim();
                    if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]))
                    {
                        throw Invalid(path, $"bbox {number} <{parts[i + 1].Name.LocalName}> holds '{Shorten(text)}'; expected an integer pixel coordinate of the {FrameSize} x {FrameSize} frame");
                    }
                }
                boxes.Add(BoxCells.FromFlickr(values[0], values[1], values[2], values[3]));
                number++;
            }
        }
        return new BenchmarkSample(id, Category, boxes, path);
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..37] + "..." : text;

    private static AvatarDataException Invalid(string path, string message) =>
        SampleIds.Invalid(path, "InvalidFlickrAnnotation", message);
}
