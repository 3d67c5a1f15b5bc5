using System.Reflection;
using System.Runtime.Loader;

namespace AvatarTools.Loader;

/// <summary>
/// The module's own assembly load context. AvatarTools.dll, the core and every third-party library they use
/// (ONNX Runtime, ImageSharp, CsvHelper, Google.Protobuf, MathNet.Numerics, System.Numerics.Tensors) load
/// here from the module's private folder, so a different version of any of them loaded by PowerShell or by
/// another module never meets ours. Assemblies that are not in the private folder (PowerShell itself, the
/// runtime) come from the default context, so the cmdlets share System.Management.Automation with the host.
/// </summary>
public sealed class LoadContext : AssemblyLoadContext
{
    /// <summary>The folder beside this assembly that holds the module's private assemblies.</summary>
    public const string PrivateFolderName = "bin";

    private const string ModuleAssemblyName = "AvatarTools";

    private static readonly object _sync = new();
    private static LoadContext? _instance;

    private readonly string _privateFolder;
    private readonly Assembly _loaderAssembly;
    private readonly AssemblyName _loaderAssemblyName;
    private readonly Assembly _moduleAssembly;

    private LoadContext(string privateFolder)
        : base(name: ModuleAssemblyName, isCollectible: false)
    {
        _privateFolder = privateFolder;
        _loaderAssembly = typeof(LoadContext).Assembly;
        _loaderAssemblyName = _loaderAssembly.GetName();
        _moduleAssembly = LoadFromAssemblyPath(Path.Join(privateFolder, ModuleAssemblyName + ".dll"));
    }

    /// <summary>
    /// Creates the module's load context on the first call and returns the cmdlet assembly loaded in it; later
    /// calls (a second Import-Module, -Force) return the same assembly, because a loaded assembly cannot be
    /// unloaded from a non-collectible context.
    /// </summary>
    public static Assembly Initialize()
    {
        var instance = _instance;
        if (instance is not null)
        {
            return instance._moduleAssembly;
        }

        lock (_sync)
        {
            if (_instance is null)
            {
                var loaderFolder = Path.GetDirectoryName(typeof(LoadContext).Assembly.Location)
                    ?? throw new InvalidOperationException("The location of AvatarTools.Loader.dll is unknown.");
                _instance = new LoadContext(Path.Join(loaderFolder, PrivateFolderName));
            }

            return _instance._moduleAssembly;
        }
    }

    /// <summary>Loads an assembly of the private folder into this context; null lets the default context answer.</summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (AssemblyName.ReferenceMatchesDefinition(_loaderAssemblyName, assemblyName))
        {
            return _loaderAssembly;
        }

        var path = Path.Join(_privateFolder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>Loads a native library (libonnxruntime) of the private folder for the assemblies of this context.</summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var fileName in NativeFileNames(unmanagedDllName))
        {
            var path = Path.Join(_privateFolder, fileName);
            if (File.Exists(path))
            {
                return LoadUnmanagedDllFromPath(path);
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>The file names a DllImport name may have on this platform: onnxruntime → libonnxruntime.so.</summary>
    private static IEnumerable<string> NativeFileNames(string name)
    {
        yield return name;
        var (prefix, extension) = OperatingSystem.IsWindows() ? ("", ".dll")
            : OperatingSystem.IsMacOS() ? ("lib", ".dylib")
            : ("lib", ".so");
        var withExtension = name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? name : name + extension;
        yield return withExtension;
        if (prefix.Length > 0 && !Path.GetFileName(withExtension).StartsWith(prefix, StringComparison.Ordinal))
        {
            yield return prefix + withExtension;
        }
    }
}
