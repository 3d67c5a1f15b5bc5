using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Dataset;

public class ClipIdTests
{
    [Theory]
    [InlineData("GueOh9nkQ38_00131", "GueOh9nkQ38", 131)]
    [InlineData("l_7B1wnTNtA_00020", "l_7B1wnTNtA", 20)]
    [InlineData("-a_b-c__00000", "-a_b-c_", 0)]
    public void SplitsOnTheLastUnderscore(string text, string youTubeId, int start)
    {
        Assert.True(ClipId.TryParse(text, out var id));
        Assert.Equal(youTubeId, id.YouTubeId);
        Assert.Equal(start, id.StartSecond);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("nounderscore")]
    [InlineData("abc_")]
    [InlineData("_00012")]
    [InlineData("abc_12x")]
    public void RejectsWhatIsNotAClipId(string text) => Assert.False(ClipId.TryParse(text, out _));
}
