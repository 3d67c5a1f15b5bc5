using System.Globalization;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AvatarTools.Core.Inference;

/// <summary>
/// Checks an ONNX model's declared inputs and output against a <see cref="ModelDescription"/>, and describes
/// them, with a message that shows both sides when they do not match. <see cref="ModelSessionOpener"/> opens
/// the models; <see cref="ExecutionProviders"/> chooses where they run.
/// </summary>
public static class ModelValidator
{
    /// <summary>The error id of a model whose inputs or output do not match its description.</summary>
    public const string MismatchErrorId = "ModelMismatch";

    /// <summary>Checks declared inputs and outputs against the description; returns the heatmap output's name.</summary>
    internal static string Check(
        string path,
        ModelDescription description,
        IReadOnlyDictionary<string, NodeMetadata> inputs,
        IReadOnlyDictionary<string, NodeMetadata> outputs)
    {
        var problems = new List<string>();
        var expectedImage = ExpectedShape(description.ImageItemShape);
        var expectedAudio = ExpectedShape(description.AudioItemShape);
        CheckInput(inputs, description.ImageInputName, expectedImage, problems);
        CheckInput(inputs, description.AudioInputName, expectedAudio, problems);
        foreach (var name in inputs.Keys)
        {
            if (name != description.ImageInputName && name != description.AudioInputName)
            {
                problems.Add($"input '{name}' is not one the description feeds");
            }
        }

        var outputName = description.OutputName ?? outputs.Keys.FirstOrDefault() ?? string.Empty;
        if (!outputs.TryGetValue(outputName, out var output))
        {
            problems.Add(outputs.Count == 0 ? "the model has no output" : $"output '{outputName}' is missing");
        }
        else
        {
            CheckOutput(description, outputName, output, problems);
        }

        if (problems.Count > 0)
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"The model does not match the description '{description.Name}': {string.Join("; ", problems)}.");
            message.AppendLine().Append("The model has:");
            foreach (var (name, metadata) in inputs)
            {
                message.AppendLine().Append(CultureInfo.InvariantCulture, $"  input  {Describe(name, metadata)}");
            }
            foreach (var (name, metadata) in outputs)
            {
                message.AppendLine().Append(CultureInfo.InvariantCulture, $"  output {Describe(name, metadata)}");
            }
            message.AppendLine().Append("Expected:");
            message.AppendLine().Append(CultureInfo.InvariantCulture, $"  input  {description.ImageInputName}: float [{string.Join(", ", expectedImage.Select(Show))}]");
            message.AppendLine().Append(CultureInfo.InvariantCulture, $"  input  {description.AudioInputName}: float [{string.Join(", ", expectedAudio.Select(Show))}]");
            message.AppendLine().Append(CultureInfo.InvariantCulture, $"  output {description.OutputName ?? "(first output)"}: float {ExpectedOutputText(description)}");
            throw new AvatarDataException(MismatchErrorId, AvatarErrorKind.InvalidData, path, message.ToString());
        }
        return outputName;
    }

    /// <summary>
    /// Why the model cannot take audio items of <paramref name="itemShape"/> (the shape without the batch axis), or null
    /// when it can: each axis the model declares with a fixed size must have that size. The description's own shape is
    /// checked when the model opens; this is for the shapes that depend on the frame (VGG-SS and Flickr-SoundNet samples
    /// get the description's <see cref="ModelDescription.ImageBenchmarkWindowSeconds"/>).
    /// </summary>
    public static string? AudioShapeProblem(ModelSession session, IReadOnlyList<long> itemShape)
    {
        var declared = session.Inputs.FirstOrDefault(input => input.Name == session.Description.AudioInputName)?.Shape;
        if (declared is null || declared.Count != itemShape.Count + 1)
        {
            return null;
        }
        for (var axis = 0; axis < itemShape.Count; axis++)
        {
            if (long.TryParse(declared[axis + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size != itemShape[axis])
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"its audio input '{session.Description.AudioInputName}' is declared [{string.Join(", ", declared)}], with {size} fixed at axis {axis + 1}, and these frames give [N, {string.Join(", ", itemShape)}]");
            }
        }
        return null;
    }

    internal static ModelTensorInfo Describe(string name, NodeMetadata metadata)
    {
        if (!metadata.IsTensor)
        {
            return new ModelTensorInfo(name, metadata.OnnxValueType.ToString(), []);
        }
        var shape = new string[metadata.Dimensions.Length];
        for (var index = 0; index < shape.Length; index++)
        {
            var symbol = index < metadata.SymbolicDimensions.Length ? metadata.SymbolicDimensions[index] : string.Empty;
            shape[index] = metadata.Dimensions[index] >= 0
                ? metadata.Dimensions[index].ToString(CultureInfo.InvariantCulture)
                : string.IsNullOrEmpty(symbol) ? "?" : symbol;
        }
        return new ModelTensorInfo(name, ElementTypeName(metadata.ElementDataType), shape);
    }

    private static void CheckInput(IReadOnlyDictionary<string, NodeMetadata> inputs, string name, long?[] expected, List<string> problems)
    {
        if (!inputs.TryGetValue(name, out var metadata))
        {
            problems.Add($"input '{name}' is missing");
            return;
        }
        if (!metadata.IsTensor || metadata.ElementDataType != TensorElementType.Float)
        {
            problems.Add($"input '{name}' is {Describe(name, metadata).ElementType}, not float");
            return;
        }
        var dimensions = metadata.Dimensions;
        if (dimensions.Length != expected.Length)
        {
            problems.Add($"input '{name}' has rank {dimensions.Length}, not {expected.Length}");
            return;
        }
        for (var axis = 0; axis < expected.Length; axis++)
        {
            if (expected[axis] is { } size && dimensions[axis] >= 0 && dimensions[axis] != size)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"input '{name}' has {dimensions[axis]} at axis {axis}, not {size}"));
            }
        }
    }

    private static void CheckOutput(ModelDescription description, string name, NodeMetadata metadata, List<string> problems)
    {
        if (!metadata.IsTensor || metadata.ElementDataType != TensorElementType.Float)
        {
            problems.Add($"output '{name}' is {Describe(name, metadata).ElementType}, not float");
            return;
        }
        var dimensions = metadata.Dimensions;
        if (IsWholeClip(description))
        {
            // One map per sampled frame: [1, T, h, w].
            if (dimensions.Length != 4)
            {
                problems.Add($"output '{name}' has rank {dimensions.Length}, not {ExpectedOutputText(description)}");
            }
            else if (dimensions[1] >= 0 && dimensions[1] != description.FramesPerClip)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"output '{name}' has {dimensions[1]} maps per clip, not framesPerClip = {description.FramesPerClip}"));
            }
            return;
        }
        var rankOk = description.OutputLayout switch
        {
            HeatmapLayout.Maps => dimensions.Length == 3,
            HeatmapLayout.ChannelMaps => dimensions.Length == 4,
            _ => dimensions.Length is 3 or 4,
        };
        if (!rankOk)
        {
            problems.Add($"output '{name}' has rank {dimensions.Length}, not {ExpectedOutputText(description)}");
            return;
        }
        if (dimensions.Length == 4 && dimensions[1] >= 0 && dimensions[1] != 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"output '{name}' has {dimensions[1]} channels, not 1"));
        }
        if (description.OutputSize is { } side)
        {
            foreach (var axis in new[] { dimensions.Length - 2, dimensions.Length - 1 })
            {
                if (dimensions[axis] >= 0 && dimensions[axis] != side)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"output '{name}' has {dimensions[axis]} at axis {axis}, not {side}"));
                }
            }
        }
    }

    private static string ExpectedOutputText(ModelDescription description)
    {
        var side = description.OutputSize?.ToString(CultureInfo.InvariantCulture);
        var height = side ?? "h";
        var width = side ?? "w";
        if (IsWholeClip(description))
        {
            return string.Create(CultureInfo.InvariantCulture, $"[1, {description.FramesPerClip}, {height}, {width}] (a map per sampled frame)");
        }
        return description.OutputLayout switch
        {
            HeatmapLayout.Maps => $"[N, {height}, {width}]",
            HeatmapLayout.ChannelMaps => $"[N, 1, {height}, {width}]",
            _ => $"[N, {height}, {width}] or [N, 1, {height}, {width}]",
        };
    }

    private static bool IsWholeClip(ModelDescription description) =>
        description.Level == ModelLevel.Video && description.FrameWindow == FrameWindow.WholeClip;

    private static long?[] ExpectedShape(IReadOnlyList<long> itemShape) => [null, .. itemShape.Select(size => (long?)size)];

    private static string Show(long? size) => size?.ToString(CultureInfo.InvariantCulture) ?? "N";

    private static string ElementTypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float",
        TensorElementType.Float16 => "float16",
        TensorElementType.Double => "double",
        TensorElementType.Int64 => "int64",
        TensorElementType.Int32 => "int32",
        TensorElementType.UInt8 => "uint8",
        _ => type.ToString().ToLowerInvariant(),
    };
}
