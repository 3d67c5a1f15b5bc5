using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace AvatarTools.Core.Media;

/// <summary>
/// One running ffmpeg: standard error is read asynchronously into a bounded tail (so a chatty ffmpeg
/// never blocks on a full pipe), standard output is the caller's to read, cancellation and disposal
/// kill the process tree if it is still running.
/// </summary>
internal sealed class FfmpegProcess : IAsyncDisposable
{
    private const int StderrTailCharacters = 4000;

    private readonly Process _process;
    private readonly Task<string> _stderrTail;
    private readonly CancellationTokenRegistration _cancellation;
    private readonly string? _subject;

    private FfmpegProcess(Process process, string? subject, CancellationToken cancellation)
    {
        _process = process;
        _subject = subject;
        _stderrTail = ReadTailAsync(process.StandardError);
        _cancellation = cancellation.Register(Kill);
    }

    /// <summary>The process's standard output.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>The process's standard input, when it was started with <c>redirectInput</c>.</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>Starts ffmpeg; <paramref name="subject"/> is the file named in errors.</summary>
    public static FfmpegProcess Start(string executable, IEnumerable<string> arguments, string? subject, CancellationToken cancellation, bool redirectInput = false)
    {
        cancellation.ThrowIfCancellationRequested();
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is Win32Exception or FileNotFoundException)
        {
            process.Dispose();
            throw Ffmpeg.NotFound($"'{executable}' could not be started ({ex.Message})", ex);
        }
        return new FfmpegProcess(process, subject, cancellation);
    }

    /// <summary>Runs ffmpeg to completion, discarding or collecting its standard output.</summary>
    public static async Task<string> RunAsync(string executable, IEnumerable<string> arguments, string? subject, bool collectOutput, CancellationToken cancellation)
    {
        await using var process = Start(executable, arguments, subject, cancellation);
        string output;
        if (collectOutput)
        {
            using var reader = new StreamReader(process.Output, Encoding.UTF8);
            output = await reader.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await process.Output.CopyToAsync(Stream.Null, CancellationToken.None).ConfigureAwait(false);
            output = string.Empty;
        }
        await process.WaitForSuccessAsync(cancellation).ConfigureAwait(false);
        return output;
    }

    /// <summary>
    /// Waits for the exit; throws <see cref="OperationCanceledException"/> when cancelled and
    /// <see cref="AvatarDataException"/> (FfmpegFailed, with ffmpeg's last error lines) on a non-zero exit code.
    /// </summary>
    public async Task WaitForSuccessAsync(CancellationToken cancellation)
    {
        var (exitCode, messages) = await WaitForExitAsync(cancellation).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new AvatarDataException("FfmpegFailed", AvatarErrorKind.InvalidData, _subject,
                $"ffmpeg failed with exit code {exitCode}: {(messages.Length == 0 ? "(no message)" : messages)}");
        }
    }

    /// <summary>Waits for the exit and returns the exit code and ffmpeg's messages (the tail of standard error, trimmed).</summary>
    public async Task<(int ExitCode, string Messages)> WaitForExitAsync(CancellationToken cancellation)
    {
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var tail = await _stderrTail.ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
        return (_process.ExitCode, tail.Trim());
    }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.DisposeAsync().ConfigureAwait(false);
        Kill();
        try
        {
            await _stderrTail.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe closes when the process is killed.
        }
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > 2 * StderrTailCharacters)
            {
                tail.Remove(0, tail.Length - StderrTailCharacters);
            }
        }
        if (tail.Length > StderrTailCharacters)
        {
            tail.Remove(0, tail.Length - StderrTailCharacters);
            tail.Insert(0, "…");
        }
        return tail.ToString();
    }
}
