using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Dataset;

public class CrossEventSelectorTests
{
    private static AvatarFrame Frame(string clip, int index, params (string Category, AvatarScenario Scenario)[] instances) =>
        new(clip, index, 640, 360, instances.Select(i => new AvatarInstance(i.Category, i.Scenario, null, Array.Empty<double[]>())).ToList(),
            ".", $"/nonexistent/{clip}/{index:D5}.json", "", null);

    private const AvatarScenario Single = AvatarScenario.SingleSound;
    private const AvatarScenario Off = AvatarScenario.OffScreen;

    [Fact]
    public void TheFirstFrameOnlySeedsTheSeenSet()
    {
        // One frame, or frames that never bring a new category: not cross-event.
        Assert.False(CrossEventSelector.IsCrossEvent(new[] { Frame("c_00001", 1, ("violin", Single)) }));
        Assert.False(CrossEventSelector.IsCrossEvent(new[]
        {
            Frame("c_00001", 1, ("violin", Single), ("dog", Off)),
            Frame("c_00001", 5, ("dog", Single)),
            Frame("c_00001", 9, ("violin", Single)),
        }));
    }

    [Fact]
    public void ALaterNewCategoryFlagsTheClipOffScreenIncluded()
    {
        Assert.True(CrossEventSelector.IsCrossEvent(new[]
        {
            Frame("c_00001", 1, ("violin", Single)),
            Frame("c_00001", 5, ("violin", Single)),
            Frame("c_00001", 9, ("violin", Single), ("car", Off)),
        }));
        Assert.True(CrossEventSelector.IsCrossEvent(new[]
        {
            Frame("c_00001", 1, ("car", Off)),
            Frame("c_00001", 5, ("violin", Single)),
        }));
    }

    [Fact]
    public void TimeOrderDecidesNotInputOrder()
    {
        // In time order: {violin, dog} then {dog}: not cross-event. Read in input order it would be.
        var frames = new[] { Frame("c_00001", 9, ("dog", Single)), Frame("c_00001", 2, ("violin", Single), ("dog", Single)) };
        Assert.False(CrossEventSelector.IsCrossEvent(frames));
    }

    [Fact]
    public void FindsTheSameClipsWhateverTheOrderOfTheInput()
    {
        var frames = new List<AvatarFrame>
        {
            Frame("a_00001", 1, ("violin", Single)), Frame("a_00001", 2, ("piano", Single)),
            Frame("b_00001", 1, ("violin", Single)), Frame("b_00001", 2, ("violin", Single)),
            Frame("c_00001", 1, ("car", Off)), Frame("c_00001", 3, ("car", Off)), Frame("c_00001", 8, ("dog", Single)),
        };
        var random = new Random(12);
        for (var trial = 0; trial < 20; trial++)
        {
            var shuffled = frames.OrderBy(_ => random.Next()).ToList();
            Assert.Equal(new[] { "a_00001", "c_00001" }, CrossEventSelector.CrossEventClips(shuffled).Order(StringComparer.Ordinal));

            var stream = new CrossEventStream();
            var decided = shuffled.SelectMany(stream.Add).ToList();
            decided.AddRange(stream.Finish());
            Assert.Equal(new[] { "a_00001", "c_00001" }, decided.Where(d => d.IsCrossEvent).Select(d => d.VideoId).Order(StringComparer.Ordinal));
            Assert.Equal(frames.Count, decided.Sum(d => d.Frames.Count));
        }
    }
}
