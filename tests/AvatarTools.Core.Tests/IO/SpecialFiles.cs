using System.Diagnostics;

namespace AvatarTools.Core.Tests.IO;

/// <summary>Makes the non-regular files readers must refuse: FIFOs (mkfifo), on Unix only.</summary>
internal static class SpecialFiles
{
    /// <summary>Creates a FIFO at <paramref name="path"/>; false where there is no mkfifo (Windows).</summary>
    public static bool TryMakeFifo(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }
        using var process = Process.Start(new ProcessStartInfo("mkfifo", new[] { path }) { UseShellExecute = false })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
