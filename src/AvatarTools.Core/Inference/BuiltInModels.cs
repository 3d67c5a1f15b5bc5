using AvatarTools.Core.Features;
using AvatarTools.Core.Inference.Onnx;

namespace AvatarTools.Core.Inference;

/// <summary>
/// Training-free reference models built as ONNX graphs and run through ONNX Runtime like any user model:
/// <list type="bullet">
/// <item><c>Center</c> (image level): a centred Gaussian prior, the baseline every model should beat.</item>
/// <item><c>AVSync</c> (video level): audio-visual synchrony, the per-location correlation between
/// luminance change and audio envelope change over a short clip.</item>
/// </list>
/// </summary>
public static class BuiltInModels
{
    /// <summary>The output name of the built-in models.</summary>
    public const string OutputName = "heatmap";

    /// <summary>The names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Center", "AVSync"];

    /// <summary>
    /// The Center model's inputs: EZ-VSL's (image [N, 3, 224, 224], linear spectrogram [N, 1, 257, T]
    /// with any T); output [N, 7, 7]. On the image benchmarks, EZ-VSL's 3 s window centred on the audio's middle.
    /// </summary>
    public static ModelDescription CenterDescription { get; } = new()
    {
        Name = "Center",
        ImageBenchmarkWindowSeconds = 3,
        OutputName = OutputName,
        OutputLayout = HeatmapLayout.Maps,
        OutputSize = 7,
    };

    /// <summary>
    /// The AVSync model's inputs: <c>frames</c> [N, T, 3, 112, 112], RGB in plain [0, 1] (mean 0, std 1,
    /// squash, bilinear), and <c>envelope</c> [N, T], the RMS envelope at the T frame instants as defined
    /// on <see cref="ModelDescription"/>; T = 16 at 8 frames/s (a 2 s clip centred on the labelled frame);
    /// output [N, 14, 14].
    /// </summary>
    public static ModelDescription AVSyncDescription { get; } = DescribeAVSync(new AVSyncOptions());

    /// <summary>A built-in model by name (case-insensitive) with default parameters.</summary>
    public static BuiltInModel Get(string name) => name.ToUpperInvariant() switch
    {
        "CENTER" => Center(),
        "AVSYNC" => AVSync(),
        _ => throw new ArgumentException($"Unknown built-in model '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// Center: heatmap[y, x] = exp(−((u − ½)² + (v − ½)²) / (2σ²)) with u = (x + ½) / size and
    /// v = (y + ½) / size the cell centre in [0, 1] map units. The graph adds 0 × (mean of the image +
    /// mean of the spectrogram) per item so that it consumes both inputs and its batch follows N
    /// (a NaN or infinite input therefore gives a NaN map).
    /// </summary>
    public static BuiltInModel Center(float sigma = 0.25f, int mapSize = 7)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mapSize);
        var description = CenterDescription with { OutputSize = mapSize };
        var graph = new OnnxGraphBuilder("center_prior")
        {
            Documentation = $"AvatarTools built-in Center: centred Gaussian prior, sigma {sigma} of the map side, {mapSize}x{mapSize}.",
        };
        var image = graph.AddInput(description.ImageInputName, "N", 3, description.ImageSize, description.ImageSize);
        var audio = graph.AddInput(description.AudioInputName, "N", 1, description.FrequencyBins, "T");
        var imageMean = graph.ReduceMean(image, [1, 2, 3]);
        var audioMean = graph.ReduceMean(audio, [1, 2, 3]);
        var zero = graph.Mul(graph.Add(imageMean, audioMean), graph.Constant(0f));
        var perItem = graph.Reshape(zero, [-1, 1, 1]);
        var prior = graph.Constant(GaussianPrior(sigma, mapSize), 1, mapSize, mapSize);
        graph.AddOutput(graph.Add(perItem, prior, OutputName), "N", mapSize, mapSize);
        return new BuiltInModel("Center", description, graph.ToBytes());
    }

