using System.Diagnostics;
using System.Globalization;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Inference;
using AvatarTools.Core.Media;

namespace AvatarTools.Bench;

/// <summary>
/// The media path on a release-layout set (metadata/ and video/video/*.mp4 only), for Center (audio) and AVSync
/// (audio and 16-frame windows at 8 fps, 112 x 112): `dotnet run -c Release -- media &lt;release set&gt;`.
/// <list type="bullet">
/// <item>ffmpeg alone: the very ffmpeg commands a cold run starts (<see cref="ClipDecoder.Arguments"/>), one per clip,
/// as many at once as the runner runs, their output read and thrown away;</item>
/// <item>first run: <see cref="LocalizationRunner"/> over every labelled frame with an empty cache (decode, cache, preprocess,
/// infer), the model's session already open;</item>
/// <item>second run: the same with the cache filled.</item>
/// </list>
/// The three alternate for a few rounds and the best of each is kept, as the machine is shared.
/// </summary>
internal static class MediaBenchmark
{
    private const int DefaultRounds = 3;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Directory.Exists(Path.Combine(args[0], "metadata")))
        {
            Console.WriteLine("media: skipped (give a release-layout set; build.ps1 -Task Bench writes one when ffmpeg is installed)");
            return 0;
        }
        if (!Ffmpeg.TryLocate(out var ffmpeg, out var reason))
        {
            Console.WriteLine($"media: skipped ({reason})");
            return 0;
        }
        var dataset = AvatarDataset.Open(args[0], Mp4Info.TryReadFrameRate);
        var frames = dataset.ReadFrames().Select(record => record.Frame ?? throw new InvalidOperationException(record.Error!.Message)).ToList();
        var clips = frames.Select(frame => frame.VideoId).Distinct().ToList();
        var parallelism = Environment.ProcessorCount;
        var rounds = BenchArguments.IntAt(args, 1, DefaultRounds);
        var models = args.Length > 2 ? args[2].Split(',') : ["Center", "AVSync"];
        var scratch = Directory.CreateTempSubdirectory("avatartools-media-bench-").FullName;
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"media: {clips.Count} clips, {frames.Count} labelled frames, {Mp4Info.Read(dataset.VideoPath(clips[0])!).FrameRate:0.##} fps; {parallelism} ffmpeg at once; best of {rounds} rounds; load average {LoadAverage()}"));
            var exit = 0;
            foreach (var model in models)
            {
                exit |= Measure(model, dataset, frames, clips, ffmpeg, parallelism, scratch, rounds);
            }
            return exit;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static int Measure(string model, AvatarDataset dataset, List<AvatarFrame> frames, List<string> clips, Ffmpeg ffmpeg, int parallelism, string scratch, int rounds)
    {
        using var session = ModelLoader.Open(model, null, new InferenceOptions());
        var description = session.Description;
        var video = description.Level == ModelLevel.Video;
        var commands = clips.Select(clip =>
        {
            var path = dataset.VideoPath(clip)!;
            FrameRequest? request = null;
            if (video)
            {
                var header = Mp4Info.Read(path);
                var timing = new ClipTiming(header.FrameRate, header.FrameCount);
                request = new FrameRequest(ClipSampling.FramesOfClip(description, dataset.LabelledFrames(clip), timing), ClipSampling.FrameScaleOf(description));
            }
            var audio = video ? Path.Combine(scratch, clip + ".s16") : "pipe:1";
            return ClipDecoder.Arguments(path, audio, request);
        }).ToList();

        Run(session, frames, Path.Combine(scratch, "warm-up-" + model));
        double bestFfmpeg = double.MaxValue, bestFirst = double.MaxValue, bestSecond = double.MaxValue, secondCpu = double.MaxValue;
        long cacheBytes = 0;
        var packs = 0;
        for (var round = 0; round < rounds; round++)
        {
            bestFfmpeg = Math.Min(bestFfmpeg, FfmpegAlone(ffmpeg, commands, parallelism));
            var cache = Path.Combine(scratch, $"cache-{model}-{round}");
            bestFirst = Math.Min(bestFirst, Run(session, frames, cache));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var second = Run(session, frames, cache);
            if (second < bestSecond)
            {
                bestSecond = second;
                secondCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            }
            cacheBytes = Directory.GetFiles(cache, "*", SearchOption.AllDirectories).Where(file => !file.EndsWith("dataset.txt", StringComparison.Ordinal)).Sum(file => new FileInfo(file).Length);
            packs = Directory.GetFiles(cache, "*" + FramePack.Extension, SearchOption.AllDirectories).Length;
            Directory.Delete(cache, recursive: true);
        }
        var ratio = bestFirst / bestFfmpeg;
        var perClipSecond = bestSecond / clips.Count;
        var secondTarget = video ? 0.1 : 0.03;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"media {model}: ffmpeg alone {bestFfmpeg:F2} s ({bestFfmpeg / clips.Count:F3} s/clip); first run {bestFirst:F2} s ({bestFirst / clips.Count:F3} s/clip), " +
            $"{ratio:F2}x ffmpeg alone (target <= 1.5x); second run {bestSecond:F2} s ({perClipSecond:F3} s/clip, target < {secondTarget} s/clip; {secondCpu / clips.Count:F3} CPU-s/clip); " +
            $"cache {cacheBytes / 1024.0 / clips.Count:F0} kB/clip (target <= 500 kB){(video ? $", frames kept for {packs} of {clips.Count} clips (the others are decoded again)" : "")}"));
        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    // One pass of the runner over every frame; the seconds from the first submitted frame to the last outcome.
    private static double Run(ModelSession session, List<AvatarFrame> frames, string cache)
    {
        var clock = Stopwatch.StartNew();
        var errors = 0;
        var done = 0;
        using (var runner = new LocalizationRunner(session, session.Description.Name, new LocalizationRunOptions { CacheFolder = cache }))
        {
            foreach (var frame in frames)
            {
                runner.Submit(frame);
                foreach (var outcome in runner.TakeReady())
                {
                    done++;
                    errors += outcome.Error is null ? 0 : 1;
                }
            }
            foreach (var outcome in runner.Complete())
            {
                done++;
                errors += outcome.Error is null ? 0 : 1;
            }
        }
        if (errors > 0 || done != frames.Count)
        {
            throw new InvalidOperationException($"the run gave {errors} errors and {done} outcomes for {frames.Count} frames");
        }
        return clock.Elapsed.TotalSeconds;
    }

    // The same ffmpeg commands, `parallelism` at a time; standard output read and thrown away, as the runner reads it.
    private static double FfmpegAlone(Ffmpeg ffmpeg, List<IReadOnlyList<string>> commands, int parallelism)
    {
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(commands, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, arguments =>
        {
            var start = new ProcessStartInfo(ffmpeg.ExecutablePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(Stream.Null);
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg failed: {errors.Result}");
            }
        });
        return clock.Elapsed.TotalSeconds;
    }
}
