namespace AvatarTools.Core.Scoring;

/// <summary>
/// How a native map (e.g. 7 × 7) is brought to the scoring grid.
/// <para>
/// <see cref="Bilinear"/> and <see cref="Bicubic"/> follow OpenCV's <c>cv::resize</c> for float32 maps. Bit-exactness
/// with "OpenCV" is not defined, because OpenCV builds differ among themselves: builds that run OpenCV's own C++ code
/// (Debian's python3-opencv 4.6; OpenCvSharp 4.13 with <c>setUseOptimized(false)</c>) agree with each other and with
/// this implementation to the last bit on the sizes tested, while builds that route resize through Intel IPP
/// (OpenCvSharp 4.13's default) differ from them by up to about 4e-7 (bilinear) and 1.3e-6 (bicubic) on a 7 × 7 map
/// brought to 360 × 640, and by up to about 2e-5 on a 224 × 224 map. The tests hold this implementation to OpenCV's
/// C++ code within 1e-6 (bilinear) and 4e-6 (bicubic) relative to max(1, |value|) on every pixel.
/// </para>
/// </summary>
public enum UpsampleMode
{
    /// <summary>
    /// Bilinear with half-pixel centres (OpenCV INTER_LINEAR, torch align_corners=False): src = (dst + 0.5)·in/out − 0.5,
    /// the two taps clamped to the map (OpenCV's float weights and rounding).
    /// </summary>
    Bilinear,

    /// <summary>Bilinear with aligned corners (torch align_corners=True): src = dst·(in − 1)/(out − 1).</summary>
    BilinearAlignCorners,

    /// <summary>
    /// Bicubic as OpenCV INTER_CUBIC: Keys' kernel with A = −0.75 on half-pixel centres, the four taps clamped to the map
    /// (border replicated), OpenCV's float weights (the last one is 1 minus the other three) and order of sums. torch's
    /// bicubic (align_corners=False) uses the same kernel and border, with its own float rounding.
    /// </summary>
    Bicubic,

    /// <summary>
    /// Bicubic with aligned corners, as torch <c>F.interpolate(mode='bicubic', align_corners=True)</c> (SLAVC):
    /// src = dst·s with s = (in − 1)/(out − 1) in float (0 when out = 1), i0 = min(⌊src⌋, in − 1), t = src − i0 clamped
    /// to [0, 1]; Keys' kernel with A = −0.75, the four weights each from its own formula (cubic_convolution2(t + 1),
    /// cubic_convolution1(t), cubic_convolution1(1 − t), cubic_convolution2(2 − t)); taps i0 − 1 … i0 + 2 clamped to the
    /// map (border replicated); the taps summed first to last, along the width, then along the height.
    /// </summary>
    BicubicAlignCorners,
}
