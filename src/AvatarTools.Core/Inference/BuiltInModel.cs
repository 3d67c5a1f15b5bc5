namespace AvatarTools.Core.Inference;

/// <summary>A model the core builds at run time: its ONNX bytes and the description to feed it.</summary>
public sealed class BuiltInModel
{
    private readonly byte[] _onnx;

    internal BuiltInModel(string name, ModelDescription description, byte[] onnx)
    {
        Name = name;
        Description = description;
        _onnx = onnx;
    }

    public string Name { get; }

    public ModelDescription Description { get; }

    /// <summary>The ONNX model (protobuf bytes).</summary>
    public ReadOnlyMemory<byte> Onnx => _onnx;

    /// <summary>Writes the ONNX model to a file (e.g. to inspect it in Netron).</summary>
    public void Save(string path) => File.WriteAllBytes(path, _onnx);

    internal byte[] OnnxArray => _onnx;

    public override string ToString() => $"{Name} (built-in, {_onnx.Length:N0} bytes)";
}

/// <summary>Parameters of the built-in <c>AVSync</c> model (see <see cref="BuiltInModels.AVSync"/>).</summary>
/// <param name="FramesPerClip">T, the frames of each clip (the graph accepts any T ≥ 3; this is what the description asks the preprocessing for).</param>
/// <param name="FrameSampleRate">Frames per second at which the T frames (and envelope instants) are sampled.</param>
/// <param name="ImageSize">The side of the square frames (H = W); must be a multiple of <paramref name="GridSize"/>.</param>
/// <param name="GridSize">The side of the output heatmap.</param>
/// <param name="VisualEpsilon">Added to the variance of a cell's luminance change (luminance in [0, 1]); cells that barely change score near 0.</param>
/// <param name="AudioEpsilon">Added to the variance of the envelope change (RMS in [−1, 1] sample units); near-constant audio scores near 0 everywhere.</param>
/// <param name="AbsoluteChange">
/// False (default): correlate the signed change of each cell's mean luminance with the signed change of
/// the envelope, so an object that brightens or grows as the sound gets louder scores high and one pulsing
/// in anti-phase scores 0. True: correlate the pooled absolute pixel change |F(t+1) − F(t)| with |Δe|,
/// which responds to motion of either sign but cannot tell anti-phase from in-phase.
/// </param>
public sealed record AVSyncOptions(
    int FramesPerClip = 16,
    double FrameSampleRate = 8,
    int ImageSize = 112,
    int GridSize = 14,
    float VisualEpsilon = 1e-4f,
    float AudioEpsilon = 1e-6f,
    bool AbsoluteChange = false);
