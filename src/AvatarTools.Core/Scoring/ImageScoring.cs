using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The per-sample step of the image benchmarks (VGG-SS, Flickr-SoundNet), one frame at a time on all cores: upsample the
/// map to the grid (224 × 224 by the presets), threshold it per sample (PerFrame: min-max normalised, τ = the value at
/// ascending index ⌊N/2⌋, found by selection; Fixed: the raw map against a fixed τ) by the tie rule, and count |P|,
/// |P∩A| and |P∩B| over the ground truth's masks (<see cref="BoxCoverage"/>). cIoU = Σ P·G / (Σ G + Σ P·[G = 0]);
/// NaN when Σ G = 0 and Σ P = 0 (the baselines' 0/0).
/// </summary>
internal static class ImageScoring
{
    public static IReadOnlyList<FrameScore> Score(IReadOnlyList<Localization> localizations, List<int> indices, ScoreOptions options,
        ScoreProtocol protocol, IProgress<ScoreProgress>? progress, CancellationToken cancellationToken)
    {
        var height = options.GridHeight;
        var width = options.GridWidth;
        var rule = options.TieRule;
        var perFrame = options.Policy == ThresholdPolicy.PerFrame;
        var fixedThreshold = (float)options.Value;
        var n = indices.Count;
        var predicted = new int[n];
        var insideA = new int[n];
        var insideB = new int[n];
        var countA = new long[n];
        var countB = new long[n];
        var thresholds = new float[n];
        var confidences = options.Detection ? new double[n] : null;
        FrameLoop.Run(n, options.MaxDegreeOfParallelism, () => new State(height * width),
            (j, state) =>
            {
                var localization = localizations[indices[j]];
                var coverage = state.Coverage;
                coverage.Build(localization.Frame, height, width);
                countA[j] = coverage.CountA;
                countB[j] = coverage.CountB;
                var grid = state.Grid;
                state.Engine.Prepare(localization.Heatmap, height, width, options.Upsample);
                for (var y = 0; y < height; y++)
                {
                    state.Engine.ComputeRow(y, grid.AsSpan(y * width, width));
                }
                if (confidences is not null)
                {
                    // SLAVC's confidence, on the raw map before any normalisation.
                    confidences[j] = state.Confidence.TopQuarterMean(grid);
                }
                var compareTo = fixedThreshold;
                var compareRule = rule;
                thresholds[j] = fixedThreshold;
                if (perFrame)
                {
                    var (tau, raw) = state.Median.Select(grid, rule);
                    compareTo = raw;
                    compareRule = TieRule.AtLeast;
                    if (float.IsNaN(raw))
                    {
                        // NaN in the grid or an overflowing range: the rule as written, on the normalised grid.
                        tau = PerFrameThreshold.NormalizeAndSelectMedian(grid, state.Histogram);
                        compareTo = tau;
                        compareRule = rule;
                    }
                    thresholds[j] = tau;
                }
                predicted[j] = FrameCounter.Count(grid, compareTo, compareRule);
                var a = 0;
                var b = 0;
                var spansA = coverage.SpansA;
                var spansB = coverage.SpansB;
                for (var y = 0; y < height; y++)
                {
                    var band = coverage.BandOf(y);
                    if (band < 0)
                    {
                        continue;
                    }
                    var row = grid.AsSpan(y * width, width);
                    var (fromA, toA) = coverage.RangeA(band);
                    for (var k = fromA; k < toA; k += 2)
                    {
                        a += FrameCounter.Count(row[spansA[k]..spansA[k + 1]], compareTo, compareRule);
                    }
                    var (fromB, toB) = coverage.RangeB(band);
                    for (var k = fromB; k < toB; k += 2)
                    {
                        b += FrameCounter.Count(row[spansB[k]..spansB[k + 1]], compareTo, compareRule);
                    }
                }
                insideA[j] = a;
                insideB[j] = b;
            },
            _ => { }, progress, "Score", cancellationToken);

        var provenance = new ScoreProvenance(perFrame ? ThresholdSource.PerFrame : ThresholdSource.Fixed, perFrame ? null : fixedThreshold,
            null, rule, height, width, options.Upsample, null, protocol);
        var results = new List<FrameScore>(n);
        for (var j = 0; j < n; j++)
        {
            var localization = localizations[indices[j]];
            var frame = localization.Frame;
            var (truth, intersection, ciou) = Weighted(frame.Benchmark, countA[j], countB[j], predicted[j], insideA[j], insideB[j]);
            var categories = frame.Instances.Where(instance => instance.IsOnScreen).Select(instance => instance.Category)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            results.Add(new FrameScore(frame.VideoId, frame.FrameIndex, frame.Scenarios, localization.Model, thresholds[j], ciou,
                (int)countA[j], predicted[j], insideA[j], null, null, categories)
            {
                Provenance = provenance,
                Benchmark = frame.Benchmark,
                TestList = frame.TestList,
                TruthWeight = truth,
                IntersectionWeight = intersection,
                Confidence = confidences?[j],
            });
        }
        return results;
    }

    /// <summary>
    /// Σ G, Σ P·G and cIoU from the counts: VGG-SS G = [A]; Flickr-SoundNet G = ½[A] + ½[B]. Σ P·[G = 0] = |P| − |P∩A|.
    /// </summary>
    public static (double Truth, double Intersection, double CIoU) Weighted(Benchmark benchmark, long a, long b, long predicted, long insideA, long insideB)
    {
        var flickr = benchmark == Benchmark.FlickrSoundNet;
        var truth = flickr ? (0.5 * a) + (0.5 * b) : a;
        var intersection = flickr ? (0.5 * insideA) + (0.5 * insideB) : insideA;
        var denominator = truth + (predicted - insideA);
        return (truth, intersection, denominator == 0 ? double.NaN : intersection / denominator);
    }

    private sealed class State
    {
        public State(int pixels)
        {
            Grid = new float[pixels];
        }

        public BoxCoverage Coverage { get; } = new();

        public UpsampleEngine Engine { get; } = new();

        public float[] Grid { get; }

        public int[] Histogram { get; } = new int[1 << 16];

        public SampleMedian Median { get; } = new();

        public MapConfidence Confidence { get; } = new();
    }
}
