using System.Runtime.CompilerServices;
using AvatarTools.Core.Media;

namespace AvatarTools.Core.Tests;

/// <summary>
/// Keeps the tests out of the user's real media cache: unless the run sets it, the cache's environment
/// variable points at a temporary folder of this test process, deleted when the process ends.
/// </summary>
internal static class TestEnvironment
{
    [ModuleInitializer]
    internal static void UseTemporaryMediaCache()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(MediaCacheFolder.EnvironmentVariable)))
        {
            return;
        }
        var folder = Path.Combine(Path.GetTempPath(), $"avatartools-test-cache-{Environment.ProcessId}");
        Environment.SetEnvironmentVariable(MediaCacheFolder.EnvironmentVariable, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        };
    }
}
