using System.Text;
using AvatarTools.Core.Benchmarks;
using AvatarTools.Core.Dataset;
using Xunit;

namespace AvatarTools.Core.Tests.Benchmarks;

public sealed class TestListTests
{
    private static TestList Parse(string name, string text) => TestList.Parse("/lists/" + name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void OneIdPerLine()
    {
        var list = Parse("vggss_heard_test.csv", "\uFEFFa_000001\r\nb_000002\n\n c_000003 \n");
        Assert.Equal("vggss_heard_test", list.Name);
        Assert.Equal(new[] { "a_000001", "b_000002", "c_000003" }, list.Ids);
        Assert.False(list.HasPairs);
    }

    [Fact]
    public void RowsOfIdAndNumberTakeTheFirstColumn()
    {
        var list = Parse("flickr_test.csv", "2401234567,0\n3908875350,1\n");
        Assert.Equal(new[] { "2401234567", "3908875350" }, list.Ids);
        Assert.Equal("flickr_test", list.Name);
    }

    [Fact]
    public void SlavcsExtendedListsKeepTheirPairsAndStreamEachImageOnce()
    {
        var list = Parse("flickr_test_plus_silent.csv", "video,audio,label\n10,10,1\n10,22,0\n22,22,1\n");
        Assert.True(list.HasPairs);
        Assert.Equal(new[] { "10", "22" }, list.Ids);
        Assert.Equal(new TestListEntry("10", "22", "0"), list.Entries[1]);
        Assert.Equal(3, list.Entries.Count);
    }

    [Theory]
    [InlineData("", "lists no sample")]
    [InlineData("\n\n", "lists no sample")]
    [InlineData("a_000001\n../b,1\n", "line 2: the sample id '../b' is not a plain file name")]
    [InlineData("a_000001\n,1\n", "line 2: the sample id is empty")]
    [InlineData("video,audio,label\n10,10\n", "line 2: the row has 2 fields")]
    public void BadListsAreInvalidTestListNamingTheLine(string text, string expected)
    {
        var error = Assert.Throws<AvatarDataException>(() => Parse("l.csv", text));
        Assert.Equal("InvalidTestList", error.ErrorId);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("/lists/l.csv:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotUtf8IsRefused() =>
        Assert.Equal("InvalidTestList", Assert.Throws<AvatarDataException>(() => TestList.Parse("/l.csv", [0xFF, 0xFE, 0x41])).ErrorId);
}
