using AvatarTools.Core.Progress;
using Xunit;

namespace AvatarTools.Core.Tests.Progress;

/// <summary>The percentage and time left of Write-Progress, hand-worked at a constant rate.</summary>
public sealed class ProgressEstimateTests
{
    [Fact]
    public void A_quarter_done_in_ten_seconds_leaves_thirty()
    {
        // 25 of 100 items in 10 s: 2.5 items/s, 75 items left / 2.5 = 30 s.
        var estimate = ProgressEstimate.Of(25, 100, TimeSpan.FromSeconds(10));
        Assert.Equal(25, estimate.PercentComplete);
        Assert.Equal(30, estimate.SecondsRemaining);
        Assert.Equal(2.5, estimate.ItemsPerSecond, 12);
    }

    [Fact]
    public void Rounds_the_time_left_up_and_the_percentage_down()
    {
        // 2 of 3 in 1 s: 1 item left at 2 items/s = 0.5 s, shown as 1 s; 66.7 % shown as 66.
        var estimate = ProgressEstimate.Of(2, 3, TimeSpan.FromSeconds(1));
        Assert.Equal(66, estimate.PercentComplete);
        Assert.Equal(1, estimate.SecondsRemaining);
    }

    [Fact]
    public void Says_nothing_of_the_time_left_before_anything_is_done()
    {
        var estimate = ProgressEstimate.Of(0, 58, TimeSpan.FromSeconds(3));
        Assert.Equal(0, estimate.PercentComplete);
        Assert.Equal(-1, estimate.SecondsRemaining);
        Assert.Equal(0, estimate.ItemsPerSecond);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Without_a_total_has_neither_percentage_nor_time_left(long total)
    {
        var estimate = ProgressEstimate.Of(10, total, TimeSpan.FromSeconds(4));
        Assert.Equal(-1, estimate.PercentComplete);
        Assert.Equal(-1, estimate.SecondsRemaining);
        Assert.Equal(2.5, estimate.ItemsPerSecond, 12);
    }

    [Fact]
    public void More_done_than_the_total_is_complete()
    {
        var estimate = ProgressEstimate.Of(70, 58, TimeSpan.FromSeconds(7));
        Assert.Equal(100, estimate.PercentComplete);
        Assert.Equal(0, estimate.SecondsRemaining);
    }
}
