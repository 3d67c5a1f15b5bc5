using Microsoft.ML.OnnxRuntime;

namespace AvatarTools.Core.Inference;

/// <summary>
/// Opens ONNX models with ONNX Runtime on the chosen execution provider and hands each to
/// <see cref="ModelValidator"/> before anything is run, so that a wrong model or a wrong preset fails once,
/// with a message that shows both sides.
/// </summary>
public static class ModelSessionOpener
{
    /// <summary>Opens and checks a model file.</summary>
    /// <exception cref="AvatarDataException">
    /// <c>ModelNotFound</c> (NotFound), <c>InvalidModel</c> (InvalidData: ONNX Runtime cannot load it),
    /// <c>ModelMismatch</c> (InvalidData), <c>ExecutionProviderNotAvailable</c> (NotAvailable).
    /// </exception>
    public static ModelSession Open(string modelPath, ModelDescription description, InferenceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new AvatarDataException("ModelNotFound", AvatarErrorKind.NotFound, modelPath, "The model file does not exist.");
        }
        return Open(modelPath, description, options, sessionOptions => new InferenceSession(modelPath, sessionOptions));
    }

    /// <summary>Opens and checks a built-in model.</summary>
    public static ModelSession Open(BuiltInModel model, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Open(model.OnnxArray, model.Name, model.Description, options);
    }

    /// <summary>Opens and checks a model held in memory; <paramref name="displayName"/> stands for its path in errors.</summary>
    public static ModelSession Open(byte[] model, string displayName, ModelDescription description, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Open(displayName, description, options, sessionOptions => new InferenceSession(model, sessionOptions));
    }

    private static ModelSession Open(string path, ModelDescription description, InferenceOptions? options, Func<SessionOptions, InferenceSession> create)
    {
        ArgumentNullException.ThrowIfNull(description);
        description.Validate();
        options ??= new InferenceOptions();
        using var sessionOptions = CreateSessionOptions(options, out var provider);
        InferenceSession session;
        try
        {
            session = create(sessionOptions);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new AvatarDataException("InvalidModel", AvatarErrorKind.InvalidData, path, $"ONNX Runtime cannot load the model: {exception.Message}", exception);
        }
        try
        {
            var inputs = session.InputMetadata.Select(pair => ModelValidator.Describe(pair.Key, pair.Value)).ToArray();
            var outputs = session.OutputMetadata.Select(pair => ModelValidator.Describe(pair.Key, pair.Value)).ToArray();
            var outputName = ModelValidator.Check(path, description, session.InputMetadata, session.OutputMetadata);
            return new ModelSession(session, path, description, outputName, provider, inputs, outputs);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The session options of a run: its thread count, full graph optimisation, and the execution provider.</summary>
    internal static SessionOptions CreateSessionOptions(InferenceOptions options, out string provider)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads);
        provider = ExecutionProviders.Resolve(options.ExecutionProvider);
        var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        try
        {
            ExecutionProviders.AddTo(sessionOptions, provider, options.DeviceId);
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
        return sessionOptions;
    }
}
