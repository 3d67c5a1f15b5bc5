using System.Buffers.Binary;
using System.Globalization;

namespace AvatarTools.Core.Media;

/// <summary>The frames a model needs from a clip: these 0-based video frame indices, at this size.</summary>
/// <param name="Indices">Ascending, distinct indices in decoding order.</param>
/// <param name="Scale">The size and filter of the model's frames.</param>
public sealed record FrameRequest(IReadOnlyList<int> Indices, FrameScale Scale);

/// <summary>What one decoding of a clip produced.</summary>
/// <param name="Audio">16 kHz mono 16-bit samples trimmed to the video's duration, when asked for.</param>
/// <param name="Frames">The asked frames as RGB24 at the asked size, in index order, when asked for.</param>
public sealed record DecodedClip(short[]? Audio, IReadOnlyList<VideoFrame>? Frames);

/// <summary>
/// Decodes clips with one ffmpeg run per clip, straight to what the models take: the audio as 16 kHz mono
/// 16-bit samples (<c>-ac 1 -ar 16000 -f s16le</c>) and the selected video frames at the model's size as RGB24
/// (<c>select</c>, <c>scale</c>, PPM through a pipe), nothing written as images. At most
/// <see cref="Parallelism"/> ffmpeg processes run at once (by default one per core). Safe to use from several threads.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The only disposable field is a SemaphoreSlim whose AvailableWaitHandle is never read, so it holds nothing to release; "
        + "a decoder is shared by the readers of a run and has no end of life of its own to dispose at.")]
public sealed class ClipDecoder
{
    private readonly Lazy<Ffmpeg> _ffmpeg;
    private readonly SemaphoreSlim _slots;

    /// <param name="locate">Finds ffmpeg when it is first needed (default <see cref="Ffmpeg.Locate()"/>); a failure is kept, so a
    /// missing ffmpeg is looked for once.</param>
    /// <param name="parallelism">How many ffmpeg processes may run at once; null for one per core.</param>
    public ClipDecoder(Func<Ffmpeg>? locate = null, int? parallelism = null)
    {
        _ffmpeg = new Lazy<Ffmpeg>(locate ?? Ffmpeg.Locate, LazyThreadSafetyMode.ExecutionAndPublication);
        Parallelism = Math.Max(1, parallelism ?? Environment.ProcessorCount);
        _slots = new SemaphoreSlim(Parallelism);
    }

    /// <summary>How many ffmpeg processes may run at once.</summary>
    public int Parallelism { get; }

    /// <summary>The ffmpeg used.</summary>
    /// <exception cref="AvatarDataException">FfmpegNotFound.</exception>
    public Ffmpeg Ffmpeg => _ffmpeg.Value;

    /// <summary>
    /// The ffmpeg arguments of one decoding: the audio to <paramref name="audioOutput"/> (a file, or <c>pipe:1</c>) when
    /// not null, the frames as PPM images to standard output when <paramref name="frames"/> is not null.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string videoPath, string? audioOutput, FrameRequest? frames)
    {
        if (audioOutput is null && frames is null)
        {
            throw new ArgumentException("ask for the audio, the frames, or both");
        }
        var arguments = new List<string> { "-nostdin", "-v", "error", "-i", videoPath };
        if (audioOutput is not null)
        {
            arguments.AddRange(["-map", "0:a:0", "-ac", "1", "-ar", AudioClip.ModelSampleRate.ToString(CultureInfo.InvariantCulture), "-c:a", "pcm_s16le", "-f", "s16le"]);
            if (audioOutput != "pipe:1")
            {
                arguments.Add("-y");
            }
            arguments.Add(audioOutput);
        }
        if (frames is not null)
        {
            var selection = FrameSelection.ByIndex(frames.Indices);
            arguments.AddRange(["-map", "0:v:0", "-vf", selection.Filter() + "," + frames.Scale.FilterChain(),
                "-vsync", "passthrough", "-c:v", "ppm", "-f", "image2pipe", "pipe:1"]);
        }
        return arguments;
    }

