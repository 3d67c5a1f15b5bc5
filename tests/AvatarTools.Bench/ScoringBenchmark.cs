using System.Diagnostics;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Bench;

/// <summary>
/// Scores 24,266 synthetic frames at full AVATAR scale (random polygons, about five frames per clip, 670 Off-Screen
/// frames, the spec's scenario mix) with random 7 × 7 maps: Global policy, fractions 0.10/0.15/0.20, Cross-event on,
/// 360 × 640 grid. Prints the total time, the split and peak memory. Arguments: [frames] [threads].
/// </summary>
internal static class ScoringBenchmark
{
    public static int Run(string[] args)
    {
        var frameCount = BenchArguments.IntAt(args, 0, 24_266);
        var threads = BenchArguments.OptionalIntAt(args, 1);
        // "random": i.i.d. uniform cells (the hardest case for skipping blocks); "blobs": one to three smooth peaks over a
        // weak background, as trained models' cosine maps look.
        var smooth = args.Length > 2 && string.Equals(args[2], "blobs", StringComparison.OrdinalIgnoreCase);
        var random = new Random(12345);
        var localizations = Build(frameCount, random, smooth);
        Console.WriteLine($"scoring: maps {(smooth ? "blobs (1-3 smooth peaks)" : "random (uniform cells)")}");
        Console.WriteLine($"scoring: {localizations.Count} frames, {localizations.Count(l => l.Frame.IsOffScreen)} Off-Screen, " +
            $"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);

        var options = new ScoreOptions
        {
            Policy = ThresholdPolicy.Global,
            TopFractions = new[] { 0.10, 0.15, 0.20 },
            CrossEvent = true,
            MaxDegreeOfParallelism = threads,
        };

        // Upsampling alone (one pass over all maps), for the split.
        var upsampleWatch = Stopwatch.StartNew();
        Parallel.For(0, localizations.Count, new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount },
            () => new float[640 * 360], (i, _, grid) =>
            {
                Upsampler.Upsample(localizations[i].Heatmap, grid, 360, 640);
                return grid;
            }, _ => { });
        var upsampleSeconds = upsampleWatch.Elapsed.TotalSeconds;

        // Warm up (JIT) every path on a few frames, so that the side-by-side compares warm code.
        var warm = localizations.Take(Math.Min(500, localizations.Count)).ToList();
        foreach (var reference in new[] { false, true })
        {
            ScoreEvaluator.Evaluate(warm, options with { ReferencePaths = reference });
            ScoreEvaluator.Evaluate(warm, options with { Policy = ThresholdPolicy.PerFrame, ReferencePaths = reference });
        }

        var diagnostics = new ScoreDiagnostics();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var scores = ScoreEvaluator.Evaluate(localizations, options, null, CancellationToken.None, diagnostics);
        var seconds = watch.Elapsed.TotalSeconds;
        self.Refresh();
        var cpuSeconds = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        var frameScores = ScoreEvaluator.EvaluateFrames(localizations, options);
        var summarizeWatch = Stopwatch.StartNew();
        var crossEvent = CrossEventSelector.CrossEventClips(localizations.Select(item => item.Frame));
        var crossEventSeconds = summarizeWatch.Elapsed.TotalSeconds;
        ScoreEvaluator.Summarize(frameScores, options, crossEvent);
        var summarizeSeconds = summarizeWatch.Elapsed.TotalSeconds;
        var perFrameWatch = Stopwatch.StartNew();
        var cpuPerFrameBefore = self.TotalProcessorTime;
        var perFrameScores = ScoreEvaluator.Evaluate(localizations, options with { Policy = ThresholdPolicy.PerFrame }, null, CancellationToken.None);
        var perFrameSeconds = perFrameWatch.Elapsed.TotalSeconds;
        self.Refresh();
        var perFrameCpu = (self.TotalProcessorTime - cpuPerFrameBefore).TotalSeconds;

        // The straightforward paths (calibrate, then count; PerFrame over full grids) side by side with the fast ones, alternating
        // (best of three each, CPU seconds of this process: the machine may be shared), and their rows compared.
        double Cpu(Action work)
        {
            var best = double.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                self.Refresh();
                var before = self.TotalProcessorTime;
                work();
                self.Refresh();
                best = Math.Min(best, (self.TotalProcessorTime - before).TotalSeconds);
            }
            return best;
        }
        IReadOnlyList<AvatarScore>? referenceScores = null;
        IReadOnlyList<AvatarScore>? referencePerFrame = null;
        var globalNew = Cpu(() => ScoreEvaluator.Evaluate(localizations, options));
        var globalOld = Cpu(() => referenceScores = ScoreEvaluator.Evaluate(localizations, options with { ReferencePaths = true }));
        var perFrameNew = Cpu(() => ScoreEvaluator.Evaluate(localizations, options with { Policy = ThresholdPolicy.PerFrame }));
        var perFrameOld = Cpu(() => referencePerFrame = ScoreEvaluator.Evaluate(localizations, options with { Policy = ThresholdPolicy.PerFrame, ReferencePaths = true }));
        static string Row(AvatarScore s) => FormattableString.Invariant($"{s.Group}|{s.TopFraction}|{s.Threshold}|{s.Frames}|{s.CIoU}|{s.AUC}|{s.TNRate}|{s.Delta}");
        var same = scores.Select(Row).SequenceEqual(referenceScores!.Select(Row)) && perFrameScores.Select(Row).SequenceEqual(referencePerFrame!.Select(Row));
        Console.WriteLine($"scoring: side by side (CPU-s, best of 3): Global fused {globalNew:F2} vs two-pass {globalOld:F2} (new/old {globalNew / globalOld:F2}); " +
            $"PerFrame sweep {perFrameNew:F2} vs full grid {perFrameOld:F2} (new/old {perFrameNew / perFrameOld:F2}); PerFrame / Global (new) {perFrameNew / globalNew:F2}; " +
            $"rows identical: {same}; fused passes {diagnostics.FusedPasses}");
        var referenceDiagnostics = new ScoreDiagnostics();
        ScoreEvaluator.Evaluate(localizations, options with { ReferencePaths = true }, null, CancellationToken.None, referenceDiagnostics);
        Console.WriteLine($"  two-pass split: calibrate {referenceDiagnostics.CalibrationSeconds:F2} s (sample {referenceDiagnostics.SamplingSeconds:F2} s, {referenceDiagnostics.CalibrationPasses} exact), " +
            $"count {referenceDiagnostics.CountingSeconds:F2} s (rasterize {referenceDiagnostics.RasterizeThreadSeconds:F2} thread-s)");
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"scoring: Evaluate end to end {seconds:F2} s ({scores.Count} rows), {cpuSeconds:F2} CPU-s");
        Console.WriteLine($"scoring: PerFrame policy {perFrameSeconds:F2} s ({perFrameScores.Count} rows), {perFrameCpu:F2} CPU-s; Global / PerFrame wall ratio {seconds / perFrameSeconds:F2}");
        Console.WriteLine($"  calibrate (wall)             {diagnostics.CalibrationSeconds:F2} s, {diagnostics.CalibrationPasses} exact pass(es) + 1 sample pass ({diagnostics.SamplingSeconds:F2} s)");
        Console.WriteLine($"  count pass (wall)            {diagnostics.CountingSeconds:F2} s");
        Console.WriteLine($"    rasterize (thread-s)       {diagnostics.RasterizeThreadSeconds:F2} s");
        Console.WriteLine($"    upsample+compare (thread-s) {diagnostics.CountingThreadSeconds - diagnostics.RasterizeThreadSeconds:F2} s");
        Console.WriteLine($"  the rest (wall)              {seconds - diagnostics.CalibrationSeconds - diagnostics.CountingSeconds:F2} s, of which the summary of {frameScores.Count} frame scores {summarizeSeconds:F2} s (cross-event clips {crossEventSeconds:F2} s)");
        Console.WriteLine($"  standalone upsample of every map to a full grid (one pass): {upsampleSeconds:F2} s");
        Console.WriteLine($"  peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB; managed heap now {GC.GetTotalMemory(false) / 1048576.0:F0} MiB " +
            $"(inputs {baseline / 1048576.0:F0} MiB); GC gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        foreach (var score in scores.Take(6))
        {
            Console.WriteLine($"  {score.Group,-13} p={score.TopFraction:F2} tau={score.Threshold:G6} n={score.Frames} CIoU={score.CIoU:F3} AUC={score.AUC:F3} TN={score.TNRate:F2} Delta={score.Delta:F3}");
        }
        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    internal static List<Localization> Build(int frameCount, Random random, bool smooth = false)
    {
        var categories = Enumerable.Range(0, 80).Select(i => $"category {i:D2}").ToArray();
        var result = new List<Localization>(frameCount);
        var offScreenEvery = Math.Max(1, frameCount / 670);
        var clip = 0;
        while (result.Count < frameCount)
        {
            var videoId = $"clip{clip:D7}_{clip % 300:D5}";
            var framesInClip = Math.Min(frameCount - result.Count, 4 + random.Next(3));
            var clipCategory = categories[random.Next(categories.Length)];
            var crossEvent = random.NextDouble() < 0.09;
            for (var f = 0; f < framesInClip; f++)
            {
                var instances = new List<AvatarInstance>();
                var category = crossEvent && f == framesInClip - 1 ? categories[random.Next(categories.Length)] : clipCategory;
                if (result.Count % offScreenEvery == 0)
                {
                    instances.Add(new AvatarInstance(category, AvatarScenario.OffScreen, null, Array.Empty<double[]>()));
                }
                else
                {
                    var roll = random.NextDouble();
                    // About 15,372 Single : 9,322 Multi-Entity : 3,822 Mixed instances over 23,596 on-screen frames.
                    var (scenario, count) = roll < 0.62 ? (AvatarScenario.SingleSound, 1)
                        : roll < 0.85 ? (AvatarScenario.MultiEntity, 1 + random.Next(2))
                        : (AvatarScenario.MixedSound, 1 + random.Next(3));
                    for (var k = 0; k < count; k++)
                    {
                        instances.Add(new AvatarInstance(category, scenario, null, new[] { RandomPolygon(random) }));
                    }
                }
                var frame = new AvatarFrame(videoId, 10 + (f * 50), 640, 360, instances, "", "", "", 25);
                var values = smooth ? Blobs(random) : new float[49];
                for (var i = 0; i < values.Length && !smooth; i++)
                {
                    values[i] = (float)((random.NextDouble() * 2) - 1) / 0.03f;
                }
                result.Add(new Localization(frame, "bench", new Heatmap(7, 7, values)));
            }
            clip++;
        }
        return result;
    }

    private static float[] Blobs(Random random)
    {
        var values = new float[49];
        var peaks = 1 + random.Next(3);
        var centres = Enumerable.Range(0, peaks).Select(_ => (X: random.NextDouble() * 6, Y: random.NextDouble() * 6, Width: 0.7 + random.NextDouble())).ToArray();
        for (var y = 0; y < 7; y++)
        {
            for (var x = 0; x < 7; x++)
            {
                var value = -0.2 + (0.05 * random.NextDouble());
                foreach (var (cx, cy, width) in centres)
                {
                    value += Math.Exp(-(((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) / (2 * width * width));
                }
                values[(y * 7) + x] = (float)(value / 0.03);
            }
        }
        return values;
    }

    private static double[] RandomPolygon(Random random)
    {
        var vertices = 3 + random.Next(10);
        var centreX = random.Next(640);
        var centreY = random.Next(360);
        var radius = 20 + random.Next(150);
        var polygon = new double[vertices * 2];
        for (var v = 0; v < vertices; v++)
        {
            var angle = 2 * Math.PI * v / vertices;
            var r = radius * (0.5 + (0.5 * random.NextDouble()));
            polygon[v * 2] = Math.Clamp(centreX + (r * Math.Cos(angle)), 0, 640);
            polygon[(v * 2) + 1] = Math.Clamp(centreY + (r * Math.Sin(angle)), 0, 360);
        }
        return polygon;
    }
}
