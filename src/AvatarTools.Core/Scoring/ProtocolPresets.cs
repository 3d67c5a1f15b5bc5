using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The presets of the protocols (BENCHMARKS.md, "How the prediction P is made"), and how a run's options become the options
/// of one benchmark's frames: the preset's upsampling, threshold policy (PerFrame = per-sample min-max normalisation and τ
/// at ascending index ⌊N/2⌋; Fixed = no normalisation, a fixed τ), tie rule and grid, except the settings given explicitly
/// (<see cref="ScoreOptions.ExplicitSettings"/>).
/// </summary>
public static class ProtocolPresets
{
    /// <summary>The side of the ground-truth map of VGG-SS and Flickr-SoundNet, and of the image presets' grid.</summary>
    public const int ImageGridSize = 224;

    /// <summary>The fixed τ of <see cref="ScoreProtocol.SlavcAbsolute"/>.</summary>
    public const double SlavcAbsoluteThreshold = 0.5;

    /// <summary>The protocol a benchmark is scored with when none is given: Avatar for AVATAR, EzVsl for VGG-SS and Flickr-SoundNet.</summary>
    public static ScoreProtocol DefaultFor(Benchmark benchmark) => benchmark == Benchmark.Avatar ? ScoreProtocol.Avatar : ScoreProtocol.EzVsl;

    /// <summary>True for the benchmarks scored one image per sample on a 224 × 224 ground-truth map.</summary>
    public static bool IsImageBenchmark(Benchmark benchmark) => benchmark is Benchmark.VggSs or Benchmark.FlickrSoundNet;

    /// <summary>The protocol the frames of <paramref name="benchmark"/> are scored with under <paramref name="options"/>.</summary>
    public static ScoreProtocol ProtocolOf(ScoreOptions options, Benchmark benchmark) => options.Protocol ?? DefaultFor(benchmark);

    /// <summary>
    /// The options the frames of <paramref name="benchmark"/> are scored with: the protocol's preset over every setting not
    /// given explicitly. With no protocol given, AVATAR frames keep the options as they are (the AVATAR protocol's defaults
    /// are ScoreOptions' own). AVATAR frames keep their 360 × 640 grid under every protocol (their ground truth is made on
    /// it); VGG-SS and Flickr-SoundNet frames are scored on 224 × 224.
    /// </summary>
    public static ScoreOptions Resolve(ScoreOptions options, Benchmark benchmark)
    {
        if (options.Protocol is null && benchmark == Benchmark.Avatar)
        {
            return options;
        }
        var protocol = ProtocolOf(options, benchmark);
        var image = IsImageBenchmark(benchmark);
        var (policy, value, tieRule, upsample) = protocol switch
        {
            ScoreProtocol.EzVsl => (ThresholdPolicy.PerFrame, 0.0, TieRule.AtLeast, UpsampleMode.BilinearAlignCorners),
            ScoreProtocol.Lvs => (ThresholdPolicy.PerFrame, 0.0, TieRule.Above, UpsampleMode.Bilinear),
            ScoreProtocol.SlavcRelative => (ThresholdPolicy.PerFrame, 0.0, TieRule.AtLeast, UpsampleMode.BicubicAlignCorners),
            ScoreProtocol.SlavcAbsolute => (ThresholdPolicy.Fixed, SlavcAbsoluteThreshold, TieRule.AtLeast, UpsampleMode.BicubicAlignCorners),
            _ => (ThresholdPolicy.Global, 0.0, TieRule.AtLeast, UpsampleMode.Bilinear),
        };
        var given = options.ExplicitSettings;
        var defaults = new ScoreOptions();
        var (height, width) = image ? (ImageGridSize, ImageGridSize) : (defaults.GridHeight, defaults.GridWidth);
        return options with
        {
            Policy = given.HasFlag(ProtocolSettings.Policy) ? options.Policy : policy,
            Value = given.HasFlag(ProtocolSettings.Value) ? options.Value : value,
            TieRule = given.HasFlag(ProtocolSettings.TieRule) ? options.TieRule : tieRule,
            Upsample = given.HasFlag(ProtocolSettings.Upsample) ? options.Upsample : upsample,
            GridHeight = given.HasFlag(ProtocolSettings.Grid) ? options.GridHeight : height,
            GridWidth = given.HasFlag(ProtocolSettings.Grid) ? options.GridWidth : width,
        };
    }
}