    /// <summary>
    /// Decodes the clip's audio and/or frames in one ffmpeg run.
    /// </summary>
    /// <param name="videoPath">The mp4.</param>
    /// <param name="video">Its header (the audio is trimmed to round(duration × 16000) samples: AAC decoding yields a few hundred more).</param>
    /// <param name="audio">Whether to decode the audio.</param>
    /// <param name="frames">The frames to decode, or null. An index past the frames ffmpeg produces gets the last frame produced.</param>
    /// <param name="cancellation">Kills ffmpeg.</param>
    /// <exception cref="AvatarDataException">
    /// FfmpegNotFound; InvalidVideo (ffmpeg cannot decode the file, with ffmpeg's own message, or it has no audio or no frames);
    /// TemporaryFolderUnwritable (ffmpeg could not write the audio to its scratch file).
    /// </exception>
    public async Task<DecodedClip> DecodeAsync(string videoPath, Mp4Info video, bool audio, FrameRequest? frames, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(video);
        var ffmpeg = Ffmpeg;
        await _slots.WaitAsync(cancellation).ConfigureAwait(false);
        string? scratch = null;
        try
        {
            // With frames on standard output, the audio goes to a scratch file outside the dataset and the cache.
            scratch = audio && frames is not null
                ? Path.Combine(Path.GetTempPath(), $"avatartools-{Environment.ProcessId}-{Guid.NewGuid():N}.s16")
                : null;
            var audioOutput = audio ? scratch ?? "pipe:1" : null;
            var arguments = Arguments(videoPath, audioOutput, frames);
            await using var process = FfmpegProcess.Start(ffmpeg.ExecutablePath, arguments, videoPath, cancellation);
            byte[]? audioBytes = null;
            List<VideoFrame>? produced = null;
            if (frames is not null)
            {
                produced = await ReadFramesAsync(process, videoPath, frames, cancellation).ConfigureAwait(false);
            }
            else
            {
                using var buffer = new MemoryStream(capacity: (int)Math.Min(int.MaxValue, (long)(video.DurationSeconds * AudioClip.ModelSampleRate * 2) + 65536));
                await process.Output.CopyToAsync(buffer, cancellation).ConfigureAwait(false);
                audioBytes = buffer.ToArray();
            }
            var (exitCode, messages) = await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
            if (exitCode != 0)
            {
                if (scratch is not null && messages.Contains(scratch, StringComparison.Ordinal))
                {
                    throw new AvatarDataException("TemporaryFolderUnwritable", AvatarErrorKind.NotAvailable, scratch,
                        $"ffmpeg could not write the decoded audio of {videoPath} to the temporary folder (exit code {exitCode}): {messages}; free some space or point TMPDIR elsewhere");
                }
                throw InvalidVideo(videoPath, exitCode, messages);
            }
            if (scratch is not null)
            {
                audioBytes = await File.ReadAllBytesAsync(scratch, cancellation).ConfigureAwait(false);
            }
            var samples = audioBytes is null ? null : Samples(audioBytes, video);
            if (samples is { Length: 0 })
            {
                throw new AvatarDataException("InvalidVideo", AvatarErrorKind.InvalidData, videoPath, "ffmpeg decoded no audio from it (an empty sound track)");
            }
            // A damaged file (cut short, bad packets) often still exits with 0: ffmpeg's messages and a short output tell.
            var expected = ExpectedSamples(video);
            var shortAudio = samples is not null && samples.Length < expected - (AudioClip.ModelSampleRate / 10);
            var shortFrames = produced is not null && produced.Count < frames!.Indices.Count;
            if (messages.Length > 0 && (shortAudio || shortFrames))
            {
                var what = shortAudio
                    ? string.Create(CultureInfo.InvariantCulture, $"{samples!.Length / (double)AudioClip.ModelSampleRate:0.##} s of its {video.DurationSeconds:0.##} s of audio")
                    : $"{produced!.Count} of the {frames!.Indices.Count} frames asked for";
                throw new AvatarDataException("InvalidVideo", AvatarErrorKind.InvalidData, videoPath, $"ffmpeg decoded only {what}: {messages}");
            }
            return new DecodedClip(samples, produced is null ? null : Complete(produced, frames!, videoPath, messages));
        }
        finally
        {
            _slots.Release();
            if (scratch is not null)
            {
                try
                {
                    File.Delete(scratch);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // A scratch file in the temporary folder; harmless.
                }
            }
        }
    }

