using System.Diagnostics;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Features;
using AvatarTools.Core.Media;

namespace AvatarTools.Bench;

/// <summary>
/// What Invoke-AvatarLocalization's preprocessing costs per frame with the EZ-VSL preset, part by part,
/// single-threaded and warm: `dotnet run -c Release -- preprocessing &lt;dataset&gt;`.
/// </summary>
internal static class PreprocessingBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.WriteLine("preprocessing: skipped (give a dataset folder; build.ps1 -Task Bench passes the synthetic one)");
            return 0;
        }
        var dataset = AvatarDataset.Open(args[0]);
        var frames = dataset.ReadFrames().Select(r => r.Frame!).ToList();
        var clips = frames.Select(f => f.VideoId).Distinct().ToList();
        var images = new ImagePreprocessor();
        var buffer = new float[images.TensorLength];
        var settings = SpectrogramSettings.EzVsl;
        var spectrogram = new float[settings.Shape().Aggregate(1, (a, b) => a * b)];

        for (var warm = 0; warm < 2; warm++)
        {
            images.Process(frames[warm].ImagePath, buffer);
            AudioFeatures.ComputeInto(WavFile.Read(dataset.AudioPath(clips[0]), 16000).Samples.AsSpan(0, settings.SampleCount), settings, spectrogram);
        }
        for (var round = 0; round < 3; round++)
        {
            Measure(dataset, frames, clips, images, buffer, settings, spectrogram, round == 2);
        }
        return 0;
    }

    private static void Measure(AvatarDataset dataset, List<AvatarFrame> frames, List<string> clips, ImagePreprocessor images, float[] buffer,
        SpectrogramSettings settings, float[] spectrogram, bool print)
    {
        var clock = Stopwatch.StartNew();
        foreach (var frame in frames)
        {
            images.Process(frame.ImagePath, buffer);
        }
        var imageMs = clock.Elapsed.TotalMilliseconds / frames.Count;
        clock.Restart();
        var audio = clips.Select(id => WavFile.Read(dataset.AudioPath(id), 16000)).ToList();
        var wavMs = clock.Elapsed.TotalMilliseconds / clips.Count;
        clock.Restart();
        foreach (var clip in audio)
        {
            var window = AudioWindow.Extract(clip.Samples, clip.SampleRate, 5, settings.WindowSeconds);
            AudioFeatures.ComputeInto(window, settings, spectrogram);
        }
        var spectrogramMs = clock.Elapsed.TotalMilliseconds / clips.Count;
        var perFrame = imageMs + ((wavMs + spectrogramMs) * clips.Count / frames.Count);
        if (!print)
        {
            return;
        }
        Console.WriteLine($"preprocessing (EZ-VSL preset, one thread): image {imageMs:F2} ms/frame; wav {wavMs:F2} ms/clip; " +
            $"10 s spectrogram {spectrogramMs:F2} ms/clip; {perFrame:F2} ms of CPU per frame over {frames.Count} frames of {clips.Count} clips (third round)");
    }
}
