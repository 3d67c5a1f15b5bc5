using AvatarTools.Core.Media;
using Xunit;

namespace AvatarTools.Core.Tests.Media;

public class AudioWindowTests
{
    private static readonly float[] Clip = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();

    [Theory]
    [InlineData(5.0, 30)]  // centre sample 50, 40 samples: 30..69
    [InlineData(0.5, 0)]   // 5 − 20 < 0: shifted to the start
    [InlineData(9.9, 60)]  // 99 − 20 + 40 > 100: shifted to the end
    [InlineData(10.0, 60)]
    public void CentredOnTheFrameAndShiftedInside(double time, int start)
    {
        var window = AudioWindow.Extract(Clip, 10, time, 4.0);
        Assert.Equal(40, window.Length);
        Assert.Equal(Clip.Skip(start).Take(40), window);
    }

    [Fact]
    public void WholeClipWindowIsTheClip() => Assert.Equal(Clip, AudioWindow.Extract(Clip, 10, 3.3, 10));

    [Fact]
    public void ShortClipsAreTiledThenCut()
    {
        Assert.Equal(new float[] { 1, 2, 3, 1, 2, 3, 1 }, AudioWindow.Extract([1, 2, 3], 1, 2, 7));
        Assert.Equal(160000, AudioWindow.Extract(new float[12345], 16000, 0.5, 10).Length);
    }

    [Fact]
    public void LengthIsRoundedSeconds()
    {
        Assert.Equal(16000, AudioWindow.SampleCount(1, 16000));
        Assert.Equal(3, AudioWindow.SampleCount(0.25, 10)); // 2.5 rounds away from zero
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(10.01)]
    [InlineData(double.NaN)]
    public void FrameTimeOutsideTheClipIsAnError(double time)
    {
        var error = Assert.Throws<AvatarDataException>(() => AudioWindow.Extract(Clip, 10, time, 4, "clip.wav"));
        Assert.Equal("FrameTimeOutsideClip", error.ErrorId);
        Assert.Equal("clip.wav", error.Path);
    }

    [Fact]
    public void BadWindowsAndEmptyClips()
    {
        Assert.Equal("InvalidAudioWindow", Assert.Throws<AvatarDataException>(() => AudioWindow.Extract(Clip, 10, 1, 0)).ErrorId);
        Assert.Equal("EmptyAudio", Assert.Throws<AvatarDataException>(() => AudioWindow.Extract([], 10, 0, 1)).ErrorId);
    }
}
