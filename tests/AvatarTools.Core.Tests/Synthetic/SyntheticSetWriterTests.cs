using System.Text.Json;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Synthetic;
using SixLabors.ImageSharp;
using Xunit;
using Xunit.Abstractions;

namespace AvatarTools.Core.Tests.Synthetic;

public sealed class SyntheticSetWriterTests : IClassFixture<SyntheticSetFixture>
{
    private readonly SyntheticSetFixture _set;
    private readonly ITestOutputHelper _output;

    public SyntheticSetWriterTests(SyntheticSetFixture set, ITestOutputHelper output)
    {
        _set = set;
        _output = output;
    }

    [Fact]
    public void ReadsBackWithoutErrors()
    {
        _output.WriteLine($"12 clips with media written in {_set.WriteTime.TotalSeconds:F2} s");
        Assert.All(_set.Records, record => Assert.Null(record.Error));
        Assert.Equal(_set.Result.FrameCount, _set.Frames.Count);
        Assert.Equal(12, _set.Result.ClipCount);
        Assert.Equal(12, _set.Frames.Select(frame => frame.VideoId).Distinct().Count());
        Assert.All(_set.Frames, frame => Assert.Equal(10.0, frame.FrameRate));
        Assert.All(_set.Frames, frame => Assert.InRange(frame.FrameIndex, 0, 99));
        Assert.All(_set.Frames, frame => Assert.NotEmpty(frame.Instances));
        Assert.False(_set.Result.VideoWritten);
        Assert.False(Directory.Exists(Path.Combine(_set.Root, "video")));
    }

    [Fact]
    public void LabelledFramesAreAtLeastSevenTenthsOfASecondApart()
    {
        foreach (var clip in _set.Frames.GroupBy(frame => frame.VideoId))
        {
            var times = clip.Select(frame => frame.Time!.Value).OrderBy(time => time).ToArray();
            Assert.InRange(times.Length, 4, 6);
            for (var i = 1; i < times.Length; i++)
            {
                Assert.True(times[i] - times[i - 1] >= 0.7 - 1e-9, $"{clip.Key}: frames at {times[i - 1]} s and {times[i]} s");
            }
        }
    }

    [Fact]
    public void CoversEveryScenarioAndMixesThemInOneFrame()
    {
        foreach (var scenario in Enum.GetValues<AvatarScenario>())
        {
            Assert.Contains(_set.Frames, frame => frame.HasScenario(scenario));
            Assert.True(_set.Result.CountsPerScenario[scenario] > 0);
        }
        Assert.Contains(_set.Frames, frame => frame.Scenarios.Length >= 2);
        Assert.Contains(_set.Frames, frame => frame.HasScenario(AvatarScenario.SingleSound) && frame.HasScenario(AvatarScenario.OffScreen));
        Assert.Contains(_set.Frames, frame => frame.HasScenario(AvatarScenario.MixedSound) && frame.HasScenario(AvatarScenario.OffScreen));
        Assert.Contains(_set.Frames, frame => frame.IsOffScreen);
        Assert.Equal(_set.Frames.Count(frame => frame.IsOffScreen), _set.Result.OffScreenFrameCount);
        Assert.Contains(_set.Frames, frame => frame.Instances.Count(instance => instance.Scenario == AvatarScenario.MixedSound) == 3);
        var instances = _set.Frames.SelectMany(frame => frame.Instances).ToList();
        foreach (var scenario in Enum.GetValues<AvatarScenario>())
        {
            Assert.Equal(instances.Count(instance => instance.Scenario == scenario), _set.Result.CountsPerScenario[scenario]);
        }
    }

    [Fact]
    public void OffScreenInstancesHaveNoGeometryInBothJsonForms()
    {
        var offScreen = _set.Frames.SelectMany(frame => frame.Instances).Where(instance => instance.Scenario == AvatarScenario.OffScreen).ToList();
        Assert.All(offScreen, instance => Assert.Empty(instance.Polygons));
        Assert.All(offScreen, instance => Assert.Null(instance.BoundingBox));
        var texts = _set.Frames.Where(frame => frame.HasScenario(AvatarScenario.OffScreen)).Select(frame => File.ReadAllText(frame.MetadataPath)).ToList();
        Assert.Contains(texts, text => text.Contains("\"segmentation\":[],\"bbox\":[],", StringComparison.Ordinal));
        Assert.Contains(texts, text => text.Contains("{\"audio_visual_category\":", StringComparison.Ordinal)
            && text.Contains("\"task\":\"Off-Screen\"", StringComparison.Ordinal));
        Assert.All(_set.Frames, frame => Assert.Contains("\"synthetic_silent_objects\":", File.ReadAllText(frame.MetadataPath)));
    }

