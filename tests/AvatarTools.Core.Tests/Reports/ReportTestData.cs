using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace AvatarTools.Core.Tests.Reports;

/// <summary>Small frames and maps whose drawn outlines can be worked out by hand.</summary>
internal static class ReportTestData
{
    /// <summary>
    /// A 160 × 90 frame whose ground truth is the rectangle polygon (40, 20)–(100, 60): fillPoly fills x ∈ [40, 100],
    /// y ∈ [20, 60] inclusive, so with thickness 2 its outline is x ∈ {40, 41, 99, 100} and y ∈ {20, 21, 59, 60}.
    /// </summary>
    public static AvatarFrame Frame(string videoId = "clip_00000", int frameIndex = 1, string? imagePath = null, double? frameRate = 10,
        string category = "playing violin", AvatarScenario scenario = AvatarScenario.SingleSound)
    {
        var instance = new AvatarInstance(category, scenario, new BoundingBox(40, 20, 60, 40), new[] { new double[] { 40, 20, 100, 20, 100, 60, 40, 60 } });
        return new AvatarFrame(videoId, frameIndex, 160, 90, new[] { instance }, "dataset", "meta.json", imagePath ?? "does-not-exist.jpg", frameRate);
    }

    /// <summary>A 160 × 90 frame with only an Off-Screen instance.</summary>
    public static AvatarFrame OffScreenFrame(string videoId = "clip_00000", int frameIndex = 2)
    {
        var instance = new AvatarInstance("speech", AvatarScenario.OffScreen, null, Array.Empty<double[]>());
        return new AvatarFrame(videoId, frameIndex, 160, 90, new[] { instance }, "dataset", "meta.json", "does-not-exist.jpg", 10);
    }

    /// <summary>
    /// A 1 × 2 map [0, 1]. Bilinear with half-pixel centres to 160 wide gives src = (x + 0.5)·2/160 − 0.5, clamped to [0, 1],
    /// and the value is src: 0 up to x = 39, then rising, 0.49375 at x = 79 and 0.50625 at x = 80. So both τ = 0.5 and the
    /// per-frame rule (the value at index ⌊14400/2⌋ = 7200 of the ascending sort, i.e. column 80's) predict x ≥ 80.
    /// </summary>
    public static Heatmap Ramp() => new(1, 2, new[] { 0f, 1f });

    public static Localization Localization(AvatarFrame frame, string model = "EZ-VSL") => new(frame, model, Ramp());

    public static Image<Rgb24> Decode(byte[] png) => Image.Load<Rgb24>(png);

    public static Rgb24 Pixel(Image<Rgb24> image, int x, int y) => image[x, y];
}
