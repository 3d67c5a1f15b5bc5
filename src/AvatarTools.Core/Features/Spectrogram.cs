using MathNet.Numerics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.IntegralTransforms;

namespace AvatarTools.Core.Features;

/// <summary>
/// EZ-VSL's audio input: <c>scipy.signal.spectrogram(x, fs, nperseg, noverlap)</c> with scipy's defaults, then
/// <c>np.log(P + 1e-7) / 12</c> (the /12 is EZ-VSL's <c>Normalize(mean=0, std=12)</c>).
/// </summary>
/// <remarks>
/// Exactly: segments of nperseg samples every nperseg − noverlap samples, no padding
/// (T = ⌊(L − noverlap) / (nperseg − noverlap)⌋); each segment's mean subtracted (detrend='constant'), then
/// multiplied by the periodic Tukey window (α = 0.25: <c>get_window(('tukey', 0.25), nperseg)</c>, a symmetric
/// Tukey of nperseg + 1 points without its last one); the one-sided FFT of nfft = nperseg points;
/// P = |X|² / (fs · Σw²), every bin except DC and (for even nfft) Nyquist doubled. Computed in double
/// precision (EZ-VSL's audio is float64), stored as float32 in [1, nfft / 2 + 1, T] order.
/// </remarks>
public static class Spectrogram
{
    /// <summary>The Tukey taper fraction of scipy's default spectrogram window.</summary>
    public const double TukeyAlpha = 0.25;

    /// <summary>Added to the power before the natural log.</summary>
    public const double LogOffset = 1e-7;

    /// <summary>The log power is divided by this (EZ-VSL's normalisation std).</summary>
    public const double LogScale = 12.0;

    /// <summary>Computes the spectrogram of the whole of <paramref name="samples"/> as [1, Bands, T].</summary>
    public static FeatureTensor Compute(ReadOnlySpan<float> samples, SpectrogramSettings settings) =>
        settings.Kind == SpectrogramKind.Linear ? AudioFeatures.Compute(samples, settings) : throw new ArgumentException("expected linear spectrogram settings", nameof(settings));

    /// <summary>Writes the spectrogram into <paramref name="destination"/>, frequency-major: [f · T + t].</summary>
    // Numeric kernels run a few times per clip: compile them optimized at once rather than after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeInto(ReadOnlySpan<float> samples, SpectrogramSettings settings, Span<float> destination)
    {
        settings.Validate();
        if (settings.Kind != SpectrogramKind.Linear)
        {
            throw new ArgumentException("expected linear spectrogram settings", nameof(settings));
        }
        var length = settings.WindowLength;
        if (samples.Length < length)
        {
            throw new ArgumentException($"a spectrogram needs at least {length} samples; got {samples.Length}", nameof(samples));
        }
        var frames = settings.FrameCount(samples.Length);
        var bins = settings.Bands;
        if (destination.Length != bins * frames)
        {
            throw new ArgumentException($"the destination holds {destination.Length} values; [1, {bins}, {frames}] needs {bins * frames}", nameof(destination));
        }

        var window = TukeyWindow(length, TukeyAlpha);
        double windowEnergy = 0;
        foreach (var w in window)
        {
            windowEnergy += w * w;
        }
        var scale = 1.0 / (settings.SampleRate * windowEnergy);
        var nyquist = settings.FftLength % 2 == 0 ? bins - 1 : -1;
        // Two real segments go through one complex single-precision FFT (a in the real part, b in the
        // imaginary part, separated by symmetry afterwards): a quarter of the time of MathNet's double real
        // path. Single-precision rounding (about 1e-7 of the peak) is far below the 1e-7 floor of the log
        // and the 1e-4 agreement asked of scipy.
        var fftLength = settings.FftLength;
        var buffer = new Complex32[fftLength];
        for (var t = 0; t < frames; t += 2)
        {
            var paired = t + 1 < frames;
            Array.Clear(buffer);
            LoadSegment(samples.Slice(t * settings.Hop, length), window, buffer, imaginary: false);
            if (paired)
            {
                LoadSegment(samples.Slice((t + 1) * settings.Hop, length), window, buffer, imaginary: true);
            }
            Fourier.Forward(buffer, FourierOptions.Matlab);
            for (var k = 0; k < bins; k++)
            {
                var z = buffer[k];
                var m = buffer[(fftLength - k) % fftLength];
                // X_a[k] = (Z[k] + conj(Z[N-k])) / 2, X_b[k] = (Z[k] - conj(Z[N-k])) / 2i.
                var aRe = 0.5 * ((double)z.Real + m.Real);
                var aIm = 0.5 * ((double)z.Imaginary - m.Imaginary);
                var doubling = k != 0 && k != nyquist ? 2.0 : 1.0;
                destination[(k * frames) + t] = (float)(Math.Log((((aRe * aRe) + (aIm * aIm)) * scale * doubling) + LogOffset) / LogScale);
                if (paired)
                {
                    var bRe = 0.5 * ((double)z.Imaginary + m.Imaginary);
                    var bIm = -0.5 * ((double)z.Real - m.Real);
                    destination[(k * frames) + t + 1] = (float)(Math.Log((((bRe * bRe) + (bIm * bIm)) * scale * doubling) + LogOffset) / LogScale);
                }
            }
        }
    }

    /// <summary>Writes one mean-removed, windowed segment into the real or the imaginary part of the FFT buffer.</summary>
    private static void LoadSegment(ReadOnlySpan<float> segment, double[] window, Complex32[] buffer, bool imaginary)
    {
        double mean = 0;
        foreach (var sample in segment)
        {
            mean += sample;
        }
        mean /= segment.Length;
        for (var n = 0; n < segment.Length; n++)
        {
            var value = (float)((segment[n] - mean) * window[n]);
            buffer[n] = imaginary ? new Complex32(buffer[n].Real, value) : new Complex32(value, buffer[n].Imaginary);
        }
    }

    /// <summary>
    /// scipy's <c>get_window(('tukey', alpha), n)</c> (periodic): a symmetric Tukey window of n + 1 points
    /// with the last point dropped.
    /// </summary>
    public static double[] TukeyWindow(int length, double alpha)
    {
        var m = length + 1;
        var window = new double[length];
        var width = (int)Math.Floor(alpha * (m - 1) / 2.0);
        for (var n = 0; n < length; n++)
        {
            if (n <= width)
            {
                window[n] = 0.5 * (1 + Math.Cos(Math.PI * (-1 + (2.0 * n / alpha / (m - 1)))));
            }
            else if (n < m - width - 1)
            {
                window[n] = 1.0;
            }
            else
            {
                window[n] = 0.5 * (1 + Math.Cos(Math.PI * ((-2.0 / alpha) + 1 + (2.0 * n / alpha / (m - 1)))));
            }
        }
        return window;
    }
}
