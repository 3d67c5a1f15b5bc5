using AvatarTools.Core.IO;
using Xunit;

namespace AvatarTools.Core.Tests.IO;

public sealed class OutputNamesTests
{
    [Theory]
    [InlineData("GueOh9nkQ38_00131")]
    [InlineData("a-b_c_00000")]
    [InlineData("EZ-VSL")]
    [InlineData("Center prior")]
    [InlineData("playing violin")]
    [InlineData("x.y")]
    [InlineData("br[1]_00001")]
    [InlineData("çà_日本")]
    public void OrdinaryNamesAreKept(string name) => Assert.Equal(name, OutputNames.ToSegment(name));

    // Expected values worked out by hand from the rules: '%' and the forbidden characters become %XX (upper-case hex
    // of the UTF-8 byte), a name of dots has every dot encoded, a final dot or space is encoded, and the first letter of
    // a Windows device name is encoded.
    [Theory]
    [InlineData(".", "%2E")]
    [InlineData("..", "%2E%2E")]
    [InlineData("...", "%2E%2E%2E")]
    [InlineData("../../x", "%2E.%2F..%2Fx")]
    [InlineData("/etc/x", "%2Fetc%2Fx")]
    [InlineData("C:\\x", "C%3A%5Cx")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a:b", "a%3Ab")]
    [InlineData("a*b", "a%2Ab")]
    [InlineData("a?b", "a%3Fb")]
    [InlineData("a\"b", "a%22b")]
    [InlineData("<a|b>", "%3Ca%7Cb%3E")]
    [InlineData("100%", "100%25")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("del\u007F", "del%7F")]
    [InlineData("x.", "x%2E")]
    [InlineData(".hidden", "%2Ehidden")]
    [InlineData(".x.npy.ab12cd34.tmp", "%2Ex.npy.ab12cd34.tmp")]
    [InlineData("x ", "x%20")]
    [InlineData("CON", "%43ON")]
    [InlineData("con.txt", "%63on.txt")]
    [InlineData("Lpt1", "%4Cpt1")]
    [InlineData("console", "console")]
    public void UnsafeNamesAreEncoded(string name, string expected) => Assert.Equal(expected, OutputNames.ToSegment(name));

    [Fact]
    public void UnpairedSurrogatesAreEncodedAndPairsKept()
    {
        Assert.Equal("%uD800x", OutputNames.ToSegment(new string(new[] { '\uD800', 'x' })));
        Assert.Equal("x%uDC00", OutputNames.ToSegment(new string(new[] { 'x', '\uDC00' })));
        Assert.Equal("🎻", OutputNames.ToSegment("🎻"));
    }

    [Fact]
    public void NoTwoNamesGiveTheSameSegment()
    {
        // Pairs a lossy mapping (replace with '_') would merge; the encoding keeps them apart.
        var names = new[] { "a/b", "a_b", "a%2Fb", "a%b", "a%25b", "..", "%2E%2E", ".", "x.", "x%2E", ".x", "%2Ex", "CON", "%43ON", "a:b", "a;b" };
        var segments = names.Select(OutputNames.ToSegment).ToList();
        Assert.Equal(names.Length, segments.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../../x")]
    [InlineData("/etc/x")]
    [InlineData("C:\\x")]
    [InlineData("a/b")]
    [InlineData("\\\\server\\share")]
    public void SegmentsStayOneLevelInsideTheirFolder(string name)
    {
        var root = Path.Combine(Path.GetTempPath(), "names-root");
        var full = Path.GetFullPath(Path.Combine(root, OutputNames.ToSegment(name)));
        Assert.Equal(root, Path.GetDirectoryName(full));
        Assert.DoesNotContain(Path.DirectorySeparatorChar, OutputNames.ToSegment(name));
        Assert.DoesNotContain(Path.AltDirectorySeparatorChar, OutputNames.ToSegment(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void EmptyNamesAreRefused(string? name) =>
        Assert.Equal("UnsafeOutputName", Assert.Throws<AvatarDataException>(() => OutputNames.ToSegment(name)).ErrorId);
}
