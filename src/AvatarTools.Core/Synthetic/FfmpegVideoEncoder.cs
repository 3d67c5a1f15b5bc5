using System.Diagnostics;
using System.Globalization;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Synthetic;

/// <summary>
/// Runs ffmpeg to mux a clip's frames and WAV into an mp4 (H.264 + AAC, or MPEG-4 Part 2 when libx264 is absent).
/// A small wrapper for the synthetic set only.
/// </summary>
internal sealed class FfmpegVideoEncoder
{
    private readonly string _ffmpeg;
    private readonly Lazy<string> _videoCodec;

    public FfmpegVideoEncoder(string ffmpegPath)
    {
        _ffmpeg = ffmpegPath;
        _videoCodec = new Lazy<string>(() => Run(new[] { "-hide_banner", "-encoders" }, null).Contains(" libx264 ", StringComparison.Ordinal) ? "libx264" : "mpeg4");
    }

    /// <summary>The full path of <c>ffmpeg</c> (<c>ffmpeg.exe</c> on Windows) on PATH, or null.</summary>
    public static string? FindOnPath()
    {
        var name = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                var candidate = Path.Combine(folder.Trim('"'), name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            catch (ArgumentException)
            {
                // A malformed PATH entry: skip it.
            }
        }
        return null;
    }

    /// <summary>The video codec used: libx264 when ffmpeg lists it, else mpeg4.</summary>
    public string VideoCodec => _videoCodec.Value;

    public void Encode(string framesFolder, string wavPath, string outputPath, double frameRate)
    {
        var arguments = new List<string>
        {
            "-nostdin", "-v", "error", "-y",
            "-framerate", frameRate.ToString("R", CultureInfo.InvariantCulture),
            "-i", Path.Combine(framesFolder, "%05d.jpg"),
            "-i", wavPath,
            "-c:v", VideoCodec,
        };
        if (VideoCodec == "mpeg4")
        {
            arguments.AddRange(new[] { "-q:v", "3" });
        }
        arguments.AddRange(new[] { "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", outputPath });
        Run(arguments, outputPath);
    }

    private string Run(IEnumerable<string> arguments, string? outputPath)
    {
        var start = new ProcessStartInfo(_ffmpeg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new AvatarDataException("FfmpegNotAvailable", AvatarErrorKind.NotAvailable, _ffmpeg, $"cannot be started ({ex.Message})", ex);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var errorText = error.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                var tail = errorText.Length > 2000 ? errorText[^2000..] : errorText;
                throw new AvatarDataException("FfmpegFailed", AvatarErrorKind.NotAvailable, outputPath ?? _ffmpeg,
                    $"ffmpeg exited with code {process.ExitCode}: {tail.Trim()}");
            }
            return output;
        }
    }
}
