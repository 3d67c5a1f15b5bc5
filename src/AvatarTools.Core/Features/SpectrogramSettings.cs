using AvatarTools.Core.Media;

namespace AvatarTools.Core.Features;

/// <summary>
/// How a model's audio input is made: window length, STFT geometry and the number of output bands.
/// </summary>
/// <param name="Kind">Linear (scipy) or mel (torchaudio) spectrogram.</param>
/// <param name="SampleRate">The audio rate in Hz (16000 for every preset).</param>
/// <param name="WindowSeconds">The audio cut around the frame (10 = the whole AVATAR clip); see <see cref="AudioWindow"/>.</param>
/// <param name="FftLength">FFT length (scipy's nfft = nperseg, torchaudio's n_fft).</param>
/// <param name="WindowLength">Analysis window length in samples (scipy's nperseg, torchaudio's win_length).</param>
/// <param name="Hop">Samples between frames (scipy's nperseg − noverlap, torchaudio's hop_length).</param>
/// <param name="Bands">Output rows: FftLength / 2 + 1 frequency bins (Linear) or mel bands (Mel).</param>
public sealed record SpectrogramSettings(SpectrogramKind Kind, int SampleRate, double WindowSeconds, int FftLength, int WindowLength, int Hop, int Bands)
{
    /// <summary>EZ-VSL / SLAVC with AVATAR's 10 s of global audio: nperseg 512, noverlap 274; output [1, 257, 671].</summary>
    public static SpectrogramSettings EzVsl { get; } = new(SpectrogramKind.Linear, 16000, 10, 512, 512, 238, 257);

    /// <summary>SSL-TIE: 10 s, n_fft 512, hop 239, 257 mel bands; output [1, 257, 670].</summary>
    public static SpectrogramSettings SslTie { get; } = new(SpectrogramKind.Mel, 16000, 10, 512, 512, 239, 257);

    /// <summary>Samples of overlap between frames (scipy's noverlap): WindowLength − Hop.</summary>
    public int Overlap => WindowLength - Hop;

    /// <summary>The samples in one audio window: round(WindowSeconds × SampleRate).</summary>
    public int SampleCount => AudioWindow.SampleCount(WindowSeconds, SampleRate);

    /// <summary>
    /// Frames for <paramref name="sampleCount"/> samples: ⌊(n − Overlap) / Hop⌋ for Linear (scipy, no padding),
    /// 1 + ⌊n / Hop⌋ for Mel (torch.stft with center=True).
    /// </summary>
    public int FrameCount(int sampleCount) => Kind == SpectrogramKind.Linear
        ? (sampleCount < WindowLength ? 0 : (sampleCount - Overlap) / Hop)
        : 1 + (sampleCount / Hop);

    /// <summary>The output shape for <paramref name="sampleCount"/> samples: [1, Bands, frames].</summary>
    public int[] Shape(int sampleCount) => [1, Bands, FrameCount(sampleCount)];

    /// <summary>The output shape for one window of <see cref="SampleCount"/> samples.</summary>
    public int[] Shape() => Shape(SampleCount);

    /// <summary>Throws <see cref="ArgumentException"/> when the parameters do not describe a computable spectrogram.</summary>
    public void Validate()
    {
        if (SampleRate <= 0 || Hop <= 0 || FftLength <= 1 || Bands <= 0 || WindowLength <= 0 || WindowLength > FftLength || !(WindowSeconds > 0))
        {
            throw new ArgumentException($"invalid spectrogram settings: {this}");
        }
        if (Kind == SpectrogramKind.Linear && (Bands != (FftLength / 2) + 1 || WindowLength != FftLength || Hop > WindowLength))
        {
            throw new ArgumentException($"a linear spectrogram needs WindowLength = FftLength, Hop ≤ WindowLength and Bands = FftLength / 2 + 1: {this}");
        }
    }
}
