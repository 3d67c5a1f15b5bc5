using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.Inference;
using Xunit;

namespace AvatarTools.Core.Tests.Inference;

public class BuiltInModelsTests
{
    private const int Frames = 16;
    private const int Size = 112;

    [Fact]
    public void CenterIsTheGaussianPriorForEveryItem()
    {
        using var session = ModelSessionOpener.Open(BuiltInModels.Center());
        var image = new InputTensor(Filled(3 * 3 * 224 * 224, 0.7f), 3, 3, 224, 224);
        var audio = new InputTensor(Filled(3 * 257 * 671, -1.3f), 3, 1, 257, 671);

        var maps = OnnxSessionRunner.Run(session, image, audio);

        Assert.Equal(3, maps.Length);
        foreach (var map in maps)
        {
            Assert.Equal(7, map.Height);
            Assert.Equal(7, map.Width);
            // Centre cell: u = v = 0 -> 1. Corner cell (0,0): u = v = 0.5/7 - 0.5 = -3/7;
            // exp(-(2 * 9/49) / (2 * 0.0625)) = exp(-2.9387755) = 0.0529305
            Assert.Equal(1f, map[3, 3], 6);
            Assert.Equal(0.0529305f, map[0, 0], 5);
            // Edge-centre cell (0,3): exp(-(9/49) / 0.125) = exp(-1.4693878) = 0.2300663
            Assert.Equal(0.2300663f, map[0, 3], 5);
        }
    }

    [Fact]
    public void CenterAcceptsAnySpectrogramLength()
    {
        using var session = ModelSessionOpener.Open(BuiltInModels.Center(sigma: 0.5f, mapSize: 14));
        var maps = OnnxSessionRunner.Run(session, new InputTensor(new float[3 * 224 * 224], 1, 3, 224, 224), new InputTensor(new float[257 * 200], 1, 1, 257, 200));
        Assert.Equal(14, maps[0].Width);
        // Even size: the four central cells have u = v = -1/28; exp(-(2/784) / (2 * 0.25)) = 0.9949110.
        Assert.Equal(0.994911f, maps[0].Maximum, 5);
        Assert.Equal(0.994911f, maps[0][6, 7], 5);
    }

    [Fact]
    public void AVSyncPeaksOnTheBlobThatFollowsTheEnvelope()
    {
        // s_t = sin(2 pi t / 5); envelope e_t = 0.3 + 0.2 s_t. Item 0: blob A (cells rows/cols 2-3) has
        // brightness 0.5 + 0.3 s_t, blob B (cells 9-10) 0.5 - 0.3 s_t (anti-phase), blob C (cells 2-3 x 9-10)
        // 0.5 + 0.3 sin(2 pi t / 3) (another rhythm). Item 1 swaps A and B.
        var s = Enumerable.Range(0, Frames).Select(t => Math.Sin(2 * Math.PI * t / 5)).ToArray();
        var other = Enumerable.Range(0, Frames).Select(t => Math.Sin(2 * Math.PI * t / 3)).ToArray();
        var envelope = s.Select(value => (float)(0.3 + (0.2 * value))).ToArray();
        var frames = new float[2 * Frames * 3 * Size * Size];
        for (var t = 0; t < Frames; t++)
        {
            var inPhase = (float)(0.5 + (0.3 * s[t]));
            var antiPhase = (float)(0.5 - (0.3 * s[t]));
            var otherRhythm = (float)(0.5 + (0.3 * other[t]));
            PaintFrame(frames, 0, t, (2, 2, inPhase), (9, 9, antiPhase), (2, 9, otherRhythm));
            PaintFrame(frames, 1, t, (2, 2, antiPhase), (9, 9, inPhase), (2, 9, otherRhythm));
        }

        using var session = ModelSessionOpener.Open(BuiltInModels.AVSync());
        var maps = OnnxSessionRunner.Run(session, new InputTensor(frames, 2, Frames, 3, Size, Size), new InputTensor([.. envelope, .. envelope], 2, Frames));

        // In a synchronous cell v_t = 0.3 ds_t and a_t = 0.2 ds_t, so with V = var(ds):
        // r = 0.06 V / (sqrt(0.09 V + 1e-4) * sqrt(0.04 V + 1e-6)).
        var differences = Enumerable.Range(0, Frames - 1).Select(t => s[t + 1] - s[t]).ToArray();
        var mean = differences.Average();
        var variance = differences.Select(d => (d - mean) * (d - mean)).Average();
        var expected = (float)(0.06 * variance / (Math.Sqrt((0.09 * variance) + 1e-4) * Math.Sqrt((0.04 * variance) + 1e-6)));

        Assert.Equal((2, 2), ArgMax(maps[0]));
        Assert.Equal(expected, maps[0][2, 2], 3);
        Assert.Equal(expected, maps[0][3, 3], 3);
        Assert.Equal(0f, maps[0][9, 9], 4);   // anti-phase: r = -expected, cut to 0
        Assert.Equal(0f, maps[0][6, 6], 6);   // still background
        Assert.True(maps[0][2, 9] < 0.5f * maps[0][2, 2], $"other rhythm {maps[0][2, 9]} vs sync {maps[0][2, 2]}");

        Assert.Equal((9, 9), ArgMax(maps[1]));
        Assert.Equal(0f, maps[1][2, 2], 4);
    }

