using System.Globalization;
using System.Runtime.ExceptionServices;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Media;

namespace AvatarTools.Core.Synthetic;

/// <summary>
/// Writes a synthetic benchmark in the AVATAR layout, so the whole tool chain can run without the real data.
/// <see cref="SyntheticLayout.Extracted"/>: <c>metadata/&lt;clip_id&gt;/&lt;frame&gt;.json</c> and <c>.jpg</c>,
/// <c>audio/&lt;clip_id&gt;.wav</c> (16 kHz mono 16-bit), <c>frames/&lt;clip_id&gt;/&lt;index&gt;.jpg</c> (every video frame),
/// <c>frame_rates.csv</c>, and <c>video/&lt;clip_id&gt;.mp4</c> when ffmpeg is used. <see cref="SyntheticLayout.Release"/>:
/// exactly what the download holds, <c>metadata/</c> and <c>video/video/&lt;clip_id&gt;.mp4</c> (H.264 encoded from the
/// rendered pixels, AAC sound), nothing else.
/// </summary>
/// <remarks>
/// Each clip shows shapes on a dim textured background. A sounding object's size and brightness pulse with the
/// same envelope that modulates its sound; silent look-alikes pulse out of step; off-screen sources are heard only.
/// Annotations list the sounding instances with polygons equal to what is drawn. The first twelve clips cover every
/// scenario and corner case (see <c>ScenePlanner</c>); later clips repeat the pattern with seeded variety. The same
/// seed and options give byte-identical files on the same platform and runtime.
/// </remarks>
public sealed class SyntheticSetWriter
{
    private readonly string? _ffmpegPath;

    /// <param name="ffmpegPath">The ffmpeg executable to use for videos; null to look for <c>ffmpeg</c> on PATH.</param>
    public SyntheticSetWriter(string? ffmpegPath = null)
    {
        _ffmpegPath = ffmpegPath;
    }

    /// <summary>
    /// Writes the set under <paramref name="root"/> (created when missing; its <c>metadata/</c> folder must be
    /// absent or empty). Clips are written in parallel.
    /// </summary>
    /// <param name="root">The dataset root to create.</param>
    /// <param name="options">Clip count, seed, media and timing.</param>
    /// <param name="progress">Receives the number of clips finished so far (increasing, from worker threads).</param>
    /// <param name="cancellation">Stops the writing between frames; files written so far stay.</param>
    /// <exception cref="AvatarDataException">The root holds a dataset already, or ffmpeg is required and missing or fails.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public SyntheticSetResult Write(string root, SyntheticSetOptions options, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(options);
        ScenePlanner.Validate(options);
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var metadata = Path.Combine(root, "metadata");
        if (Directory.Exists(metadata) && Directory.EnumerateFileSystemEntries(metadata).Any())
        {
            throw new AvatarDataException("SyntheticRootNotEmpty", AvatarErrorKind.InvalidArgument, root,
                "already holds a dataset (metadata/ is not empty); choose an empty or new folder");
        }

        var release = options.Layout == SyntheticLayout.Release;
        if (release && options.MetadataOnly)
        {
            throw new ArgumentException("The release layout holds media; it cannot be combined with MetadataOnly (which writes the metadata JSON only).", nameof(options));
        }
        if (release && options.WriteVideo == false)
        {
            throw new ArgumentException("The release layout holds the videos; it cannot be combined with WriteVideo = false.", nameof(options));
        }
        var encoder = ChooseVideoEncoder(options);
        var plans = ScenePlanner.PlanSet(options);
        Directory.CreateDirectory(metadata);
        if (!options.MetadataOnly && !release)
        {
            Directory.CreateDirectory(Path.Combine(root, "audio"));
            Directory.CreateDirectory(Path.Combine(root, "frames"));
        }
        if (encoder is not null)
        {
            Directory.CreateDirectory(release ? Path.Combine(root, "video", "video") : Path.Combine(root, "video"));
        }
        // The release layout's sound is encoded from WAVs kept outside the dataset, deleted at the end.
        var staging = release ? Directory.CreateTempSubdirectory("avatartools-synthetic-").FullName : null;

