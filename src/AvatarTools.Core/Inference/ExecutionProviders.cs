using Microsoft.ML.OnnxRuntime;

namespace AvatarTools.Core.Inference;

/// <summary>
/// The ONNX Runtime execution providers: which ones this build offers, the canonical name of the one a user
/// asks for, and adding it to a session's options.
/// </summary>
public static class ExecutionProviders
{
    private const string ProviderSuffix = "ExecutionProvider";

    /// <summary>The execution providers this ONNX Runtime build offers, short names (e.g. <c>CPU</c>, <c>CUDA</c>).</summary>
    public static IReadOnlyList<string> Available() =>
        [.. OrtEnv.Instance().GetAvailableProviders().Select(ShortName)];

    /// <summary>
    /// The provider a user asked for (any case, with or without the <c>ExecutionProvider</c> suffix, <c>DirectML</c>
    /// for <c>Dml</c>), spelt as <see cref="Available"/> lists it.
    /// </summary>
    /// <exception cref="AvatarDataException"><c>ExecutionProviderNotAvailable</c> (NotAvailable) when this build lacks it.</exception>
    public static string Resolve(string requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var available = Available();
        var name = Normalise(requested);
        var match = available.FirstOrDefault(candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            throw new AvatarDataException(
                "ExecutionProviderNotAvailable",
                AvatarErrorKind.NotAvailable,
                null,
                $"The execution provider '{requested}' is not in this ONNX Runtime build; available: {string.Join(", ", available)}.");
        }
        return match;
    }

    /// <summary>Adds the provider (a name <see cref="Resolve"/> gave) to the session options; the CPU needs nothing added.</summary>
    /// <exception cref="AvatarDataException"><c>ExecutionProviderNotAvailable</c> (NotAvailable) when it cannot be started.</exception>
    internal static void AddTo(SessionOptions sessionOptions, string provider, int deviceId)
    {
        try
        {
            switch (provider.ToUpperInvariant())
            {
                case "CPU":
                    break;
                case "CUDA":
                    sessionOptions.AppendExecutionProvider_CUDA(deviceId);
                    break;
                case "TENSORRT":
                    sessionOptions.AppendExecutionProvider_Tensorrt(deviceId);
                    break;
                case "DML":
                    sessionOptions.AppendExecutionProvider_DML(deviceId);
                    break;
                case "ROCM":
                    sessionOptions.AppendExecutionProvider_ROCm(deviceId);
                    break;
                case "COREML":
                    sessionOptions.AppendExecutionProvider_CoreML();
                    break;
                default:
                    sessionOptions.AppendExecutionProvider(provider, new Dictionary<string, string>());
                    break;
            }
        }
        catch (Exception exception) when (exception is OnnxRuntimeException or NotSupportedException or EntryPointNotFoundException)
        {
            throw new AvatarDataException(
                "ExecutionProviderNotAvailable",
                AvatarErrorKind.NotAvailable,
                null,
                $"The execution provider '{provider}' could not be started: {exception.Message}",
                exception);
        }
    }

    private static string ShortName(string name) =>
        name.EndsWith(ProviderSuffix, StringComparison.Ordinal) ? name[..^ProviderSuffix.Length] : name;

    private static string Normalise(string name)
    {
        var trimmed = ShortName(name.Trim());
        return trimmed.Equals("DirectML", StringComparison.OrdinalIgnoreCase) ? "Dml" : trimmed;
    }
}
