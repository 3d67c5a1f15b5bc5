using System.Management.Automation;
using AvatarTools.Completion;
using AvatarTools.Core;
using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Media;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Reads the labelled frames of an AVATAR dataset.</para>
/// <para type="description">Streams one AvatarFrame per labelled frame, ordered by clip id then frame index.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AvatarFrame", DefaultParameterSetName = PathSet)]
[OutputType(typeof(AvatarFrame))]
public sealed class GetAvatarFrameCommand : AvatarCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>The dataset folder (the one holding metadata/); wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The dataset folder, taken literally.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "DatasetPath")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Only these clips (wildcards allowed), e.g. 'GueOh9nkQ38_*'; binds by property name, so CSV rows and objects with a VideoId select clips.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    public string[]? VideoId { get; set; }

    /// <summary>Only these clips, named exactly (no wildcards, case-sensitive), e.g. 'br[1]_00001'.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    public string[]? LiteralVideoId { get; set; }

    /// <summary>Only these frame indices of the clips selected; binds by property name, so rows with VideoId and FrameIndex select frames.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, int.MaxValue)]
    public int[]? FrameIndex { get; set; }

    /// <summary>Only frames with at least one instance of any of these scenarios.</summary>
    [Parameter]
    public AvatarScenario[]? Scenario { get; set; }

    /// <summary>Only frames with any of these audio-visual categories (wildcards allowed).</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CategoryCompleter))]
    public string[]? Category { get; set; }

    /// <summary>The benchmark of the folder (default: recognised from what it holds).</summary>
    [Parameter]
    public Benchmark? Benchmark { get; set; }

    /// <summary>VGG-SS's vggss.json or Flickr-SoundNet's folder of &lt;id&gt;.xml, when not in its usual place under the root.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Annotation { get; set; }

    /// <summary>Only the samples of a baselines' test list (vggss_test.csv, flickr_test.csv, ...).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TestList { get; set; }

    private readonly Dictionary<string, AvatarDataset> _datasets = new(StringComparer.Ordinal);
    private int _foldersNotRead;

    protected override string ProcessedItems => _foldersNotRead > 0 ? "frame files and dataset folders" : "frame files";

    protected override string SkippedOutcome => "were not read";

    /// <summary>The -VideoId typed on the command line (bound before BeginProcessing); a value bound later came from the pipeline.</summary>
    private string[]? _typedVideoId;

    protected override void BeginProcessing() => _typedVideoId = VideoId;

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var input in literal ? LiteralPath : Path)
        {
            foreach (var path in ResolvePaths(input, literal))
            {
                var (set, notRead) = ImageBenchmarkOf(path, input);
                if (set is not null)
                {
                    WriteImageBenchmark(set);
                }
                else if (!notRead && Open(path, input) is { } dataset)
                {
                    WriteFrames(dataset);
                }
            }
        }
    }

    /// <summary>
    /// The dataset at <paramref name="path"/>, opened once per command (rows that bind -VideoId reuse it); a folder that is
    /// not a dataset is one non-terminating error, so that the other folders of a pipeline are still read.
    /// </summary>
    private AvatarDataset? Open(string path, string input)
    {
        if (_datasets.TryGetValue(path, out var dataset))
        {
            return dataset;
        }
        try
        {
            dataset = AvatarDataset.Open(path, Mp4Info.TryReadFrameRate);
        }
        catch (AvatarDataException ex)
        {
            _foldersNotRead++;
            CountProcessed();
            WriteAvatarError(ex, input);
            return null;
        }
        _datasets[path] = dataset;
        WriteVerbose(DatasetDescription.Of(dataset));
        return dataset;
    }

    /// <summary>
    /// The clips -VideoId and -LiteralVideoId select, or null for all. A clip id taken from data (a CSV row, another
    /// cmdlet's object) is matched as it is; one typed on the command line is a wildcard pattern.
    /// </summary>
    private Func<string, bool>? ClipFilter()
    {
        var fromPipeline = VideoId is not null && !ReferenceEquals(VideoId, _typedVideoId);
        var videoPatterns = fromPipeline ? null : Patterns(VideoId, nameof(VideoId));
        var literal = LiteralVideoId is { Length: > 0 } ? new HashSet<string>(LiteralVideoId, StringComparer.Ordinal) : null;
        if (fromPipeline)
        {
            literal = new HashSet<string>(VideoId!, StringComparer.Ordinal);
            literal.UnionWith(LiteralVideoId ?? Array.Empty<string>());
        }
        return videoPatterns is null && literal is null ? null
            : id => (videoPatterns?.Any(p => p.IsMatch(id)) ?? false) || (literal?.Contains(id) ?? false);
    }

    private void WriteFrames(AvatarDataset dataset)
    {
        var filter = ClipFilter();
        var categoryPatterns = Patterns(Category, nameof(Category));
        var clips = dataset.ClipIds().Where(id => filter?.Invoke(id) ?? true).ToList();
        var indices = FrameIndex is { Length: > 0 } ? new HashSet<int>(FrameIndex) : null;
        WriteVerbose(FormattableString.Invariant($"{clips.Count} of {dataset.ClipIds().Count} clips selected in {dataset.Root}") +
            (indices is null ? "." : $", frames {string.Join(", ", indices.Order())} of each."));
        var progress = new ProgressReporter(this, 1, $"Reading AVATAR frames from {dataset.Root}", "clips");
        try
        {
            var clipsDone = 0;
            long read = 0, kept = 0, failed = 0;
            string? currentClip = null;
            foreach (var record in dataset.ReadFrames(clips, Cancellation))
            {
                CountProcessed();
                read++;
                if (record.Error is { } error)
                {
                    failed++;
                    WriteAvatarError(error);
                    continue;
                }
                var frame = record.Frame!;
                if (!string.Equals(frame.VideoId, currentClip, StringComparison.Ordinal))
                {
                    currentClip = frame.VideoId;
                    progress.Report(clipsDone++, clips.Count, currentClip);
                }
                if (Keep(frame, categoryPatterns, indices))
                {
                    kept++;
                    WriteObject(frame);
                }
            }
            WriteVerbose($"{read} frame files read in {dataset.Root}: {kept} frames returned, {read - kept - failed} left out by the filters, {failed} not read (errors above).");
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or the pipeline stopped: end quietly.
        }
        finally
        {
            progress.Complete();
        }
    }

    // The image benchmark at a path (VGG-SS, Flickr-SoundNet), or null for AVATAR (read as before); NotRead when the folder
    // is no benchmark at all (one non-terminating error, so that the other folders of a pipeline are still read).
    private (ImageBenchmarkSet? Set, bool NotRead) ImageBenchmarkOf(string path, string input)
    {
        var annotation = Annotation is null ? null : ResolveOutputPath(Annotation);
        var benchmark = Benchmark;
        if (benchmark is null && annotation is not null)
        {
            // A file (or a .json name that does not exist yet, for the error) is VGG-SS's; a folder Flickr-SoundNet's.
            benchmark = File.Exists(annotation) || (!Directory.Exists(annotation) && annotation.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                ? Core.Dataset.Benchmark.VggSs
                : Core.Dataset.Benchmark.FlickrSoundNet;
        }
        if (benchmark is null && Directory.Exists(path))
        {
            benchmark = BenchmarkLayout.Detect(path, out _);
            if (benchmark is null)
            {
                _foldersNotRead++;
                CountProcessed();
                WriteAvatarError(new AvatarDataException("NotAnAvatarDataset", AvatarErrorKind.InvalidData, path, $"is neither an AVATAR dataset nor another benchmark folder: {BenchmarkLayout.Expected}"), input);
                return (null, true);
            }
        }
        if (benchmark is null or Core.Dataset.Benchmark.Avatar)
        {
            if (annotation is not null || TestList is not null)
            {
                ThrowAvatarError(new AvatarDataException("NotAnImageBenchmark", AvatarErrorKind.InvalidArgument, path,
                    "-Annotation and -TestList apply to VGG-SS and Flickr-SoundNet; AVATAR's annotations are its metadata/ folder"), input);
            }
            return (null, false);
        }
        WriteVerbose($"{path}: {ImageBenchmarkSet.Name(benchmark.Value)}{(annotation is null ? "" : $", annotation {annotation}")}");
        try
        {
            return (ImageBenchmarkSet.Open(path, benchmark.Value, annotation), false);
        }
        catch (AvatarDataException ex)
        {
            ThrowAvatarError(ex, input);
            return (null, true);
        }
    }

    private void WriteImageBenchmark(ImageBenchmarkSet set)
    {
        var filter = ClipFilter();
        var categoryPatterns = Patterns(Category, nameof(Category));
        var indices = FrameIndex is { Length: > 0 } ? new HashSet<int>(FrameIndex) : null;
        Core.Benchmarks.TestList? list = null;
        try
        {
            list = TestList is null ? null : Core.Benchmarks.TestList.Read(ResolveOutputPath(TestList));
            if (list is not null)
            {
                WriteVerbose($"{list.Path}: {list.Ids.Count} samples{(list.HasPairs ? $" (video,audio,label rows: the video column selects the samples; {list.NonSoundingPairs.Count} non-sounding pairs follow them, each with its listed audio)" : "")}");
            }
            var progress = new ProgressReporter(this, 1, $"Reading {ImageBenchmarkSet.Name(set.Benchmark)} samples from {set.Root}", "samples");
            try
            {
                var done = 0;
                var total = list is null ? -1 : list.HasPairs ? list.PositiveIds.Count + list.NonSoundingPairs.Count : list.Ids.Count;
                foreach (var record in set.ReadFrames(list, WriteWarning, filter, Cancellation))
                {
                    CountProcessed();
                    if (record.Error is { } error)
                    {
                        WriteAvatarError(error);
                        continue;
                    }
                    if (record.Warning is { } warning)
                    {
                        WriteWarning(warning);
                    }
                    progress.Report(done++, total, record.Frame!.VideoId);
                    if (Keep(record.Frame!, categoryPatterns, indices))
                    {
                        WriteObject(record.Frame);
                    }
                }
            }
            finally
            {
                progress.Complete();
            }
        }
        catch (AvatarDataException ex)
        {
            ThrowAvatarError(ex, set.AnnotationPath);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or the pipeline stopped: end quietly.
        }
    }

    private bool Keep(AvatarFrame frame, WildcardPattern[]? categoryPatterns, HashSet<int>? indices)
    {
        if (indices is not null && !indices.Contains(frame.FrameIndex))
        {
            return false;
        }
        if (Scenario is { Length: > 0 } && !Scenario.Any(frame.HasScenario))
        {
            return false;
        }
        return categoryPatterns is null || frame.Categories.Any(category => categoryPatterns.Any(p => p.IsMatch(category)));
    }

    /// <summary>The patterns of a wildcard parameter; a malformed one (e.g. an unclosed '[') stops the command with InvalidWildcardPattern.</summary>
    private WildcardPattern[]? Patterns(string[]? values, string parameter)
    {
        if (values is not { Length: > 0 })
        {
            return null;
        }
        var patterns = new WildcardPattern[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            patterns[i] = WildcardPattern.Get(values[i], WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            try
            {
                patterns[i].IsMatch("");
            }
            catch (WildcardPatternException ex)
            {
                var literal = parameter == nameof(VideoId)
                    ? "use -LiteralVideoId for a clip id taken as typed"
                    : $"escape the brackets with a backtick or [WildcardPattern]::Escape('{values[i].Replace("'", "''")}')";
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidWildcardPattern", ErrorCategory.InvalidArgument, values[i])
                {
                    ErrorDetails = new ErrorDetails($"-{parameter} '{values[i]}' is not a valid wildcard pattern ({ex.Message}); {literal}."),
                });
            }
        }
        return patterns;
    }
}
