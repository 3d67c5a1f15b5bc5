using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

/// <summary>
/// A bracket's one-comparison forms against its definition in key space, written out here: v is below High when
/// key(v) &lt; High (every v when High lies beyond +∞'s key), and inside when also key(v) ≥ Low; NaN is neither.
/// </summary>
public class BracketBoundsTests
{
    private static int Key(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value == 0 ? 0f : value);
        return bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
    }

    private static readonly float[] Values =
    {
        float.NegativeInfinity, float.MinValue, -1e30f, -1f, -float.Epsilon, -0f, 0f, float.Epsilon, 1e-38f, 0.5f, 1f,
        BitConverter.Int32BitsToSingle(0x3F800001), 3.25f, 1e30f, float.MaxValue, float.PositiveInfinity, float.NaN,
    };

    public static TheoryData<long, long> Brackets()
    {
        var infinity = (long)Key(float.PositiveInfinity);
        var negativeInfinity = (long)Key(float.NegativeInfinity);
        return new TheoryData<long, long>
        {
            { Key(-1f), Key(1f) },
            { Key(0f), Key(float.Epsilon) },                 // High just above both zeros
            { Key(-float.Epsilon), Key(0f) },                // High at zero: −0 and +0 are not below it
            { Key(1f), Key(BitConverter.Int32BitsToSingle(0x3F800001)) },
            { negativeInfinity - 5, negativeInfinity },      // High at −∞: nothing below it
            { long.MinValue, negativeInfinity + 1 },
            { Key(float.MaxValue), infinity },                // High at +∞: +∞ itself is not below it
            { Key(1e30f), infinity + 1 },                    // High beyond +∞: every non-NaN value is below it
            { infinity + 1, infinity + 7 },                  // Low beyond +∞: nothing inside
        };
    }

    [Theory]
    [MemberData(nameof(Brackets))]
    public void OneComparisonMatchesTheKeyDefinition(long low, long high)
    {
        var bounds = new BracketBounds(low, high, 0);
        foreach (var v in Values)
        {
            var below = !float.IsNaN(v) && Key(v) < high;
            var inside = below && Key(v) >= low;
            Assert.True(below == (v <= bounds.BelowLimit), $"below High for {v} in [{low}, {high})");
            Assert.True(inside == bounds.Holds(v), $"inside for {v} in [{low}, {high})");
        }
    }
}
