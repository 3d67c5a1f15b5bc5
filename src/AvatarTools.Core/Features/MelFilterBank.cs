namespace AvatarTools.Core.Features;

/// <summary>
/// Triangular mel filters as <c>torchaudio.functional.melscale_fbanks</c> makes them with its defaults
/// (mel_scale='htk', norm=None): n_mels + 2 points equally spaced on the HTK mel scale from f_min to f_max,
/// filter m rising from point m to m + 1 and falling to m + 2, evaluated at the FFT bin frequencies
/// linspace(0, fs / 2, n_fft / 2 + 1), peak 1, no area normalisation.
/// </summary>
public static class MelFilterBank
{
    /// <summary>HTK mel: 2595 · log10(1 + f / 700).</summary>
    public static double HzToMel(double hertz) => 2595.0 * Math.Log10(1.0 + (hertz / 700.0));

    /// <summary>Inverse HTK mel: 700 · (10^(m / 2595) − 1).</summary>
    public static double MelToHz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);

    /// <summary>The n_mels + 2 filter edge frequencies in Hz (point m + 1 is the peak of filter m).</summary>
    public static double[] EdgeFrequencies(int melBands, double minimumHertz, double maximumHertz)
    {
        var low = HzToMel(minimumHertz);
        var high = HzToMel(maximumHertz);
        var edges = new double[melBands + 2];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = MelToHz(low + ((high - low) * i / (melBands + 1)));
        }
        return edges;
    }

    /// <summary>
    /// The filters as [frequency bin, mel band] (row-major, frequencyBins × melBands), like torchaudio's <c>fb</c>.
    /// Bands whose triangle falls between two bins are all zero (torchaudio warns about them; 257 bands over
    /// 257 bins have some).
    /// </summary>
    public static double[] Create(int frequencyBins, int melBands, int sampleRate, double minimumHertz, double maximumHertz)
    {
        var edges = EdgeFrequencies(melBands, minimumHertz, maximumHertz);
        var weights = new double[frequencyBins * melBands];
        var nyquist = sampleRate / 2;
        for (var f = 0; f < frequencyBins; f++)
        {
            var frequency = frequencyBins == 1 ? 0.0 : (double)nyquist * f / (frequencyBins - 1);
            for (var m = 0; m < melBands; m++)
            {
                var down = (frequency - edges[m]) / (edges[m + 1] - edges[m]);
                var up = (edges[m + 2] - frequency) / (edges[m + 2] - edges[m + 1]);
                weights[(f * melBands) + m] = Math.Max(0.0, Math.Min(down, up));
            }
        }
        return weights;
    }
}
