using System.Management.Automation;
using AvatarTools.Core;

namespace AvatarTools;

/// <summary>Turns core errors into PowerShell error records with a stable ErrorId and category.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(AvatarDataException error, object? target) =>
        new(error, error.ErrorId, Category(error.Kind), target ?? error.Path)
        {
            ErrorDetails = new ErrorDetails(error.Message),
        };

    public static ErrorCategory Category(AvatarErrorKind kind) => kind switch
    {
        AvatarErrorKind.InvalidData => ErrorCategory.InvalidData,
        AvatarErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        AvatarErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        AvatarErrorKind.NotAvailable => ErrorCategory.ResourceUnavailable,
        AvatarErrorKind.ReadError => ErrorCategory.ReadError,
        AvatarErrorKind.WriteError => ErrorCategory.WriteError,
        AvatarErrorKind.Conflict => ErrorCategory.ResourceExists,
        _ => ErrorCategory.NotSpecified,
    };
}
