namespace AvatarTools.Core;

/// <summary>What went wrong, in a form the PowerShell layer maps to an error record.</summary>
public enum AvatarErrorKind
{
    /// <summary>A file's content is not what the format allows.</summary>
    InvalidData,
    /// <summary>A file or folder is missing.</summary>
    NotFound,
    /// <summary>A value given by the user is outside what is accepted.</summary>
    InvalidArgument,
    /// <summary>A needed external program or resource is unavailable.</summary>
    NotAvailable,
    /// <summary>A file exists but reading it failed (an I/O error, no permission).</summary>
    ReadError,
    /// <summary>Writing a file failed (an I/O error, no permission, a full disk).</summary>
    WriteError,
    /// <summary>An output would replace another output of the same command.</summary>
    Conflict,
}

/// <summary>
/// An error about one piece of input (a file, a value) with a stable id, so a caller can report it
/// and go on with the rest.
/// </summary>
public sealed class AvatarDataException : Exception
{
    public AvatarDataException(string errorId, AvatarErrorKind kind, string? path, string message, Exception? inner = null)
        : base(path is null ? message : $"{path}: {message}", inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Path = path;
    }

    /// <summary>A stable identifier such as <c>InvalidFrameJson</c>.</summary>
    public string ErrorId { get; }

    public AvatarErrorKind Kind { get; }

    /// <summary>The file or folder at fault, when there is one.</summary>
    public string? Path { get; }
}