    [Fact]
    public void AVSyncIsWeakWhenNothingFollowsTheSound()
    {
        var s = Enumerable.Range(0, Frames).Select(t => Math.Sin(2 * Math.PI * t / 5)).ToArray();
        var frames = new float[Frames * 3 * Size * Size];
        for (var t = 0; t < Frames; t++)
        {
            PaintFrame(frames, 0, t, (2, 2, (float)(0.5 + (0.3 * s[t]))));
        }
        using var session = ModelSessionOpener.Open(BuiltInModels.AVSync());

        // Constant envelope (a steady off-screen hum): nothing correlates.
        var steady = OnnxSessionRunner.Run(session, new InputTensor(frames, 1, Frames, 3, Size, Size), new InputTensor(Filled(Frames, 0.3f), 1, Frames));
        Assert.True(steady[0].Maximum < 1e-3f, steady[0].ToString());

        // Pulsing sound over still frames: nothing moves, nothing correlates.
        var still = OnnxSessionRunner.Run(
            session,
            new InputTensor(Filled(Frames * 3 * Size * Size, 0.4f), 1, Frames, 3, Size, Size),
            new InputTensor([.. s.Select(value => (float)(0.3 + (0.2 * value)))], 1, Frames));
        Assert.Equal(0f, still[0].Maximum, 6);
    }

    [Fact]
    public void AbsoluteChangeCannotTellAntiPhaseApart()
    {
        var s = Enumerable.Range(0, Frames).Select(t => Math.Sin(2 * Math.PI * t / 5)).ToArray();
        var frames = new float[Frames * 3 * Size * Size];
        for (var t = 0; t < Frames; t++)
        {
            PaintFrame(frames, 0, t, (2, 2, (float)(0.5 + (0.3 * s[t]))), (9, 9, (float)(0.5 - (0.3 * s[t]))));
        }
        using var session = ModelSessionOpener.Open(BuiltInModels.AVSync(new AVSyncOptions(AbsoluteChange: true)));
        var maps = OnnxSessionRunner.Run(
            session,
            new InputTensor(frames, 1, Frames, 3, Size, Size),
            new InputTensor([.. s.Select(value => (float)(0.3 + (0.2 * value)))], 1, Frames));
        Assert.True(maps[0][2, 2] > 0.9f);
        Assert.Equal(maps[0][2, 2], maps[0][9, 9], 4);
    }

    [Fact]
    public void DescriptionsAreTheAdvertisedOnes()
    {
        var avsync = BuiltInModels.AVSync().Description;
        Assert.Equal(ModelLevel.Video, avsync.Level);
        Assert.Equal([16L, 3L, 112L, 112L], avsync.ImageItemShape);
        Assert.Equal([16L], avsync.AudioItemShape);
        Assert.Equal(2.0, avsync.WindowSeconds);
        Assert.Equal([1L, 257L, 671L], BuiltInModels.Center().Description.AudioItemShape);
        Assert.Throws<ArgumentException>(() => BuiltInModels.Get("nope"));
        Assert.Equal("AVSync", BuiltInModels.Get("avsync").Name);
    }

    internal static float[] Filled(int count, float value)
    {
        var values = new float[count];
        Array.Fill(values, value);
        return values;
    }

    private static (int Y, int X) ArgMax(Heatmap map)
    {
        var best = (0, 0);
        for (var y = 0; y < map.Height; y++)
        {
            for (var x = 0; x < map.Width; x++)
            {
                if (map[y, x] > map[best.Item1, best.Item2])
                {
                    best = (y, x);
                }
            }
        }
        return best;
    }

    /// <summary>Grey background 0.2; each blob is a 16 x 16 pixel square covering 2 x 2 grid cells of 8 pixels from (cellY, cellX).</summary>
    private static void PaintFrame(float[] frames, int item, int t, params (int CellY, int CellX, float Value)[] blobs)
    {
        var frameOffset = ((item * Frames) + t) * 3 * Size * Size;
        for (var channel = 0; channel < 3; channel++)
        {
            var plane = frameOffset + (channel * Size * Size);
            Array.Fill(frames, 0.2f, plane, Size * Size);
            foreach (var (cellY, cellX, value) in blobs)
            {
                for (var y = cellY * 8; y < (cellY + 2) * 8; y++)
                {
                    Array.Fill(frames, value, plane + (y * Size) + (cellX * 8), 16);
                }
            }
        }
    }
}
