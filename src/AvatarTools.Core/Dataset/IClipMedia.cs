namespace AvatarTools.Core.Dataset;

/// <summary>
/// Where a clip's media is: what a benchmark reader knows about the files behind its clips. The media
/// sources and the preprocessor work through this interface only, never through one layout class, so a
/// new benchmark adds a reader that implements it.
/// </summary>
/// <remarks>
/// Files named here belong to the user's dataset and are only ever read; whatever is derived from them
/// (decoded audio, frames) goes to a cache outside the dataset.
/// </remarks>
public interface IClipMedia
{
    /// <summary>The full path of the collection's root folder; it identifies the collection (cache entries are kept per root).</summary>
    string Root { get; }

    /// <summary>The clip's video file (with its sound track), or null when the collection has none for it.</summary>
    string? VideoFile(string clipId);

    /// <summary>Audio the user extracted already (a WAV file), or null when there is none.</summary>
    string? AudioFile(string clipId);

    /// <summary>
    /// A folder of the clip's video frames the user extracted already (<c>&lt;index, 5 digits&gt;.jpg</c>, one per
    /// video frame from 0), or null when there is none.
    /// </summary>
    string? FramesFolder(string clipId);

    /// <summary>The clip's frame rate as the collection states it (a table, or a probe the reader was given), or null.</summary>
    double? FrameRate(string clipId);

    /// <summary>The video frame indices the collection labels in the clip, ascending (the frames a model is asked about).</summary>
    IReadOnlyList<int> LabelledFrames(string clipId);
}
