using System.Globalization;
using System.Runtime.CompilerServices;

namespace AvatarTools.Core.Media;

/// <summary>
/// The ffmpeg program: audio extraction (16 kHz mono 16-bit WAV trimmed to the video's duration),
/// frame extraction (image files, or RGB24 frames streamed through a pipe) and video encoding (from image
/// files or from pixels streamed to it). Found through <see cref="EnvironmentVariable"/> or the PATH.
/// Decoding for models goes through <see cref="ClipDecoder"/>.
/// </summary>
public sealed class Ffmpeg
{
    /// <summary>The environment variable that names the ffmpeg executable (a file path).</summary>
    public const string EnvironmentVariable = "AVATARTOOLS_FFMPEG";

    private const string InstallHint = "install ffmpeg (e.g. apt-get install ffmpeg, brew install ffmpeg, winget install ffmpeg) or set the AVATARTOOLS_FFMPEG environment variable to the ffmpeg executable";

    private readonly Lazy<Task<string>> _encoders;

    private Ffmpeg(string executablePath)
    {
        ExecutablePath = executablePath;
        _encoders = new Lazy<Task<string>>(() => FfmpegProcess.RunAsync(ExecutablePath, ["-hide_banner", "-nostdin", "-encoders"], null, collectOutput: true, CancellationToken.None));
    }

    /// <summary>The full path of the executable.</summary>
    public string ExecutablePath { get; }

    /// <summary>
    /// Finds ffmpeg: the file named by <see cref="EnvironmentVariable"/> when set, else <c>ffmpeg</c>
    /// (<c>ffmpeg.exe</c> on Windows) on the PATH.
    /// </summary>
    /// <exception cref="AvatarDataException">FfmpegNotFound (kind NotAvailable), saying how to install it.</exception>
    public static Ffmpeg Locate() => Locate(Environment.GetEnvironmentVariable);

    /// <summary>Finds ffmpeg as <see cref="Locate()"/> does, in the given environment (<c>PATH</c> and <see cref="EnvironmentVariable"/>).</summary>
    /// <exception cref="AvatarDataException">FfmpegNotFound (kind NotAvailable), saying how to install it.</exception>
    public static Ffmpeg Locate(Func<string, string?> environment) =>
        TryLocate(environment, out var ffmpeg, out var reason) ? ffmpeg : throw NotFound(reason, null);

