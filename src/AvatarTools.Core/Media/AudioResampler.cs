namespace AvatarTools.Core.Media;

/// <summary>
/// Band-limited resampling by direct windowed-sinc interpolation: each output sample at time t is
/// Σ x[n] · h(t − n), with h a sinc whose cut-off is 0.95 × the lower of the two Nyquist frequencies,
/// tapered by a Blackman window spanning ±16 zero crossings of that cut-off. The weights of each output
/// sample are divided by their sum, so a constant stays exactly constant (also at the edges, where the
/// kernel is cut by the clip's ends).
/// </summary>
/// <remarks>
/// This is not bit-identical to any Python resampler (librosa/soxr, torchaudio, ffmpeg's swresample);
/// AVATAR's audio is extracted at 16 kHz by ffmpeg, so resampling is only needed for user-provided WAV files.
/// </remarks>
public static class AudioResampler
{
    private const int ZeroCrossings = 16;
    private const double Rolloff = 0.95;

    /// <summary>Resamples <paramref name="samples"/> from one rate to another. The output has round(n · to / from) samples.</summary>
    public static float[] Resample(ReadOnlySpan<float> samples, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate)
        {
            return samples.ToArray();
        }
        var outputLength = (int)Math.Round(samples.Length * (double)toRate / fromRate, MidpointRounding.AwayFromZero);
        var output = new float[outputLength];
        if (samples.Length == 0)
        {
            return output;
        }

        // Cut-off in cycles per input sample.
        var cutoff = Rolloff * 0.5 * Math.Min(1.0, toRate / (double)fromRate);
        var halfWidth = ZeroCrossings / (2.0 * cutoff);
        var step = fromRate / (double)toRate;
        for (var i = 0; i < outputLength; i++)
        {
            var time = i * step;
            var first = Math.Max(0, (int)Math.Ceiling(time - halfWidth));
            var last = Math.Min(samples.Length - 1, (int)Math.Floor(time + halfWidth));
            double sum = 0;
            double weights = 0;
            for (var n = first; n <= last; n++)
            {
                var distance = n - time;
                var weight = Sinc(2.0 * cutoff * distance) * Blackman(distance / halfWidth);
                sum += weight * samples[n];
                weights += weight;
            }
            output[i] = weights == 0 ? 0f : (float)(sum / weights);
        }
        return output;
    }

    private static double Sinc(double x) => x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    // Blackman window over u in [-1, 1], 1 at the centre, 0 at the ends.
    private static double Blackman(double u) => Math.Abs(u) >= 1 ? 0.0 : 0.42 + (0.5 * Math.Cos(Math.PI * u)) + (0.08 * Math.Cos(2 * Math.PI * u));
}