    /// <summary>
    /// The error for a video whose header AvatarTools cannot read: ffmpeg is asked to read the file, and its own message
    /// is the error (InvalidVideo); when ffmpeg reads it, the error says what AvatarTools could not read.
    /// </summary>
    public async Task<AvatarDataException> DescribeUnreadableAsync(string videoPath, string reason, CancellationToken cancellation = default)
    {
        var ffmpeg = Ffmpeg;
        await _slots.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await using var process = FfmpegProcess.Start(ffmpeg.ExecutablePath,
                ["-nostdin", "-v", "error", "-i", videoPath, "-map", "0", "-c", "copy", "-f", "null", "-"], videoPath, cancellation);
            await process.Output.CopyToAsync(Stream.Null, cancellation).ConfigureAwait(false);
            var (exitCode, messages) = await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
            return exitCode != 0
                ? InvalidVideo(videoPath, exitCode, messages)
                : new AvatarDataException("InvalidVideo", AvatarErrorKind.InvalidData, videoPath,
                    $"ffmpeg reads it, but its mp4 header cannot be read for the frame rate and duration ({reason}); re-mux it (ffmpeg -i in.mp4 -c copy out.mp4) or list the clip in frame_rates.csv");
        }
        finally
        {
            _slots.Release();
        }
    }

    private static AvatarDataException InvalidVideo(string videoPath, int exitCode, string messages) =>
        new("InvalidVideo", AvatarErrorKind.InvalidData, videoPath,
            $"ffmpeg cannot decode it (exit code {exitCode}): {(messages.Length == 0 ? "(no message)" : messages)}");

    private static async Task<List<VideoFrame>> ReadFramesAsync(FfmpegProcess process, string videoPath, FrameRequest frames, CancellationToken cancellation)
    {
        var selection = FrameSelection.ByIndex(frames.Indices);
        var reader = new PpmStreamReader(process.Output, videoPath);
        var produced = new List<VideoFrame>(frames.Indices.Count);
        while (true)
        {
            VideoFrame? frame;
            try
            {
                frame = await reader.ReadAsync(selection, produced.Count, cancellation).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException && cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellation);
            }
            if (frame is null)
            {
                return produced;
            }
            if (frame.Width != frames.Scale.Size || frame.Height != frames.Scale.Size)
            {
                throw new AvatarDataException("InvalidFrameStream", AvatarErrorKind.InvalidData, videoPath,
                    $"ffmpeg produced {frame.Width}x{frame.Height} frames; {frames.Scale.Size}x{frames.Scale.Size} were asked for");
            }
            if (produced.Count == frames.Indices.Count)
            {
                // More frames than selected (never expected with -vsync passthrough): ignore the rest.
                continue;
            }
            produced.Add(frame);
        }
    }

    // Indices past the last frame ffmpeg produced (a header that lists more frames than decode) get that last frame.
    private static List<VideoFrame> Complete(List<VideoFrame> produced, FrameRequest frames, string videoPath, string messages)
    {
        if (produced.Count == 0)
        {
            throw new AvatarDataException("InvalidVideo", AvatarErrorKind.InvalidData, videoPath,
                $"ffmpeg decoded none of the {frames.Indices.Count} frames asked for (indices {frames.Indices[0]} to {frames.Indices[^1]}){(messages.Length == 0 ? "" : ": " + messages)}");
        }
        var last = produced[^1];
        for (var k = produced.Count; k < frames.Indices.Count; k++)
        {
            produced.Add(last with { Index = frames.Indices[k] });
        }
        return produced;
    }

    private static long ExpectedSamples(Mp4Info video) =>
        (long)Math.Round(video.DurationSeconds * AudioClip.ModelSampleRate, MidpointRounding.AwayFromZero);

    private static short[] Samples(byte[] bytes, Mp4Info video)
    {
        var expected = ExpectedSamples(video);
        var count = (int)Math.Min(bytes.Length / 2, expected);
        var samples = new short[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i));
        }
        return samples;
    }
}
