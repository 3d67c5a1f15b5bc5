using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;
using AvatarTools.Core;
using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Completion;

/// <summary>
/// Completes -VideoId (a wildcard pattern: wildcard characters in an id are escaped, so the completion selects that clip)
/// and -LiteralVideoId (taken as typed) from the clips of the dataset named by -Path/-LiteralPath on the same command line.
/// </summary>
public sealed class VideoIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        DatasetCompletion.Complete(fakeBoundParameters, wordToComplete, !parameterName.StartsWith("Literal", StringComparison.OrdinalIgnoreCase), dataset => dataset.ClipIds(),
            frames => frames.Select(frame => frame.VideoId));
}

/// <summary>
/// Completes -Category (a wildcard pattern: wildcard characters in a name are escaped) from the categories of the dataset
/// named by -Path/-LiteralPath on the same command line.
/// </summary>
public sealed class CategoryCompleter : IArgumentCompleter
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Cache = new(StringComparer.Ordinal);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        DatasetCompletion.Complete(fakeBoundParameters, wordToComplete, pattern: true, dataset => Cache.GetOrAdd(dataset.Root, _ =>
            dataset.ReadFrames()
                .Where(record => record.Frame is not null)
                .SelectMany(record => record.Frame!.Categories)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(category => category, StringComparer.Ordinal)
                .ToList()),
            frames => frames.SelectMany(frame => frame.Categories).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}

internal static class DatasetCompletion
{
    /// <param name="pattern">True when the parameter is a wildcard pattern: the typed word is one, and each offered value is escaped.</param>
    /// <param name="imageValues">The values of an image benchmark (VGG-SS, Flickr-SoundNet) from its frames.</param>
    public static IEnumerable<CompletionResult> Complete(IDictionary fakeBoundParameters, string wordToComplete, bool pattern,
        Func<AvatarDataset, IEnumerable<string>> values, Func<IEnumerable<AvatarFrame>, IEnumerable<string>> imageValues)
    {
        var path = FirstPath(fakeBoundParameters);
        if (path is null)
        {
            return Array.Empty<CompletionResult>();
        }
        IEnumerable<string> offered;
        try
        {
            offered = Directory.Exists(path) && BenchmarkLayout.Detect(path, out _) is Benchmark benchmark and not Benchmark.Avatar
                ? imageValues(ImageBenchmarkSet.Open(path, benchmark).ReadFrames(null, _ => { }).Where(r => r.Frame is not null).Select(r => r.Frame!)).ToList()
                : values(AvatarDataset.Open(path));
        }
        catch (AvatarDataException)
        {
            return Array.Empty<CompletionResult>();
        }
        var word = (wordToComplete ?? "").Trim('\'', '"');
        var typed = WildcardPattern.Get((pattern ? word : WildcardPattern.Escape(word)) + "*", WildcardOptions.IgnoreCase);
        return offered
            .Where(typed.IsMatch)
            .Select(value => new CompletionResult(Quote(pattern ? WildcardPattern.Escape(value) : value), value, CompletionResultType.ParameterValue, value))
            .ToList();
    }

    private static string? FirstPath(IDictionary bound)
    {
        foreach (var key in new[] { "Path", "LiteralPath" })
        {
            if (bound.Contains(key))
            {
                var value = bound[key];
                var first = value switch
                {
                    string s => s,
                    IEnumerable e => e.Cast<object>().FirstOrDefault()?.ToString(),
                    _ => value?.ToString(),
                };
                if (!string.IsNullOrEmpty(first))
                {
                    using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
                    var resolved = ps.AddCommand("Microsoft.PowerShell.Management\\Resolve-Path").AddParameter("Path", first)
                        .AddParameter("ErrorAction", "Ignore").Invoke();
                    var provider = resolved.FirstOrDefault()?.Properties["ProviderPath"]?.Value as string;
                    return provider ?? first;
                }
            }
        }
        return null;
    }

    private static string Quote(string value) =>
        value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ';', ',', '{', '}', '&', '|', '@', '#' }) >= 0
            ? "'" + value.Replace("'", "''") + "'"
            : value;
}
