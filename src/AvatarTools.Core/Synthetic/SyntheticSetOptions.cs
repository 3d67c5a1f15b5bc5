namespace AvatarTools.Core.Synthetic;

/// <summary>What <see cref="SyntheticSetWriter"/> writes: how many clips, from which seed, and which media.</summary>
/// <param name="ClipCount">Number of clips. 5000 gives the full AVATAR scale (exactly 24,266 labelled frames).</param>
/// <param name="Seed">The seed of every random choice; the same seed and options give byte-identical files.</param>
/// <param name="MetadataOnly">
/// When true, only the frame JSON files and <c>frame_rates.csv</c> are written (no JPEG, WAV, frames or video).
/// The JSON is the same as with media.
/// </param>
/// <param name="FrameRate">Video frame rate in frames per second; labelled frame indices index these frames.</param>
/// <param name="DurationSeconds">Clip length in seconds (audio and video). At least about 5.5 s, so six labelled frames fit 0.7 s apart.</param>
/// <param name="WriteVideo">
/// Whether to encode <c>video/&lt;clip_id&gt;.mp4</c> with ffmpeg: true requires ffmpeg, false never, null when ffmpeg is found.
/// Ignored when <paramref name="MetadataOnly"/> is true; the <see cref="SyntheticLayout.Release"/> layout always writes videos.
/// </param>
/// <param name="Layout">
/// Which files the set holds: <see cref="SyntheticLayout.Extracted"/> (the default) or exactly the download's
/// (<see cref="SyntheticLayout.Release"/>, which needs ffmpeg and cannot be combined with <paramref name="MetadataOnly"/>).
/// </param>
public sealed record SyntheticSetOptions(
    int ClipCount = 12,
    int Seed = 1,
    bool MetadataOnly = false,
    double FrameRate = 10,
    double DurationSeconds = 10,
    bool? WriteVideo = null,
    SyntheticLayout Layout = SyntheticLayout.Extracted)
{
    /// <summary>The sample rate of the written WAV files (16 kHz mono 16-bit PCM).</summary>
    public const int AudioSampleRate = 16_000;
}
