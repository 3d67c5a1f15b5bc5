using System.Text;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.IO;

namespace AvatarTools.Core.Benchmarks;

/// <summary>One row of a test list: the sample, and for SLAVC's extended lists the audio it is paired with and its label.</summary>
/// <param name="Id">The sample (image) id.</param>
/// <param name="AudioId">SLAVC's <c>*_plus_silent.csv</c>: the id of the audio paired with the image (another clip's for a negative); else null.</param>
/// <param name="Label">SLAVC's <c>*_plus_silent.csv</c>: the row's label column as written; else null.</param>
public sealed record TestListEntry(string Id, string? AudioId, string? Label)
{
    /// <summary>The label of SLAVC's negative rows.</summary>
    public const string NonSoundingLabel = "non-sounding";

    /// <summary>
    /// A non-sounding pair: a row of a <c>video,audio,label</c> list labelled <c>non-sounding</c> (case aside), the test
    /// SLAVC's loader applies (it pairs the video column's image with the audio column's clip, a negative with no box).
    /// </summary>
    public bool IsNonSounding => AudioId is not null && string.Equals(Label, NonSoundingLabel, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A baselines' test list: <c>vggss_test.csv</c>, <c>vggss_heard_test.csv</c>, <c>vggss_unheard_test.csv</c> (one id per
/// line), <c>flickr_test.csv</c> (rows <c>&lt;id&gt;,&lt;number&gt;</c>: the first column is the id), or SLAVC's
/// <c>*_plus_silent.csv</c> (header <c>video,audio,label</c>; the video column is the id, the audio and label columns are kept
/// on the entries for the negative pairs). Blank lines are skipped; a UTF-8 byte-order mark and Windows line ends are accepted.
/// </summary>
public sealed class TestList
{
    /// <summary>The header of SLAVC's extended lists.</summary>
    public const string SilentHeader = "video,audio,label";

    private const long MaxBytes = 64L * 1024 * 1024;

    private static readonly InputFileErrors Errors = new("test list", "TestListNotFound", "TestListUnreadable", "TestListTooLarge");

    private TestList(string path, IReadOnlyList<TestListEntry> entries, bool hasPairs)
    {
        Path = path;
        Name = System.IO.Path.GetFileNameWithoutExtension(path);
        Entries = entries;
        HasPairs = hasPairs;
        var ids = new List<string>(entries.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (seen.Add(entry.Id))
            {
                ids.Add(entry.Id);
            }
        }
        Ids = ids;
        NonSoundingPairs = entries.Where(entry => entry.IsNonSounding).ToList();
        PositiveIds = entries.Where(entry => !entry.IsNonSounding).Select(entry => entry.Id).Distinct(StringComparer.Ordinal).ToList();
    }

    public string Path { get; }

    /// <summary>The file's base name (e.g. <c>vggss_heard_test</c>): what <see cref="AvatarFrame.TestList"/> holds.</summary>
    public string Name { get; }

    /// <summary>The rows, in the file's order.</summary>
    public IReadOnlyList<TestListEntry> Entries { get; }

    /// <summary>The distinct sample ids, in the order of their first row.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The non-sounding pairs (<see cref="TestListEntry.IsNonSounding"/>), in the file's order.</summary>
    public IReadOnlyList<TestListEntry> NonSoundingPairs { get; }

    /// <summary>The samples heard with their own audio: the distinct ids of the rows that are not non-sounding pairs, in order.</summary>
    public IReadOnlyList<string> PositiveIds { get; }

    /// <summary>True for a list with the <c>video,audio,label</c> header (image–audio pairs, negatives included).</summary>
    public bool HasPairs { get; }

    /// <summary>Reads a list file.</summary>
    /// <exception cref="AvatarDataException">TestListNotFound, TestListUnreadable, or InvalidTestList naming the line.</exception>
    public static TestList Read(string path) => Parse(path, InputFile.ReadAllBytes(path, MaxBytes, Errors));

    /// <summary>Parses the content of a list file; <paramref name="path"/> names it (and gives the list its name).</summary>
    public static TestList Parse(string path, byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            throw new AvatarDataException("InvalidTestList", AvatarErrorKind.InvalidData, path, "is not UTF-8 text; expected one sample id per line (or <id>,<number> rows)", ex);
        }
        text = text.TrimStart('\uFEFF');
        var lines = text.Split('\n');
        var entries = new List<TestListEntry>(lines.Length);
        var pairs = false;
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1].TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (entries.Count == 0 && !pairs && string.Equals(line.Replace(" ", ""), SilentHeader, StringComparison.OrdinalIgnoreCase))
            {
                pairs = true;
                continue;
            }
            var fields = line.Split(',').Select(field => field.Trim().Trim('"')).ToArray();
            if (pairs && fields.Length != 3)
            {
                throw Invalid(path, number, $"the row has {fields.Length} fields; the rows of a list with the header '{SilentHeader}' have three");
            }
            if (SampleIds.Problem(fields[0]) is { } problem)
            {
                throw Invalid(path, number, problem);
            }
            if (pairs && SampleIds.Problem(fields[1]) is { } audioProblem)
            {
                throw Invalid(path, number, "audio column: " + audioProblem);
            }
            entries.Add(pairs ? new TestListEntry(fields[0], fields[1], fields[2]) : new TestListEntry(fields[0], null, null));
        }
        if (entries.Count == 0)
        {
            throw new AvatarDataException("InvalidTestList", AvatarErrorKind.InvalidData, path, "lists no sample; expected one sample id per line (or <id>,<number> rows)");
        }
        return new TestList(path, entries, pairs);
    }

    private static AvatarDataException Invalid(string path, int line, string message) =>
        new("InvalidTestList", AvatarErrorKind.InvalidData, path, $"line {line}: {message}");
}
