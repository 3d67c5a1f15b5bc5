namespace AvatarTools.Core.Dataset;

/// <summary>The outcome of reading one labelled frame: the frame, or the error that names its file.</summary>
public readonly record struct FrameRecord(AvatarFrame? Frame, AvatarDataException? Error)
{
    public static FrameRecord Of(AvatarFrame frame) => new(frame, null);

    public static FrameRecord Failed(AvatarDataException error) => new(null, error);
}
