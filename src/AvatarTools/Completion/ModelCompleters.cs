using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using AvatarTools.Core.Inference;

namespace AvatarTools.Completion;

/// <summary>Completes -Model with the built-in models and the .onnx files that match what was typed.</summary>
public sealed class ModelCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
        var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        var results = BuiltInModels.Names.Where(pattern.IsMatch)
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, $"{name} (built-in)"))
            .ToList();
        try
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            var location = ps.AddCommand("Microsoft.PowerShell.Management\\Get-Location").Invoke().FirstOrDefault()?.Properties["ProviderPath"]?.Value as string
                ?? Environment.CurrentDirectory;
            var directory = Path.GetDirectoryName(word);
            var folder = Path.Combine(location, string.IsNullOrEmpty(directory) ? "." : directory);
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(word) + "*.onnx").Order(StringComparer.Ordinal))
                {
                    var text = string.IsNullOrEmpty(directory) ? "./" + Path.GetFileName(file) : Path.Combine(directory, Path.GetFileName(file));
                    results.Add(new CompletionResult(text.Contains(' ') ? $"'{text}'" : text, Path.GetFileName(file), CompletionResultType.ProviderItem, file));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Nothing to add from the file system.
        }
        return results;
    }
}

/// <summary>Completes -ExecutionProvider with what ONNX Runtime reports as available.</summary>
public sealed class ExecutionProviderCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
        return ExecutionProviders.Available()
            .Where(name => name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
    }
}
