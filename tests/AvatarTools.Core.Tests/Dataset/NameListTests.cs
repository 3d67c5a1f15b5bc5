using System.Text.Json;
using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Dataset;

/// <summary>The lists of frames and frame scores read well in a CSV cell: a JSON array of names, never a type name.</summary>
public sealed class NameListTests
{
    [Fact]
    public void Writes_enums_by_name_as_a_JSON_array()
    {
        var list = new NameList<AvatarScenario>(new[] { AvatarScenario.SingleSound, AvatarScenario.OffScreen });
        Assert.Equal("[\"SingleSound\",\"OffScreen\"]", list.ToString());
        Assert.Equal(2, list.Count);
        Assert.Equal(2, list.Length);
        Assert.True(list.Contains(AvatarScenario.OffScreen));
        Assert.False(list.Contains(AvatarScenario.MixedSound));
    }

    [Fact]
    public void Keeps_any_name_whole()
    {
        string[] names = { "playing violin, fiddle", "a;b \"c\"", "" };
        var text = new NameList<string>(names).ToString();
        Assert.Equal(names, JsonSerializer.Deserialize<string[]>(text));
        Assert.Equal("[]", new NameList<string>(Array.Empty<string>()).ToString());
    }

    [Fact]
    public void A_frame_s_lists_are_name_lists()
    {
        var instances = new[]
        {
            new AvatarInstance("dog", AvatarScenario.MultiEntity, null, Array.Empty<double[]>()),
            new AvatarInstance("car", AvatarScenario.OffScreen, null, Array.Empty<double[]>()),
        };
        var frame = new AvatarFrame("x_00001", 3, 640, 360, instances, ".", "m", "i", null);
        Assert.Equal("[\"MultiEntity\",\"OffScreen\"]", frame.Scenarios.ToString());
        Assert.Equal("[\"car\",\"dog\"]", frame.Categories.ToString());
        Assert.Equal("[\"dog (Multi-Entity)\",\"car (Off-Screen)\"]", frame.Instances.ToString());
    }
}