    /// <summary>
    /// AVSync: for each item (one labelled frame and its clip of T frames):
    /// <list type="number">
    /// <item>luminance Y = 0.299 R + 0.587 G + 0.114 B of every frame ([N, T, H, W]);</item>
    /// <item>average-pool to the grid ([N, T, g, g]) — a cell's mean luminance L_t;</item>
    /// <item>visual change v_t = L_{t+1} − L_t and audio change a_t = e_{t+1} − e_t (t = 0 … T − 2);</item>
    /// <item>per cell r = cov(v, a) / (√(var v + εv) · √(var a + εa)) over t (population moments);</item>
    /// <item>heatmap = max(r, 0), [N, g, g], in [0, 1).</item>
    /// </list>
    /// A cell whose brightness (or the area a bright object covers) follows the loudness scores near 1;
    /// a look-alike pulsing out of phase scores near 0 or below (cut to 0); still cells and near-constant
    /// audio score near 0, so Off-Screen clips give weak maps unless something moves in time with the sound
    /// by chance. With <see cref="AVSyncOptions.AbsoluteChange"/> the change series are |F_{t+1} − F_t|
    /// pooled per cell and |e_{t+1} − e_t|.
    /// </summary>
    public static BuiltInModel AVSync(AVSyncOptions? options = null)
    {
        options ??= new AVSyncOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FramesPerClip, 3, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.GridSize, nameof(options));
        if (options.ImageSize % options.GridSize != 0 || options.ImageSize <= 0)
        {
            throw new ArgumentException($"ImageSize {options.ImageSize} must be a positive multiple of GridSize {options.GridSize}.", nameof(options));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(options.VisualEpsilon, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.AudioEpsilon, nameof(options));

        var description = DescribeAVSync(options);
        var size = options.ImageSize;
        var grid = options.GridSize;
        var cell = size / grid;
        var graph = new OnnxGraphBuilder("av_sync")
        {
            Documentation = "AvatarTools built-in AVSync: per-cell Pearson correlation of luminance change and audio envelope change.",
        };
        var frames = graph.AddInput(description.ImageInputName, "N", "T", 3, size, size);
        var envelope = graph.AddInput(description.AudioInputName, "N", "T");

        var weights = graph.Constant([0.299f, 0.587f, 0.114f], 1, 1, 3, 1, 1);
        var luminance = graph.ReduceSum(graph.Mul(frames, weights), [2], keepDimensions: false); // [N,T,H,W]

        string visualChange;
        string audioChange;
        if (options.AbsoluteChange)
        {
            var pixelChange = graph.Abs(TemporalDifference(graph, luminance)); // [N,T-1,H,W]
            visualChange = graph.AveragePool(pixelChange, cell, cell);
            audioChange = graph.Abs(TemporalDifference(graph, envelope));
        }
        else
        {
            var cellLuminance = graph.AveragePool(luminance, cell, cell); // [N,T,g,g]
            visualChange = TemporalDifference(graph, cellLuminance);
            audioChange = TemporalDifference(graph, envelope); // [N,T-1]
        }
        var audioSeries = graph.Unsqueeze(audioChange, [2, 3]); // [N,T-1,1,1]

        var visualCentred = graph.Sub(visualChange, graph.ReduceMean(visualChange, [1]));
        var audioCentred = graph.Sub(audioSeries, graph.ReduceMean(audioSeries, [1]));
        var covariance = graph.ReduceMean(graph.Mul(visualCentred, audioCentred), [1], keepDimensions: false); // [N,g,g]
        var visualVariance = graph.ReduceMean(graph.Mul(visualCentred, visualCentred), [1], keepDimensions: false); // [N,g,g]
        var audioVariance = graph.ReduceMean(graph.Mul(audioCentred, audioCentred), [1], keepDimensions: false); // [N,1,1]
        var denominator = graph.Mul(
            graph.Sqrt(graph.Add(visualVariance, graph.Constant(options.VisualEpsilon))),
            graph.Sqrt(graph.Add(audioVariance, graph.Constant(options.AudioEpsilon))));
        var denominatorSafe = graph.Max(denominator, graph.Constant(1e-12f));
        var correlation = graph.Div(covariance, denominatorSafe);
        graph.AddOutput(graph.Relu(correlation, OutputName), "N", grid, grid);
        return new BuiltInModel("AVSync", description, graph.ToBytes());
    }

    internal static float[] GaussianPrior(float sigma, int mapSize)
    {
        var values = new float[mapSize * mapSize];
        for (var y = 0; y < mapSize; y++)
        {
            for (var x = 0; x < mapSize; x++)
            {
                var u = ((x + 0.5) / mapSize) - 0.5;
                var v = ((y + 0.5) / mapSize) - 0.5;
                values[(y * mapSize) + x] = (float)Math.Exp(-((u * u) + (v * v)) / (2.0 * sigma * sigma));
            }
        }
        return values;
    }

    private static string TemporalDifference(OnnxGraphBuilder graph, string series)
    {
        var later = graph.Slice(series, [1], [long.MaxValue], [1]);
        var earlier = graph.Slice(series, [0], [-1], [1]);
        return graph.Sub(later, earlier);
    }

    private static ModelDescription DescribeAVSync(AVSyncOptions options) => new()
    {
        Name = "AVSync",
        Level = ModelLevel.Video,
        ImageInputName = "frames",
        AudioInputName = "envelope",
        OutputName = OutputName,
        ImageSize = options.ImageSize,
        ResizeMode = ImageResizeMode.Squash,
        Interpolation = ImageInterpolation.Bilinear,
        Mean = [0f, 0f, 0f],
        Std = [1f, 1f, 1f],
        Spectrogram = SpectrogramKind.Envelope,
        WindowSeconds = options.FramesPerClip / options.FrameSampleRate,
        AudioWindow = AudioWindowPlacement.CenteredOnFrame,
        FramesPerClip = options.FramesPerClip,
        FrameSampleRate = options.FrameSampleRate,
        OutputLayout = HeatmapLayout.Maps,
        OutputSize = options.GridSize,
    };
}