    /// <summary>Finds ffmpeg as <see cref="Locate()"/> does; false (with the reason) when it is not there.</summary>
    public static bool TryLocate([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Ffmpeg? ffmpeg, out string reason) =>
        TryLocate(Environment.GetEnvironmentVariable, out ffmpeg, out reason);

    /// <summary>Finds ffmpeg in the given environment; false (with the reason) when it is not there.</summary>
    public static bool TryLocate(Func<string, string?> environment, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Ffmpeg? ffmpeg, out string reason)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ffmpeg = null;
        var configured = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured);
            if (!File.Exists(full))
            {
                reason = $"{EnvironmentVariable} is set to '{configured}', which is not a file";
                return false;
            }
            ffmpeg = new Ffmpeg(full);
            reason = string.Empty;
            return true;
        }
        var name = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
        foreach (var folder in (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate;
            try
            {
                candidate = Path.Combine(folder.Trim('"'), name);
            }
            catch (ArgumentException)
            {
                continue;
            }
            if (File.Exists(candidate))
            {
                ffmpeg = new Ffmpeg(Path.GetFullPath(candidate));
                reason = string.Empty;
                return true;
            }
        }
        reason = "ffmpeg was not found on the PATH";
        return false;
    }

    /// <summary>Uses the given executable (not checked beyond its existence).</summary>
    public static Ffmpeg FromPath(string executablePath)
    {
        var full = Path.GetFullPath(executablePath);
        return File.Exists(full) ? new Ffmpeg(full) : throw NotFound($"'{full}' is not a file", null);
    }

    /// <summary>
    /// Decodes the video's audio to a 16 kHz mono 16-bit PCM WAV at <paramref name="outputPath"/> (ffmpeg
    /// <c>-ac 1 -ar 16000 -f s16le</c> through a pipe, as <see cref="ClipDecoder"/> does), trimmed to
    /// round(duration × 16000) samples where duration is the video track's (<see cref="Mp4Info"/>): AAC decoding
    /// yields a few hundred samples more. Written to a temporary file in the same folder, then moved into place,
    /// so readers never see a partial file. The folder is created if needed.
    /// </summary>
    /// <exception cref="AvatarDataException">VideoNotFound, InvalidVideo (with ffmpeg's message), FfmpegNotFound.</exception>
    public async Task ExtractAudioAsync(string videoPath, string outputPath, CancellationToken cancellation = default)
    {
        var decoder = new ClipDecoder(() => this, 1);
        var header = await ClipMediaReader.ReadHeaderAsync(decoder, videoPath, cancellation).ConfigureAwait(false);
        var decoded = await decoder.DecodeAsync(videoPath, header, audio: true, frames: null, cancellation).ConfigureAwait(false);
        var folder = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(outputPath)}.{Guid.NewGuid():N}.tmp.wav");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                WavFile.Write(stream, decoded.Audio!, AudioClip.ModelSampleRate);
            }
            File.Move(temporary, outputPath, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Writes the selected frames as image files <c>&lt;index, 5 digits&gt;.jpg|png</c> into
    /// <paramref name="outputFolder"/> (created if needed) and returns their paths in order. With
    /// <see cref="FrameSelection.ByIndex"/> the file names are the selected indices; otherwise they count
    /// the produced frames from 0.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExtractFramesAsync(string videoPath, string outputFolder, FrameSelection selection, FrameImageFormat format = FrameImageFormat.Jpeg, CancellationToken cancellation = default)
    {
        RequireVideo(videoPath);
        Directory.CreateDirectory(outputFolder);
        var extension = format == FrameImageFormat.Png ? ".png" : ".jpg";
        var staging = Path.Combine(outputFolder, $".frames-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var arguments = new List<string> { "-nostdin", "-v", "error", "-y", "-i", videoPath, "-an" };
            AddSelection(arguments, selection);
            if (format == FrameImageFormat.Jpeg)
            {
                arguments.AddRange(["-q:v", "2"]);
            }
            arguments.AddRange(["-start_number", "0", "-f", "image2", Path.Combine(staging, "%05d" + extension)]);
            await FfmpegProcess.RunAsync(ExecutablePath, arguments, videoPath, collectOutput: false, cancellation).ConfigureAwait(false);

            var produced = Directory.GetFiles(staging, "*" + extension);
            Array.Sort(produced, StringComparer.Ordinal);
            var paths = new List<string>(produced.Length);
            for (var i = 0; i < produced.Length; i++)
            {
                if (selection.Indices is { } indices && i >= indices.Count)
                {
                    break;
                }
                var target = Path.Combine(outputFolder, selection.IndexOf(i).ToString("D5", CultureInfo.InvariantCulture) + extension);
                File.Move(produced[i], target, overwrite: true);
                paths.Add(target);
            }
            return paths;
        }
        finally
        {
            try
            {
                Directory.Delete(staging, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Leftovers of a cancelled run; harmless.
            }
        }
    }

    /// <summary>
    /// Streams the selected frames as RGB24 through a pipe, without temporary files. Frames are read as
    /// PPM images (<c>-f image2pipe -c:v ppm -pix_fmt rgb24</c>: raw RGB24 behind a tiny header that carries each
    /// frame's size), so the frame size never has to be guessed from a probe and rotated videos stay right.
    /// Stopping the enumeration early, or cancelling, kills ffmpeg.
    /// </summary>
    public async IAsyncEnumerable<VideoFrame> ReadFramesAsync(string videoPath, FrameSelection selection, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        RequireVideo(videoPath);
        var arguments = new List<string> { "-nostdin", "-v", "error", "-i", videoPath, "-an" };
        AddSelection(arguments, selection);
        arguments.AddRange(["-f", "image2pipe", "-c:v", "ppm", "-pix_fmt", "rgb24", "pipe:1"]);
        await using var process = FfmpegProcess.Start(ExecutablePath, arguments, videoPath, cancellation);
        var reader = new PpmStreamReader(process.Output, videoPath);
        var produced = 0;
        while (true)
        {
            VideoFrame? frame;
            try
            {
                frame = await reader.ReadAsync(selection, produced, cancellation).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException && cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellation);
            }
            if (frame is null)
            {
                break;
            }
            produced++;
            yield return frame;
        }
        await process.WaitForSuccessAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Encodes numbered frames (<paramref name="framePattern"/> in <paramref name="framesFolder"/>, e.g.
    /// <c>%05d.png</c> counted from 0) at <paramref name="frameRate"/>, with the WAV's audio as AAC when
    /// <paramref name="wavPath"/> is given, into an mp4: libx264 when this ffmpeg has it, else mpeg4; yuv420p
    /// (frame width and height must be even). Written to a temporary file, then moved into place.
    /// </summary>
    public async Task EncodeVideoAsync(string framesFolder, string framePattern, double frameRate, string? wavPath, string outputPath, CancellationToken cancellation = default)
    {
        var rate = CheckRate(frameRate);
        if (!Directory.Exists(framesFolder))
        {
            throw new AvatarDataException("FramesFolderNotFound", AvatarErrorKind.NotFound, framesFolder, "the folder of frames does not exist");
        }
        var input = new List<string>
        {
            "-nostdin", "-v", "error", "-y",
            "-framerate", rate, "-start_number", "0", "-f", "image2", "-i", Path.Combine(framesFolder, framePattern),
        };
        await EncodeAsync(input, rate, wavPath, outputPath, null, cancellation).ConfigureAwait(false);
    }

    private static string CheckRate(double frameRate)
    {
        if (!(frameRate > 0) || double.IsInfinity(frameRate))
        {
            throw new ArgumentOutOfRangeException(nameof(frameRate), frameRate, "must be a positive number of frames per second");
        }
        return frameRate.ToString("R", CultureInfo.InvariantCulture);
    }

    // The video input's arguments come first; the WAV (as AAC), the codec and the output follow. Written to a temporary file, then moved into place.
    private async Task EncodeAsync(List<string> arguments, string rate, string? wavPath, string outputPath, Func<FfmpegProcess, Task>? feed, CancellationToken cancellation)
    {
        if (wavPath is not null && !File.Exists(wavPath))
        {
            throw new AvatarDataException("WavNotFound", AvatarErrorKind.NotFound, wavPath, "the WAV file does not exist");
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(outputPath)}.{Guid.NewGuid():N}.tmp.mp4");
        if (wavPath is not null)
        {
            arguments.AddRange(["-i", wavPath, "-map", "0:v:0", "-map", "1:a:0", "-c:a", "aac", "-b:a", "128k"]);
        }
        if (await HasEncoderAsync("libx264", cancellation).ConfigureAwait(false))
        {
            arguments.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-crf", "18"]);
        }
        else
        {
            arguments.AddRange(["-c:v", "mpeg4", "-q:v", "3"]);
        }
        arguments.AddRange(["-pix_fmt", "yuv420p", "-r", rate, "-movflags", "+faststart", "-f", "mp4", temporary]);
        try
        {
            await using (var process = FfmpegProcess.Start(ExecutablePath, arguments, outputPath, cancellation, redirectInput: feed is not null))
            {
                var draining = process.Output.CopyToAsync(Stream.Null, CancellationToken.None);
                if (feed is not null)
                {
                    await feed(process).ConfigureAwait(false);
                }
                await draining.ConfigureAwait(false);
                await process.WaitForSuccessAsync(cancellation).ConfigureAwait(false);
            }
            File.Move(temporary, outputPath, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Encodes <paramref name="frameCount"/> RGB24 frames of <paramref name="width"/> × <paramref name="height"/>, produced
    /// by <paramref name="frame"/> (index → pixels, called in order) and streamed to ffmpeg's standard input as raw video,
    /// at <paramref name="frameRate"/>, with the WAV's audio as AAC when <paramref name="wavPath"/> is given, into an mp4, as
    /// <see cref="EncodeVideoAsync(string, string, double, string?, string, CancellationToken)"/> does; no image files are written.
    /// </summary>
    public async Task EncodeVideoAsync(int width, int height, int frameCount, Func<int, byte[]> frame, double frameRate, string? wavPath, string outputPath, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: the frame width and height must be even and positive");
        }
        var rate = CheckRate(frameRate);
        var input = new List<string>
        {
            "-nostdin", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"), "-framerate", rate, "-i", "pipe:0",
        };
        await EncodeAsync(input, rate, wavPath, outputPath, async process =>
        {
            var bytes = width * height * 3;
            try
            {
                for (var index = 0; index < frameCount; index++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var pixels = frame(index);
                    if (pixels.Length != bytes)
                    {
                        throw new ArgumentException($"frame {index} has {pixels.Length} bytes; {width}x{height} RGB24 needs {bytes}", nameof(frame));
                    }
                    await process.Input.WriteAsync(pixels, cancellation).ConfigureAwait(false);
                }
            }
            catch (IOException)
            {
                // ffmpeg stopped reading: its exit code and message tell why.
            }
            finally
            {
                try
                {
                    process.Input.Close();
                }
                catch (IOException)
                {
                    // Already closed by ffmpeg's exit.
                }
            }
        }, cancellation).ConfigureAwait(false);
    }

    /// <summary>Whether this ffmpeg has the named encoder (from <c>ffmpeg -encoders</c>, asked once).</summary>
    public async Task<bool> HasEncoderAsync(string encoder, CancellationToken cancellation = default)
    {
        var listing = await _encoders.Value.WaitAsync(cancellation).ConfigureAwait(false);
        foreach (var line in listing.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && fields[0].Length == 6 && string.Equals(fields[1], encoder, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    internal static AvatarDataException NotFound(string reason, Exception? inner) =>
        new("FfmpegNotFound", AvatarErrorKind.NotAvailable, null, $"ffmpeg is needed but not available: {reason}; {InstallHint}.", inner);

    private static void AddSelection(List<string> arguments, FrameSelection selection)
    {
        if (selection.Filter() is { } filter)
        {
            arguments.AddRange(["-vf", filter]);
        }

        // Emit exactly the selected frames: no duplication or dropping to match a container rate.
        if (selection.Rate is null)
        {
            arguments.AddRange(["-vsync", "passthrough"]);
        }
    }

    private static void RequireVideo(string videoPath)
    {
        if (!File.Exists(videoPath))
        {
            throw new AvatarDataException("VideoNotFound", AvatarErrorKind.NotFound, videoPath, "the video file does not exist");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless; the next run uses a new name.
        }
    }
}
