using System.Numerics;
using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

public class SpanExtremesTests
{
    private static readonly float[] Specials =
    {
        0f, -0f, 1f, -1f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, float.PositiveInfinity,
        float.NegativeInfinity, float.NaN, 3.5f, BitConverter.Int32BitsToSingle(0x3F800001),
    };

    /// <summary>
    /// Lesser and Greater are, lane by lane, "a where a &lt; b (a &gt; b), else b", the rule written out here with scalar
    /// comparisons, for every pair of special values (±0, NaN either side, ±∞, subnormals), compared by their bits.
    /// </summary>
    [Fact]
    public void LesserAndGreaterAreTheCompareAndSelectRuleBitForBit()
    {
        var lanes = Vector<float>.Count;
        var pairs = (from a in Specials from b in Specials select (a, b)).ToArray();
        for (var start = 0; start < pairs.Length; start += lanes)
        {
            var left = new float[lanes];
            var right = new float[lanes];
            for (var lane = 0; lane < lanes; lane++)
            {
                (left[lane], right[lane]) = pairs[(start + lane) % pairs.Length];
            }
            var lesser = SpanExtremes.Lesser(new Vector<float>(left), new Vector<float>(right));
            var greater = SpanExtremes.Greater(new Vector<float>(left), new Vector<float>(right));
            for (var lane = 0; lane < lanes; lane++)
            {
                var (a, b) = (left[lane], right[lane]);
                Assert.Equal(BitConverter.SingleToInt32Bits(a < b ? a : b), BitConverter.SingleToInt32Bits(lesser[lane]));
                Assert.Equal(BitConverter.SingleToInt32Bits(a > b ? a : b), BitConverter.SingleToInt32Bits(greater[lane]));
            }
        }
    }

    /// <summary>The span's extremes and NaN flag against a scalar loop, over lengths that leave every tail length.</summary>
    [Fact]
    public void OfEqualsAScalarLoop()
    {
        var random = new Random(5);
        for (var length = 0; length < 70; length++)
        {
            var values = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1) * 100f).ToArray();
            var (minimum, maximum, nan) = SpanExtremes.Of(values);
            Assert.False(nan);
            Assert.Equal(length == 0 ? float.PositiveInfinity : values.Min(), minimum);
            Assert.Equal(length == 0 ? float.NegativeInfinity : values.Max(), maximum);
            if (length > 0)
            {
                values[random.Next(length)] = float.NaN;
                Assert.True(SpanExtremes.Of(values).NaN);
            }
        }
    }
}
