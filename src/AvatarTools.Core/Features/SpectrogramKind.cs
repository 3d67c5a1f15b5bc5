namespace AvatarTools.Core.Features;

/// <summary>The family of audio features a model takes.</summary>
public enum SpectrogramKind
{
    /// <summary>scipy.signal.spectrogram with a log (EZ-VSL, SLAVC, LVS); see <see cref="Spectrogram"/>.</summary>
    Linear,

    /// <summary>torchaudio MelSpectrogram then AmplitudeToDB (SSL-TIE); see <see cref="MelSpectrogram"/>.</summary>
    Mel,

    /// <summary>
    /// The RMS envelope of the audio at the T frame instants of a clip, tensor [N, T], for video-level
    /// models such as the built-in AVSync (see <c>Inference.ClipSampling.Envelope</c>).
    /// </summary>
    Envelope,
}