    [Fact]
    public void HasCrossEventClipsIncludingOneThatStartsOffScreen()
    {
        var crossEvent = CrossEventSelector.CrossEventClips(_set.Frames);
        Assert.NotEmpty(crossEvent);
        Assert.Equal(crossEvent.OrderBy(id => id, StringComparer.Ordinal), _set.Result.CrossEventClipIds.OrderBy(id => id, StringComparer.Ordinal));
        Assert.True(crossEvent.Count < 12);
        Assert.Contains(crossEvent, id => _set.Frames.Where(frame => frame.VideoId == id).MinBy(frame => frame.FrameIndex)!.IsOffScreen);
        Assert.Contains(_set.Frames.Select(frame => frame.VideoId).Distinct(), id => !crossEvent.Contains(id)
            && _set.Frames.Any(frame => frame.VideoId == id && frame.IsOffScreen));
    }

    [Fact]
    public void HasMultiPolygonAndFloatCoordinates()
    {
        var instances = _set.Frames.SelectMany(frame => frame.Instances).ToList();
        Assert.Contains(instances, instance => instance.Polygons.Count == 2);
        Assert.Contains(instances, instance => instance.Polygons.Any(polygon => polygon.Any(value => value != Math.Floor(value))));
        Assert.Contains(instances, instance => instance.Polygons.Any(polygon => polygon.Length == 48));
    }

    [Fact]
    public void ClipIdsLookLikeYouTubeIdsWithUnderscoreAndDash()
    {
        Assert.Equal(12, _set.Result.ClipIds.Distinct().Count());
        foreach (var id in _set.Result.ClipIds)
        {
            Assert.True(ClipId.TryParse(id, out var clip), id);
            Assert.Equal(11, clip.YouTubeId.Length);
            Assert.Contains('_', clip.YouTubeId);
            Assert.Contains('-', clip.YouTubeId);
            Assert.Equal(17, id.Length);
        }
    }

    [Fact]
    public void ImagesMatchTheDeclaredSizeAndSeveralSizesOccur()
    {
        foreach (var frame in _set.Frames)
        {
            var info = Image.Identify(frame.ImagePath);
            Assert.Equal(frame.Width, info.Width);
            Assert.Equal(frame.Height, info.Height);
            var videoFrame = Path.Combine(_set.Root, "frames", frame.VideoId, $"{frame.FrameIndex:D5}.jpg");
            Assert.Equal(File.ReadAllBytes(videoFrame), File.ReadAllBytes(frame.ImagePath));
        }
        var sizes = _set.Frames.Select(frame => (frame.Width, frame.Height)).ToHashSet();
        Assert.Contains((640, 360), sizes);
        Assert.Contains((320, 180), sizes);
        Assert.Contains((480, 360), sizes);
        foreach (var id in _set.Result.ClipIds)
        {
            Assert.Equal(100, Directory.GetFiles(Path.Combine(_set.Root, "frames", id), "*.jpg").Length);
            Assert.True(File.Exists(Path.Combine(_set.Root, "frames", id, "00099.jpg")));
        }
    }

    [Fact]
    public void SoundingObjectsStandOutFromTheBackground()
    {
        foreach (var frame in _set.Frames.Where(frame => !frame.IsOffScreen))
        {
            var luminance = ImageProbe.Luminance(frame.ImagePath);
            var polygons = frame.Instances.SelectMany(instance => instance.Polygons).ToList();
            var silentBoxes = SilentBoxes(frame.MetadataPath);
            double backgroundSum = 0;
            var backgroundCount = 0;
            for (var y = 0; y < frame.Height; y++)
            {
                for (var x = 0; x < frame.Width; x++)
                {
                    var inAny = polygons.Any(polygon => ImageProbe.Inside(polygon, x + 0.5, y + 0.5))
                        || silentBoxes.Any(box => x >= box[0] - 2 && x <= box[0] + box[2] + 2 && y >= box[1] - 2 && y <= box[1] + box[3] + 2);
                    if (!inAny)
                    {
                        backgroundSum += luminance[y, x];
                        backgroundCount++;
                    }
                }
            }
            var background = backgroundSum / backgroundCount;
            foreach (var instance in frame.Instances.Where(instance => instance.IsOnScreen))
            {
                double sum = 0;
                var count = 0;
                var box = instance.BoundingBox!;
                for (var y = (int)box.Y; y <= box.Y + box.Height && y < frame.Height; y++)
                {
                    for (var x = (int)box.X; x <= box.X + box.Width && x < frame.Width; x++)
                    {
                        if (instance.Polygons.Any(polygon => ImageProbe.Inside(polygon, x + 0.5, y + 0.5)))
                        {
                            sum += luminance[y, x];
                            count++;
                        }
                    }
                }
                Assert.True(count > 20, $"{frame}: {instance} covers only {count} pixels");
                Assert.True(sum / count > background + 25, $"{frame}: {instance} mean {sum / count:F1} vs background {background:F1}");
            }
        }
    }

