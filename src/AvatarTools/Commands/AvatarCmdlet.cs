using System.Management.Automation;
using AvatarTools.Core;

namespace AvatarTools.Commands;

/// <summary>
/// What every AvatarTools cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) and
/// Dispose cancel, the mapping of core errors to error records with stable ids, and one closing warning that sums up
/// the items skipped ("2 of 58 frame files were not read: InvalidFrameJson ×1, UnknownTask ×1; see the errors above").
/// </summary>
/// <remarks>
/// A command that overrides EndProcessing calls <see cref="WriteSkipSummary"/> last. The summary is not written when
/// the pipeline is stopped (Ctrl+C, Select-Object -First), as nothing more may be written then.
/// </remarks>
public abstract class AvatarCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Dictionary<string, bool> _folderDecisions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _skipped = new(StringComparer.Ordinal);
    private long _processed;
    private long _wrongInput;
    private bool _summaryWritten;
    private bool _disposed;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops this command.</summary>
    protected CancellationToken Cancellation => _cancellation.Token;

    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>Reports a per-item error and goes on; the error's id is counted for the closing summary.</summary>
    protected void WriteAvatarError(AvatarDataException error, object? target = null)
    {
        CountSkipped(error.ErrorId);
        WriteError(ErrorRecords.From(error, target));
    }

    /// <summary>What the summary calls the items this command processes, in the plural ("frame files").</summary>
    protected virtual string ProcessedItems => "items";

    /// <summary>What the summary says of the skipped items ("were not read").</summary>
    protected virtual string SkippedOutcome => "were skipped";

    /// <summary>Counts items processed (skipped or not): the denominator of the summary.</summary>
    protected void CountProcessed(long count = 1) => _processed += count;

    /// <summary>Counts items skipped with an error id, for errors not written through <see cref="WriteAvatarError"/>.</summary>
    protected void CountSkipped(string errorId, long count = 1)
    {
        if (count > 0)
        {
            _skipped[errorId] = _skipped.GetValueOrDefault(errorId) + count;
        }
    }

    /// <summary>
    /// True when <paramref name="value"/> is the stand-in of an input object of the wrong type (see
    /// <see cref="PipelineInputAttribute"/>): the first such object is one error naming what the command takes, the others
    /// are counted for the closing summary (WrongInputType).
    /// </summary>
    protected bool SkipWrongInput(object? value)
    {
        if (PipelineInputAttribute.Rejected(value) is not { } rejected)
        {
            return false;
        }
        CountProcessed();
        CountSkipped(WrongInputTypeId);
        if (_wrongInput++ == 0)
        {
            var type = PSObject.AsPSObject(rejected.Value).TypeNames.FirstOrDefault() ?? rejected.Value.GetType().FullName;
            var error = new ArgumentException(
                $"{MyInvocation.MyCommand.Name} takes {rejected.Accepts} from the pipeline; got {type}. " +
                "Input of the wrong type is reported once; the closing warning counts it.");
            WriteError(new ErrorRecord(error, WrongInputTypeId, ErrorCategory.InvalidType, rejected.Value)
            {
                ErrorDetails = new ErrorDetails(error.Message),
            });
        }
        return true;
    }

    /// <summary>How many input objects were of the wrong type so far.</summary>
    protected long WrongInputCount => _wrongInput;

    /// <summary>The error id of input objects of the wrong type.</summary>
    protected const string WrongInputTypeId = "WrongInputType";

    /// <summary>How many items were skipped so far, all error ids together.</summary>
    protected long SkippedCount => _skipped.Values.Sum();

    protected override void EndProcessing() => WriteSkipSummary();

    /// <summary>
    /// Writes the one warning that sums up the skipped items, when any were (once per command), e.g. "2 of 58 frame files
    /// were not read: InvalidFrameJson ×1, UnknownTask ×1; see the errors above".
    /// </summary>
    protected void WriteSkipSummary()
    {
        var skipped = SkippedCount;
        if (_summaryWritten || skipped == 0 || Cancellation.IsCancellationRequested)
        {
            return;
        }
        _summaryWritten = true;
        var count = _processed >= skipped ? $"{skipped} of {_processed}" : $"{skipped}";
        var ids = string.Join(", ", _skipped.Select(pair => $"{pair.Key} ×{pair.Value}"));
        WriteWarning($"{count} {ProcessedItems} {SkippedOutcome}: {ids}; see the errors above.");
    }

    /// <summary>Stops the command with an error about its configuration or input as a whole.</summary>
    protected void ThrowAvatarError(AvatarDataException error, object? target = null) =>
        ThrowTerminatingError(ErrorRecords.From(error, target));

    /// <summary>
    /// Asks ShouldProcess once per output folder, so that -WhatIf prints one line for a folder of many files; under
    /// -Confirm it asks for each file. The answer for a folder is remembered for the rest of the command.
    /// </summary>
    protected bool ShouldWrite(string folder, string file, string action)
    {
        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter { IsPresent: true })
        {
            return ShouldProcess(file, action);
        }
        if (!_folderDecisions.TryGetValue(folder, out var decision))
        {
            decision = ShouldProcess(folder, action + " (the files of this command in this folder)");
            _folderDecisions[folder] = decision;
        }
        return decision;
    }

    /// <summary>Resolves a -Path (wildcards allowed) or -LiteralPath value to file-system paths.</summary>
    protected IReadOnlyList<string> ResolvePaths(string path, bool literal)
    {
        if (literal)
        {
            return new[] { ResolveOutputPath(path) };
        }
        try
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out var provider);
            if (provider.Name != "FileSystem")
            {
                ThrowAvatarError(new AvatarDataException("NotAFileSystemPath", AvatarErrorKind.InvalidArgument, path,
                    $"is a {provider.Name} path; a file-system folder is expected"), path);
            }
            return resolved;
        }
        catch (ItemNotFoundException)
        {
            return new[] { SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) };
        }
    }

    /// <summary>
    /// A file-system path for an output folder (need not exist yet). A path on another provider (Variable:, Env:, ...)
    /// stops the command with NotAFileSystemPath, rather than write under the current folder.
    /// </summary>
    protected string ResolveOutputPath(string path)
    {
        var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (provider.Name != "FileSystem")
        {
            ThrowAvatarError(new AvatarDataException("NotAFileSystemPath", AvatarErrorKind.InvalidArgument, path,
                $"is a {provider.Name} path; a file-system folder is expected"), path);
        }
        return resolved;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _cancellation.Cancel();
        DisposeResources();
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the command holds (sessions, files); called once, also when the pipeline stops early.</summary>
    protected virtual void DisposeResources()
    {
    }
}
