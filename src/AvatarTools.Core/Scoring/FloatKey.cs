using System.Numerics;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// An order-preserving map from float32 to int32 (−0 is folded onto +0 first), so that a &lt; b as floats exactly
/// when Key(a) &lt; Key(b) for non-NaN values. Used to select exact order statistics with integer histograms.
/// </summary>
internal static class FloatKey
{
    public static readonly int NegativeInfinity = ToKey(float.NegativeInfinity);

    public static readonly int PositiveInfinity = ToKey(float.PositiveInfinity);

    public static int ToKey(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value + 0f);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    public static float FromKey(int key) => BitConverter.Int32BitsToSingle(key ^ ((key >> 31) & 0x7FFFFFFF));

    public static Vector<int> ToKeys(Vector<float> values)
    {
        var bits = Vector.AsVectorInt32(values + Vector<float>.Zero);
        return bits ^ (Vector.ShiftRightArithmetic(bits, 31) & new Vector<int>(0x7FFFFFFF));
    }
}