        var finished = 0;
        var progressLock = new object();
        // Metadata-only writing waits on the file system more than on the CPU: allow more writers then.
        var workers = options.MetadataOnly ? Math.Max(4, 2 * Environment.ProcessorCount) : Environment.ProcessorCount;
        var parallel = new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = workers };
        try
        {
            Parallel.For(0, plans.Count, parallel, i =>
            {
                if (release)
                {
                    WriteReleaseClip(root, staging!, plans[i], options, encoder!, cancellation);
                }
                else
                {
                    WriteClip(root, plans[i], options, encoder, cancellation);
                }
                if (progress is not null)
                {
                    lock (progressLock)
                    {
                        progress.Report(++finished);
                    }
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Surface the first clip's error itself (an AvatarDataException, IOException, ...), not the wrapper.
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
        finally
        {
            if (staging is not null)
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        if (!release)
        {
            FrameRateTable.Write(Path.Combine(root, AvatarDataset.FrameRatesFileName),
                plans.Select(plan => new KeyValuePair<string, double>(plan.ClipId, options.FrameRate)));
        }
        return Summarize(root, plans, encoder is not null, options.Layout);
    }

    private Ffmpeg? ChooseVideoEncoder(SyntheticSetOptions options)
    {
        if (options.MetadataOnly || options.WriteVideo == false)
        {
            return null;
        }
        if (_ffmpegPath is not null)
        {
            return Ffmpeg.FromPath(_ffmpegPath);
        }
        if (options.Layout == SyntheticLayout.Release)
        {
            if (Ffmpeg.TryLocate(out var encoder, out var reason))
            {
                return encoder;
            }
            var missing = Ffmpeg.NotFound(reason, null);
            throw new AvatarDataException(missing.ErrorId, missing.Kind, null,
                $"the release layout encodes video/video/<clip_id>.mp4 with ffmpeg: {missing.Message}");
        }
        // WriteVideo true needs ffmpeg (Locate says how to install it); null writes videos only when it is there.
        return options.WriteVideo == true ? Ffmpeg.Locate() : Ffmpeg.TryLocate(out var found, out _) ? found : null;
    }

    // metadata/<clip>/<frame>.json + .jpg and video/video/<clip>.mp4, encoded from the rendered pixels (no image files).
    private static void WriteReleaseClip(string root, string staging, ClipPlan plan, SyntheticSetOptions options, Ffmpeg encoder, CancellationToken cancellation)
    {
        var metadata = Path.Combine(root, "metadata", plan.ClipId);
        Directory.CreateDirectory(metadata);
        foreach (var frame in plan.Frames)
        {
            File.WriteAllBytes(Path.Combine(metadata, FrameName(frame.Index, ".json")), FrameJsonWriter.Write(plan, frame));
        }
        var wav = Path.Combine(staging, plan.ClipId + ".wav");
        WavFile.Write(wav, ClipAudioSynthesizer.Synthesize(plan, options.DurationSeconds, SyntheticSetOptions.AudioSampleRate), SyntheticSetOptions.AudioSampleRate);
        var renderer = new FrameRenderer(plan);
        var labelled = plan.Frames.Select(frame => frame.Index).ToHashSet();
        var video = Path.Combine(root, "video", "video", plan.ClipId + ".mp4");
        encoder.EncodeVideoAsync(plan.Width, plan.Height, ScenePlanner.VideoFrameCount(options), index =>
        {
            var pixels = renderer.Render(index / options.FrameRate);
            if (labelled.Contains(index))
            {
                File.WriteAllBytes(Path.Combine(metadata, FrameName(index, ".jpg")), renderer.EncodeJpeg(pixels));
            }
            return pixels;
        }, options.FrameRate, wav, video, cancellation).GetAwaiter().GetResult();
        File.Delete(wav);
    }

    private static void WriteClip(string root, ClipPlan plan, SyntheticSetOptions options, Ffmpeg? encoder, CancellationToken cancellation)
    {
        var metadata = Path.Combine(root, "metadata", plan.ClipId);
        Directory.CreateDirectory(metadata);
        foreach (var frame in plan.Frames)
        {
            File.WriteAllBytes(Path.Combine(metadata, FrameName(frame.Index, ".json")), FrameJsonWriter.Write(plan, frame));
        }
        if (options.MetadataOnly)
        {
            return;
        }

        var frames = Path.Combine(root, "frames", plan.ClipId);
        Directory.CreateDirectory(frames);
        var renderer = new FrameRenderer(plan);
        var labelled = plan.Frames.Select(frame => frame.Index).ToHashSet();
        var videoFrames = ScenePlanner.VideoFrameCount(options);
        for (var index = 0; index < videoFrames; index++)
        {
            cancellation.ThrowIfCancellationRequested();
            var jpeg = renderer.RenderJpeg(index / options.FrameRate);
            File.WriteAllBytes(Path.Combine(frames, FrameName(index, ".jpg")), jpeg);
            if (labelled.Contains(index))
            {
                File.WriteAllBytes(Path.Combine(metadata, FrameName(index, ".jpg")), jpeg);
            }
        }

        var wav = Path.Combine(root, "audio", plan.ClipId + ".wav");
        WavFile.Write(wav, ClipAudioSynthesizer.Synthesize(plan, options.DurationSeconds, SyntheticSetOptions.AudioSampleRate), SyntheticSetOptions.AudioSampleRate);

        if (encoder is not null)
        {
            cancellation.ThrowIfCancellationRequested();
            encoder.EncodeVideoAsync(frames, "%05d.jpg", options.FrameRate, wav, Path.Combine(root, "video", plan.ClipId + ".mp4"), cancellation)
                .GetAwaiter().GetResult();
        }
    }

    private static string FrameName(int index, string extension) => index.ToString("D5", CultureInfo.InvariantCulture) + extension;

    private static SyntheticSetResult Summarize(string root, IReadOnlyList<ClipPlan> plans, bool videoWritten, SyntheticLayout layout)
    {
        var counts = Enum.GetValues<AvatarScenario>().ToDictionary(scenario => scenario, _ => 0);
        var frameCount = 0;
        var offScreenFrames = 0;
        foreach (var plan in plans)
        {
            foreach (var frame in plan.Frames)
            {
                frameCount++;
                if (frame.IsOffScreen)
                {
                    offScreenFrames++;
                }
                foreach (var annotation in frame.Annotations)
                {
                    counts[annotation.Scenario]++;
                }
            }
        }
        var crossEvent = plans.Where(plan => plan.IsCrossEvent).Select(plan => plan.ClipId).ToArray();
        return new SyntheticSetResult(root, plans.Count, frameCount, counts, offScreenFrames, crossEvent, videoWritten,
            plans.Select(plan => plan.ClipId).ToArray(), layout);
    }
}
