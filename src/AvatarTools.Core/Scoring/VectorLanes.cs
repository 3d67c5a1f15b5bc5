using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AvatarTools.Core.Scoring;

/// <summary>Lane masks of <see cref="Vector{T}"/> comparisons as bits, to visit only the lanes that are set.</summary>
internal static class VectorLanes
{
    /// <summary>Bit k set where lane k of <paramref name="mask"/> (all ones or zero per lane) is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one instruction once the JIT folds the width tests
    public static ulong Mask(Vector<int> mask)
    {
        if (Vector<int>.Count == 8)
        {
            return Vector256.ExtractMostSignificantBits(mask.AsVector256());
        }
        if (Vector<int>.Count == 16)
        {
            return Vector512.ExtractMostSignificantBits(mask.AsVector512());
        }
        if (Vector<int>.Count == 4)
        {
            return Vector128.ExtractMostSignificantBits(mask.AsVector128());
        }
        ulong bits = 0;
        for (var lane = 0; lane < Vector<int>.Count; lane++)
        {
            bits |= mask[lane] != 0 ? 1UL << lane : 0;
        }
        return bits;
    }
}
