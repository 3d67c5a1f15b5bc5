namespace AvatarTools.Core.IO;

/// <summary>The error ids and the noun a reader uses when <see cref="InputFile"/> refuses a file.</summary>
/// <param name="Noun">What the file is, for messages ("heatmap", "image").</param>
/// <param name="NotFoundId">The id when nothing exists at the path, e.g. <c>HeatmapNotFound</c>.</param>
/// <param name="UnreadableId">The id of an I/O error while opening or reading, e.g. <c>HeatmapUnreadable</c>.</param>
/// <param name="TooLargeId">The id when the file is over the size limit, e.g. <c>HeatmapTooLarge</c>.</param>
public sealed record InputFileErrors(string Noun, string NotFoundId, string UnreadableId, string TooLargeId);

/// <summary>
/// Reads one input file for a reader that must never stop or hang on it: anything that is not a regular file (a FIFO,
/// a device, a folder) is refused before it is opened, a file over the size limit before it is read, and every I/O
/// error becomes an <see cref="AvatarDataException"/> naming the file, so the caller reports it and goes on.
/// </summary>
public static class InputFile
{
    /// <summary>The id of the error for a path that is not a regular file.</summary>
    public const string NotARegularFileId = "NotARegularFile";

    /// <summary>The whole content of the regular file at <paramref name="path"/>.</summary>
    /// <exception cref="AvatarDataException">The ids of <paramref name="errors"/>, or <see cref="NotARegularFileId"/>.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes, InputFileErrors errors)
    {
        CheckRegular(path, errors);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            var length = stream.Length;
            if (length > maxBytes)
            {
                throw TooLarge(path, length, maxBytes, errors);
            }
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AvatarDataException(errors.NotFoundId, AvatarErrorKind.NotFound, path, $"the {errors.Noun} file does not exist", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new AvatarDataException(errors.UnreadableId, AvatarErrorKind.ReadError, path,
                $"the {errors.Noun} file became shorter while it was read (is another program writing it?)", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AvatarDataException(errors.UnreadableId, AvatarErrorKind.ReadError, path, $"the {errors.Noun} file cannot be read ({ex.Message})", ex);
        }
    }

    /// <summary>Throws unless <paramref name="path"/> is a regular file (symbolic links to one are followed).</summary>
    /// <exception cref="AvatarDataException"><see cref="InputFileErrors.NotFoundId"/> or <see cref="NotARegularFileId"/>.</exception>
    public static void CheckRegular(string path, InputFileErrors errors)
    {
        var kind = FileKinds.Of(path);
        if (kind == FileKind.Missing)
        {
            throw new AvatarDataException(errors.NotFoundId, AvatarErrorKind.NotFound, path, $"the {errors.Noun} file does not exist");
        }
        if (kind != FileKind.Regular)
        {
            throw NotARegularFile(path, kind, errors.Noun);
        }
    }

    /// <summary>The error for a path of another kind than a regular file.</summary>
    public static AvatarDataException NotARegularFile(string path, FileKind kind, string noun) =>
        new(NotARegularFileId, AvatarErrorKind.InvalidData, path, $"is {FileKinds.Describe(kind)}, not a regular file; a {noun} must be a regular file, so it was not opened");

    private static AvatarDataException TooLarge(string path, long length, long maxBytes, InputFileErrors errors) =>
        new(errors.TooLargeId, AvatarErrorKind.InvalidData, path,
            $"the {errors.Noun} file holds {length} bytes, over the limit of {maxBytes} bytes for a {errors.Noun}, so it was not read");
}
