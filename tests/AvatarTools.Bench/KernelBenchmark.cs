using System.Diagnostics;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Bench;

/// <summary>
/// The scoring kernels one at a time on one thread (µs per frame, best of several runs), for side-by-side comparisons of builds on
/// a shared machine (run each under `perf stat` for instruction and cycle counts). Arguments: [frames] [runs] [kernel].
/// Kernels: count3 (the counting pass at three thresholds), calibrate (sample and exact passes), fused (calibration and counting
/// in one pass), perframe, rasterize, prepare.
/// </summary>
internal static class KernelBenchmark
{
    public static int Run(string[] args)
    {
        var frames = BenchArguments.IntAt(args, 0, 3000);
        var runs = BenchArguments.IntAt(args, 1, 5);
        var only = args.Length > 2 ? args[2] : null;
        var localizations = ScoringBenchmark.Build(frames, new Random(12345));
        var options = new ScoreOptions { Policy = ThresholdPolicy.Global, TopFractions = new[] { 0.10, 0.15, 0.20 }, MaxDegreeOfParallelism = 1 };
        var indices = Enumerable.Range(0, localizations.Count).ToList();
        var maps = localizations.Select(l => l.Heatmap).ToArray();
        var taus = GlobalThreshold.Compute(maps, options.TopFractions!, 360, 640, UpsampleMode.Bilinear, 1).ToArray();
        var mask = new MaskBuilder();
        var engine = new UpsampleEngine();
        var kernels = new (string Name, Action Work)[]
        {
            ("count3", () => FrameScoring.Count(localizations, indices, taus, options, null, CancellationToken.None, null)),
            ("calibrate", () => GlobalThreshold.Compute(maps, options.TopFractions!, 360, 640, UpsampleMode.Bilinear, 1)),
            ("fused", () => FusedGlobalPass.TryRun(localizations, indices, options.TopFractions!, options, null, CancellationToken.None, null)),
            ("perframe", () => FrameScoring.Count(localizations, indices, null, options with { Policy = ThresholdPolicy.PerFrame }, null, CancellationToken.None, null)),
            ("rasterize", () => { foreach (var l in localizations) { mask.Build(l.Frame, 360, 640); } }),
            ("prepare", () => { foreach (var l in localizations) { engine.Prepare(l.Heatmap, 360, 640, UpsampleMode.Bilinear); engine.PrepareBlocks(l.Heatmap.Height); } }),
        };
        var parts = new List<string>();
        foreach (var (name, work) in kernels)
        {
            if (only is not null && !string.Equals(only, name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            work();
            var best = double.MaxValue;
            for (var run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                work();
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            }
            parts.Add(FormattableString.Invariant($"{name} {best * 1000 / frames:F1}"));
        }
        Console.WriteLine($"kernels (µs per frame, 1 thread, best of {runs} over {frames} frames): {string.Join(", ", parts)}; load {LoadAverage()}");
        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
