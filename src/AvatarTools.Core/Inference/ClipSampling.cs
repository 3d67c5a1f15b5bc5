using System.Runtime.CompilerServices;
using AvatarTools.Core.Features;
namespace AvatarTools.Core.Inference;

/// <summary>
/// The exact clip sampling of video-level models and of the <see cref="SpectrogramKind.Envelope"/> audio
/// input, so that whoever prepares the tensors computes them the way <see cref="ModelDescription"/> defines them.
/// </summary>
public static class ClipSampling
{
    /// <summary>
    /// The T instants (seconds) of the clip around a labelled frame at <paramref name="frameTime"/>:
    /// t_k = t0 + (k − (T − 1) / 2) / FrameSampleRate. Frames are decoded at these instants, clamped to the
    /// video; the envelope uses them as they are.
    /// </summary>
    public static double[] Instants(ModelDescription description, double frameTime)
    {
        ArgumentNullException.ThrowIfNull(description);
        var count = description.FramesPerClip;
        var instants = new double[count];
        for (var k = 0; k < count; k++)
        {
            instants[k] = frameTime + ((k - ((count - 1) / 2.0)) / description.FrameSampleRate);
        }
        return instants;
    }

    /// <summary>
    /// The RMS envelope: e_k = √(Σ x[n]² / W) over the samples n with |n / fs − t_k| &lt; 1 / (2 · frameRate),
    /// W the number of sample positions in that window whether inside the audio or not (samples outside
    /// the audio count as zeros). <paramref name="samples"/> are mono in [−1, 1].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float[] Envelope(ReadOnlySpan<float> samples, int sampleRate, IReadOnlyList<double> instants, double frameRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameRate);
        ArgumentNullException.ThrowIfNull(instants);
        var halfWindow = 1.0 / (2.0 * frameRate);
        var envelope = new float[instants.Count];
        for (var k = 0; k < instants.Count; k++)
        {
            // n / fs in (t - h, t + h)  <=>  n in (fs (t - h), fs (t + h)).
            var first = (long)Math.Floor(sampleRate * (instants[k] - halfWindow)) + 1;
            var last = (long)Math.Ceiling(sampleRate * (instants[k] + halfWindow)) - 1;
            if (last < first)
            {
                continue;
            }
            double sum = 0;
            for (var n = Math.Max(first, 0); n <= Math.Min(last, samples.Length - 1); n++)
            {
                sum += (double)samples[(int)n] * samples[(int)n];
            }
            envelope[k] = (float)Math.Sqrt(sum / (last - first + 1));
        }
        return envelope;
    }
}
