namespace AvatarTools.Core.Synthetic;

/// <summary>Which files a synthetic set holds.</summary>
public enum SyntheticLayout
{
    /// <summary>
    /// The released files plus what a user would have extracted from them: <c>audio/&lt;clip_id&gt;.wav</c>,
    /// <c>frames/&lt;clip_id&gt;/&lt;index&gt;.jpg</c>, <c>frame_rates.csv</c>, and <c>video/&lt;clip_id&gt;.mp4</c> when ffmpeg is there.
    /// </summary>
    Extracted,

    /// <summary>
    /// Exactly what the AVATAR download holds: <c>metadata/&lt;clip_id&gt;/&lt;frame&gt;.json</c> and <c>.jpg</c>, and
    /// <c>video/video/&lt;clip_id&gt;.mp4</c> (H.264 with AAC sound); nothing else. Needs ffmpeg.
    /// </summary>
    Release,
}
