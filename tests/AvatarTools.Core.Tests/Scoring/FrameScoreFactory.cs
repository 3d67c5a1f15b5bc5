using AvatarTools.Core.Dataset;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>Per-frame scores made by hand, and synthetic sets of them with a clip structure, for the statistics tests.</summary>
internal static class FrameScoreFactory
{
    /// <summary>An on-screen frame score (Single-Sound unless other scenarios are given).</summary>
    public static FrameScore OnScreen(string clip, int frame, double ciou, string model = "m", double? topFraction = 0.1,
        AvatarScenario[]? scenarios = null, string[]? categories = null) =>
        new(clip, frame, scenarios ?? new[] { AvatarScenario.SingleSound }, model, 0.5, ciou, 100, 100, (int)Math.Round(ciou * 100), null, topFraction,
            categories ?? new[] { "violin" });

    /// <summary>An Off-Screen frame score.</summary>
    public static FrameScore OffScreen(string clip, int frame, bool trueNegative, string model = "m", double? topFraction = 0.1) =>
        new(clip, frame, new[] { AvatarScenario.OffScreen }, model, 0.5, 0, 0, trueNegative ? 0 : 10, 0, trueNegative, topFraction, Array.Empty<string>());

    /// <summary>The same score under another model name.</summary>
    public static FrameScore As(FrameScore score, string model) => score with { Model = model };

    /// <summary>
    /// A set of <paramref name="clips"/> clips of <paramref name="framesPerClip"/> Single-Sound frames: clip c has a level
    /// μ_c uniform in [0.1, 0.5] and each frame cIoU = clamp(μ_c + N(0, 0.1²), 0, 1); every fourth clip also holds an
    /// Off-Screen frame that is a true negative with probability 0.8.
    /// </summary>
    public static List<FrameScore> ClipSet(int clips, int framesPerClip, int seed, string model = "m")
    {
        var random = new Random(seed);
        var scores = new List<FrameScore>();
        for (var c = 0; c < clips; c++)
        {
            var clip = $"clip{c:D5}_00000";
            var level = 0.1 + (0.4 * random.NextDouble());
            for (var f = 0; f < framesPerClip; f++)
            {
                scores.Add(OnScreen(clip, f, Math.Clamp(level + (0.1 * Gaussian(random)), 0, 1), model));
            }
            if (c % 4 == 0)
            {
                scores.Add(OffScreen(clip, framesPerClip, random.NextDouble() < 0.8, model));
            }
        }
        return scores;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
