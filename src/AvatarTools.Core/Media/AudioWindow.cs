using System.Globalization;

namespace AvatarTools.Core.Media;

/// <summary>
/// Cuts the model's audio input out of a clip: exactly round(window × rate) samples around a frame time.
/// </summary>
public static class AudioWindow
{
    /// <summary>The number of samples of a window: round(seconds × rate), halves away from zero.</summary>
    public static int SampleCount(double windowSeconds, int sampleRate)
    {
        if (!(windowSeconds > 0) || double.IsInfinity(windowSeconds))
        {
            throw new AvatarDataException("InvalidAudioWindow", AvatarErrorKind.InvalidArgument, null,
                $"the audio window must be a positive number of seconds, not {windowSeconds.ToString(CultureInfo.InvariantCulture)} (e.g. 10 for the whole clip)");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        return checked((int)Math.Round(windowSeconds * sampleRate, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// The window of <see cref="SampleCount"/> samples for a frame at <paramref name="frameTimeSeconds"/>.
    /// <list type="bullet">
    /// <item>Clip at least as long as the window: the window starts at round(t × rate) − ⌊L / 2⌋, shifted to lie
    /// inside the clip (so with a 10 s window over a 10 s clip it is the whole clip, whatever the frame time).</item>
    /// <item>Clip shorter than the window: the whole clip is repeated ⌊L / n⌋ + 1 times and the first L samples kept
    /// (EZ-VSL's and SSL-TIE's <c>np.tile</c> then cut), whatever the frame time.</item>
    /// </list>
    /// </summary>
    /// <param name="source">Names the clip in errors (a path or clip id).</param>
    /// <exception cref="AvatarDataException">
    /// FrameTimeOutsideClip when the time is negative or past the clip's end; EmptyAudio when the clip has no samples;
    /// InvalidAudioWindow when the window is not a positive number of seconds.
    /// </exception>
    public static float[] Extract(ReadOnlySpan<float> clip, int sampleRate, double frameTimeSeconds, double windowSeconds, string? source = null)
    {
        var length = SampleCount(windowSeconds, sampleRate);
        if (clip.Length == 0)
        {
            throw new AvatarDataException("EmptyAudio", AvatarErrorKind.InvalidData, source, "the clip's audio has no samples");
        }
        var duration = clip.Length / (double)sampleRate;
        if (!(frameTimeSeconds >= 0 && frameTimeSeconds <= duration))
        {
            throw new AvatarDataException("FrameTimeOutsideClip", AvatarErrorKind.InvalidArgument, source,
                $"the frame time {frameTimeSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s is outside the clip's audio (0 to {duration.ToString("0.###", CultureInfo.InvariantCulture)} s)");
        }
        var window = new float[length];
        if (clip.Length < length)
        {
            for (var filled = 0; filled < length; filled += clip.Length)
            {
                var count = Math.Min(clip.Length, length - filled);
                clip[..count].CopyTo(window.AsSpan(filled));
            }
            return window;
        }
        clip.Slice(Start(clip.Length, sampleRate, frameTimeSeconds, length), length).CopyTo(window);
        return window;
    }

    /// <summary>
    /// The first sample of a window of <paramref name="length"/> samples centred on the frame time and shifted
    /// to lie inside a clip of <paramref name="clipLength"/> samples; 0 when the clip is shorter (it is tiled).
    /// Frames whose windows start at the same sample share one spectrogram.
    /// </summary>
    public static int Start(int clipLength, int sampleRate, double frameTimeSeconds, int length)
    {
        if (clipLength <= length)
        {
            return 0;
        }
        var centre = (long)Math.Round(frameTimeSeconds * sampleRate, MidpointRounding.AwayFromZero);
        return (int)Math.Clamp(centre - (length / 2), 0, clipLength - length);
    }
}
