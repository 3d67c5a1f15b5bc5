using System.Runtime.InteropServices;

namespace AvatarTools.Core.IO;

/// <summary>What a path names on the file system, as <c>stat(2)</c> tells it (symbolic links followed).</summary>
public enum FileKind
{
    /// <summary>Nothing exists at the path (or it cannot be seen).</summary>
    Missing,
    /// <summary>A regular file: the only kind the readers open.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A named pipe (FIFO); opening one for reading blocks until a writer comes.</summary>
    Fifo,
    /// <summary>A character device such as <c>/dev/zero</c> (endless) or a terminal.</summary>
    CharacterDevice,
    /// <summary>A block device such as a disk.</summary>
    BlockDevice,
    /// <summary>A Unix domain socket.</summary>
    Socket,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>Tells the <see cref="FileKind"/> of a path without opening it, so a reader can refuse a FIFO before it blocks.</summary>
/// <remarks>
/// .NET reports FIFOs, devices and sockets as ordinary files (<c>FileAttributes.Normal</c>, dotnet/runtime#62868), so on
/// Unix the kind comes from the runtime's own <c>stat</c> shim (<c>SystemNative_Stat</c> in libSystem.Native, which every
/// .NET runtime on Linux and macOS ships and loads); only the <c>Mode</c> field is read. On Windows folders and devices are
/// told apart by their attributes (a named pipe cannot live in a folder there). Should the shim be missing on some future
/// runtime, existing files count as regular.
/// </remarks>
public static partial class FileKinds
{
    private const int TypeMask = 0xF000;
    private static bool _nativeUnavailable;

    /// <summary>The kind of <paramref name="path"/>.</summary>
    public static FileKind Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return FileKind.Missing;
        }
        if (!OperatingSystem.IsWindows() && !_nativeUnavailable)
        {
            try
            {
                if (Stat(path, out var status) != 0)
                {
                    return Fallback(path);
                }
                return (status.Mode & TypeMask) switch
                {
                    0x8000 => FileKind.Regular,
                    0x4000 => FileKind.Directory,
                    0x1000 => FileKind.Fifo,
                    0x2000 => FileKind.CharacterDevice,
                    0x6000 => FileKind.BlockDevice,
                    0xC000 => FileKind.Socket,
                    _ => FileKind.Other,
                };
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _nativeUnavailable = true;
            }
        }
        return Fallback(path);
    }

    /// <summary>A short description of the kind for error messages, e.g. "a named pipe (FIFO)".</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    private static FileKind Fallback(string path)
    {
        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }
        if (!File.Exists(path))
        {
            return FileKind.Missing;
        }
        if (OperatingSystem.IsWindows())
        {
            try
            {
                if ((File.GetAttributes(path) & FileAttributes.Device) != 0)
                {
                    return FileKind.CharacterDevice;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return FileKind.Regular;
            }
        }
        return FileKind.Regular;
    }

    /// <summary>The head of the runtime's <c>FileStatus</c> (pal_io.h: Flags, Mode, ...), padded well past its real size.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out NativeFileStatus status);
}
