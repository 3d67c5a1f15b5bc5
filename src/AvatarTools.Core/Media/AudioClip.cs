namespace AvatarTools.Core.Media;

/// <summary>
/// Mono audio as floating-point samples in [-1, 1] with their sample rate.
/// </summary>
/// <param name="Samples">The samples; the array is owned by the clip and must not be changed.</param>
/// <param name="SampleRate">Samples per second.</param>
public sealed record AudioClip(float[] Samples, int SampleRate)
{
    /// <summary>The sample rate every model input uses.</summary>
    public const int ModelSampleRate = 16000;

    /// <summary>The length in seconds.</summary>
    public double DurationSeconds => Samples.Length / (double)SampleRate;

    /// <summary>
    /// This clip at another rate, resampled with <see cref="AudioResampler"/>; the clip itself when the rate already matches.
    /// </summary>
    public AudioClip ResampleTo(int sampleRate) =>
        sampleRate == SampleRate ? this : new AudioClip(AudioResampler.Resample(Samples, SampleRate, sampleRate), sampleRate);
}