    [Fact]
    public void WavIsSixteenKilohertzMonoSixteenBitOfTheClipDuration()
    {
        foreach (var id in _set.Result.ClipIds)
        {
            var path = Path.Combine(_set.Root, "audio", id + ".wav");
            var samples = ImageProbe.ReadWavSamples(path, out var rate, out var channels, out var bits);
            Assert.Equal(16_000, rate);
            Assert.Equal(1, channels);
            Assert.Equal(16, bits);
            Assert.Equal(10 * 16_000, samples.Length);
            Assert.Equal(44 + (2 * 160_000), new FileInfo(path).Length);
            Assert.True(ImageProbe.Rms(samples, 0, samples.Length) > 0.01);
        }
    }

    [Fact]
    public void SoundingObjectPulsesWithTheAudioAndTheLookAlikeDoesNot()
    {
        // Clip 0 is Single-Sound, clip 1 is Multi-Entity with two silent look-alikes (the showcase pattern).
        var single = Correlations(_set.Result.ClipIds[0]);
        Assert.True(single.Sounding > 0.7, $"single-sound correlation {single.Sounding:F3}");

        var multi = Correlations(_set.Result.ClipIds[1]);
        _output.WriteLine($"single {single.Sounding:F3}; multi sounding {multi.Sounding:F3}, look-alikes {string.Join(", ", multi.Silent.Select(c => c.ToString("F3")))}");
        Assert.True(multi.Sounding > 0.7, $"multi-entity sounding correlation {multi.Sounding:F3}");
        Assert.Equal(2, multi.Silent.Count);
        Assert.All(multi.Silent, silent => Assert.True(silent < multi.Sounding - 0.4, $"look-alike correlation {silent:F3} vs {multi.Sounding:F3}"));
    }

    [Fact]
    public void MetadataOnlyWritesTheSameJsonAndNoMedia()
    {
        var root = Path.Combine(Path.GetTempPath(), "avatar-synthetic-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = new SyntheticSetWriter().Write(root, new SyntheticSetOptions(MetadataOnly: true, WriteVideo: true));
            Assert.False(result.VideoWritten);
            Assert.Equal(_set.Result.ClipIds, result.ClipIds);
            Assert.Equal(_set.Result.FrameCount, result.FrameCount);
            foreach (var frame in _set.Frames)
            {
                var json = Path.Combine(root, "metadata", frame.VideoId, $"{frame.FrameIndex:D5}.json");
                Assert.Equal(File.ReadAllBytes(frame.MetadataPath), File.ReadAllBytes(json));
            }
            Assert.Empty(Directory.GetFiles(root, "*.jpg", SearchOption.AllDirectories));
            Assert.False(Directory.Exists(Path.Combine(root, "audio")));
            Assert.False(Directory.Exists(Path.Combine(root, "frames")));
            Assert.True(File.Exists(Path.Combine(root, "frame_rates.csv")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private (double Sounding, IReadOnlyList<double> Silent) Correlations(string clipId)
    {
        var first = _set.Frames.Where(frame => frame.VideoId == clipId).MinBy(frame => frame.FrameIndex)!;
        var sounding = first.Instances.Single(instance => instance.IsOnScreen).BoundingBox!;
        var silentBoxes = SilentBoxes(first.MetadataPath);
        var samples = ImageProbe.ReadWavSamples(Path.Combine(_set.Root, "audio", clipId + ".wav"), out _, out _, out _);
        var rms = new List<double>();
        var soundingBrightness = new List<double>();
        var silentBrightness = silentBoxes.Select(_ => new List<double>()).ToList();
        for (var index = 0; index < 100; index++)
        {
            // The audio over the frame's 1/fps interval centred on its time (fps = 10: 1600 samples).
            rms.Add(ImageProbe.Rms(samples, (index * 1600) - 800, (index * 1600) + 800));
            var luminance = ImageProbe.Luminance(Path.Combine(_set.Root, "frames", clipId, $"{index:D5}.jpg"));
            soundingBrightness.Add(ImageProbe.MeanInBox(luminance, sounding.X, sounding.Y, sounding.Width, sounding.Height));
            for (var i = 0; i < silentBoxes.Count; i++)
            {
                var box = silentBoxes[i];
                silentBrightness[i].Add(ImageProbe.MeanInBox(luminance, box[0], box[1], box[2], box[3]));
            }
        }
        return (ImageProbe.Pearson(soundingBrightness, rms), silentBrightness.Select(series => ImageProbe.Pearson(series, rms)).ToList());
    }

    private static List<double[]> SilentBoxes(string jsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        return document.RootElement.GetProperty("synthetic_silent_objects").EnumerateArray()
            .Select(item => item.GetProperty("bbox").EnumerateArray().Select(value => value.GetDouble()).ToArray())
            .ToList();
    }
}
