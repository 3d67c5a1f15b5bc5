using AvatarTools.Core.Inference;
using Xunit;

namespace AvatarTools.Core.Tests.Inference;

public sealed class UnavailableErrorFilterTests
{
    [Fact]
    public void AMissingProgramIsReportedOnceAndTheRestCounted()
    {
        var filter = new UnavailableErrorFilter();
        var missing = new AvatarDataException("FfmpegNotFound", AvatarErrorKind.NotAvailable, null, "no ffmpeg");
        var invalid = new AvatarDataException("InvalidVideo", AvatarErrorKind.InvalidData, "a.mp4", "bad");
        Assert.True(filter.ShouldReport(missing));
        Assert.True(filter.ShouldReport(invalid));
        Assert.False(filter.ShouldReport(missing));
        Assert.True(filter.ShouldReport(invalid));
        Assert.False(filter.ShouldReport(missing));
        Assert.Equal(2, filter.Skipped["FfmpegNotFound"]);
        Assert.False(filter.Skipped.ContainsKey("InvalidVideo"));
    }
}
