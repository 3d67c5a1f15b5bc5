using AvatarTools.Core.Media;

namespace AvatarTools.Core.Features;

/// <summary>Makes a model's audio input from samples, by <see cref="SpectrogramSettings.Kind"/>.</summary>
public static class AudioFeatures
{
    /// <summary>The spectrogram of <paramref name="samples"/> (already cut to the window) as [1, Bands, T].</summary>
    public static FeatureTensor Compute(ReadOnlySpan<float> samples, SpectrogramSettings settings)
    {
        var shape = settings.Shape(samples.Length);
        var values = new float[shape[0] * shape[1] * shape[2]];
        ComputeInto(samples, settings, values);
        return new FeatureTensor(values, shape);
    }

    /// <summary>Writes the spectrogram into <paramref name="destination"/> (length Bands × T, e.g. a slice of a batch).</summary>
    public static void ComputeInto(ReadOnlySpan<float> samples, SpectrogramSettings settings, Span<float> destination)
    {
        if (settings.Kind == SpectrogramKind.Linear)
        {
            Spectrogram.ComputeInto(samples, settings, destination);
        }
        else
        {
            MelSpectrogram.ComputeInto(samples, settings, destination);
        }
    }

    /// <summary>Cuts the window for a frame time from a clip (<see cref="AudioWindow.Extract"/>) and computes its spectrogram.</summary>
    public static FeatureTensor ForFrame(AudioClip clip, double frameTimeSeconds, SpectrogramSettings settings, string? source = null)
    {
        if (clip.SampleRate != settings.SampleRate)
        {
            clip = clip.ResampleTo(settings.SampleRate);
        }
        var window = AudioWindow.Extract(clip.Samples, clip.SampleRate, frameTimeSeconds, settings.WindowSeconds, source);
        return Compute(window, settings);
    }
}
