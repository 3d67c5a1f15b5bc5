using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using MathNet.Numerics.IntegralTransforms;

namespace AvatarTools.Core.Features;

/// <summary>
/// SSL-TIE's audio input: <c>torchaudio.transforms.MelSpectrogram(sample_rate=16000, n_fft=512, hop_length=239,
/// n_mels=257, normalized=True)</c> then <c>torchaudio.transforms.AmplitudeToDB()</c>, everything else at
/// torchaudio's defaults.
/// </summary>
/// <remarks>
/// Exactly: the signal is reflect-padded by n_fft / 2 on both sides (torch.stft center=True, pad_mode='reflect',
/// the edge sample not repeated), frames of n_fft samples every hop (T = 1 + ⌊L / hop⌋), each multiplied by
/// the periodic Hann window of win_length = n_fft samples (w[n] = 0.5 − 0.5 cos(2πn / N), no mean removal),
/// one-sided FFT, power |X|² (power=2) divided by Σw² (normalized=True is torchaudio's "window"
/// normalisation: the STFT divided by √Σw², so the power by Σw²; no one-sided doubling), then the mel filters
/// of <see cref="MelFilterBank"/> (HTK scale, f_min 0, f_max fs / 2, norm None), then
/// 10 · log10(max(x, 1e-10)) (AmplitudeToDB: stype='power', ref 1, amin 1e-10, top_db None).
/// Computed in double precision; torchaudio computes in float32, so expect differences of order 1e-5 dB
/// (more where the power is tiny).
/// </remarks>
public static class MelSpectrogram
{
    /// <summary>The floor under the mel power before the log (AmplitudeToDB's amin).</summary>
    public const double PowerFloor = 1e-10;

    private static readonly ConcurrentDictionary<(int Bins, int Bands, int Rate), double[]> FilterBanks = new();

    /// <summary>Computes the log-mel spectrogram of the whole of <paramref name="samples"/> as [1, Bands, T].</summary>
    public static FeatureTensor Compute(ReadOnlySpan<float> samples, SpectrogramSettings settings) =>
        settings.Kind == SpectrogramKind.Mel ? AudioFeatures.Compute(samples, settings) : throw new ArgumentException("expected mel spectrogram settings", nameof(settings));

    /// <summary>Writes the log-mel spectrogram into <paramref name="destination"/>, band-major: [m · T + t].</summary>
    // Numeric kernels run a few times per clip: compile them optimized at once rather than after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeInto(ReadOnlySpan<float> samples, SpectrogramSettings settings, Span<float> destination)
    {
        settings.Validate();
        if (settings.Kind != SpectrogramKind.Mel)
        {
            throw new ArgumentException("expected mel spectrogram settings", nameof(settings));
        }
        var nfft = settings.FftLength;
        var pad = nfft / 2;
        if (samples.Length <= pad)
        {
            throw new ArgumentException($"reflect padding by {pad} needs more than {pad} samples; got {samples.Length}", nameof(samples));
        }
        var frames = settings.FrameCount(samples.Length);
        var bands = settings.Bands;
        if (destination.Length != bands * frames)
        {
            throw new ArgumentException($"the destination holds {destination.Length} values; [1, {bands}, {frames}] needs {bands * frames}", nameof(destination));
        }

        var bins = (nfft / 2) + 1;
        var filters = FilterBanks.GetOrAdd((bins, bands, settings.SampleRate),
            key => MelFilterBank.Create(key.Bins, key.Bands, key.Rate, 0.0, key.Rate / 2));

        // A win_length window is centred inside the n_fft frame (torch.stft pads it with zeros on both sides).
        var window = new double[nfft];
        var offset = (nfft - settings.WindowLength) / 2;
        double windowEnergy = 0;
        for (var n = 0; n < settings.WindowLength; n++)
        {
            var w = 0.5 - (0.5 * Math.Cos(2.0 * Math.PI * n / settings.WindowLength));
            window[offset + n] = w;
            windowEnergy += w * w;
        }

        var buffer = new double[nfft + 2];
        var power = new double[bins];
        var mel = new double[bands];
        for (var t = 0; t < frames; t++)
        {
            var start = (t * settings.Hop) - pad;
            for (var n = 0; n < nfft; n++)
            {
                buffer[n] = samples[Reflect(start + n, samples.Length)] * window[n];
            }
            buffer[nfft] = 0;
            buffer[nfft + 1] = 0;
            Fourier.ForwardReal(buffer, nfft, FourierOptions.Matlab);
            for (var k = 0; k < bins; k++)
            {
                var re = buffer[2 * k];
                var im = buffer[(2 * k) + 1];
                power[k] = ((re * re) + (im * im)) / windowEnergy;
            }
            Array.Clear(mel);
            for (var k = 0; k < bins; k++)
            {
                var p = power[k];
                var row = k * bands;
                for (var m = 0; m < bands; m++)
                {
                    mel[m] += filters[row + m] * p;
                }
            }
            for (var m = 0; m < bands; m++)
            {
                destination[(m * frames) + t] = (float)(10.0 * Math.Log10(Math.Max(mel[m], PowerFloor)));
            }
        }
    }

    // numpy/torch 'reflect' padding: index −1 maps to 1, index L maps to L − 2.
    private static int Reflect(int index, int length)
    {
        if (index < 0)
        {
            return -index;
        }
        return index >= length ? (2 * (length - 1)) - index : index;
    }
}
