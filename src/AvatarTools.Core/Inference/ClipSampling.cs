using System.Runtime.CompilerServices;
using AvatarTools.Core.Features;
using AvatarTools.Core.Media;

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
    /// The video frames a video-level model needs from a clip, so that the clip is decoded once: for
    /// <see cref="FrameWindow.AroundFrame"/> the frames nearest to the <see cref="Instants"/> of every labelled frame
    /// (time = index / frame rate), for <see cref="FrameWindow.WholeClip"/> those nearest to k / FrameSampleRate,
    /// k = 0 … T − 1; ascending and distinct.
    /// </summary>
    public static int[] FramesOfClip(ModelDescription description, IEnumerable<int> labelledFrames, ClipTiming timing)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(labelledFrames);
        ArgumentNullException.ThrowIfNull(timing);
        var instants = description.FrameWindow == FrameWindow.WholeClip
            ? WholeClipInstants(description)
            : labelledFrames.Distinct().SelectMany(index => Instants(description, index / timing.FrameRate));
        return instants.Select(timing.IndexAt).Distinct().Order().ToArray();
    }

    /// <summary>The size and filter ffmpeg brings a video-level model's frames to: the model's image size, resize mode and interpolation.</summary>
    public static FrameScale FrameScaleOf(ModelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return new FrameScale(description.ImageSize, description.ResizeMode == ImageResizeMode.ShortSideCenterCrop, description.Interpolation switch
        {
            ImageInterpolation.Bilinear => FrameFilter.Bilinear,
            ImageInterpolation.Nearest => FrameFilter.Nearest,
            _ => FrameFilter.Bicubic,
        });
    }

    /// <summary>The T instants of a whole-clip run: k / FrameSampleRate, k = 0 … T − 1.</summary>
    public static double[] WholeClipInstants(ModelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Enumerable.Range(0, description.FramesPerClip).Select(k => k / description.FrameSampleRate).ToArray();
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
