using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;
using AvatarTools.Core;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Completion;

/// <summary>Completes -VideoId from the clips of the dataset named by -Path/-LiteralPath on the same command line.</summary>
public sealed class VideoIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        DatasetCompletion.Complete(fakeBoundParameters, wordToComplete, dataset => dataset.ClipIds());
}

/// <summary>Completes -Category from the categories of the dataset named by -Path/-LiteralPath on the same command line.</summary>
public sealed class CategoryCompleter : IArgumentCompleter
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Cache = new(StringComparer.Ordinal);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        DatasetCompletion.Complete(fakeBoundParameters, wordToComplete, dataset => Cache.GetOrAdd(dataset.Root, _ =>
            dataset.ReadFrames()
                .Where(record => record.Frame is not null)
                .SelectMany(record => record.Frame!.Categories)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(category => category, StringComparer.Ordinal)
                .ToList()));
}

internal static class DatasetCompletion
{
    public static IEnumerable<CompletionResult> Complete(IDictionary fakeBoundParameters, string wordToComplete,
        Func<AvatarDataset, IEnumerable<string>> values)
    {
        var path = FirstPath(fakeBoundParameters);
        if (path is null)
        {
            return Array.Empty<CompletionResult>();
        }
        AvatarDataset dataset;
        try
        {
            dataset = AvatarDataset.Open(path);
        }
        catch (AvatarDataException)
        {
            return Array.Empty<CompletionResult>();
        }
        var word = (wordToComplete ?? "").Trim('\'', '"');
        var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        return values(dataset)
            .Where(pattern.IsMatch)
            .Select(value => new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value))
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
