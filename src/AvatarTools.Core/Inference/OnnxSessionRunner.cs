using System.Globalization;
using AvatarTools.Core.Heatmaps;
using Microsoft.ML.OnnxRuntime;

namespace AvatarTools.Core.Inference;

/// <summary>Runs a checked model on one batch and returns one heatmap per item.</summary>
public static class OnnxSessionRunner
{
    /// <summary>
    /// Feeds <paramref name="image"/> (the description's image or frames input) and
    /// <paramref name="audio"/> (its audio input), reads the heatmap output ([N, h, w] or [N, 1, h, w])
    /// and returns N heatmaps in batch order. Cancelling the token terminates the run in progress.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="AvatarDataException"><c>ModelRunFailed</c> (InvalidData, path = the model) when ONNX Runtime rejects the batch or the output is not a batch of maps.</exception>
    public static Heatmap[] Run(ModelSession model, InputTensor image, InputTensor audio, CancellationToken cancellationToken = default)
    {
        var (shape, values) = RunRaw(model, image, audio, cancellationToken);
        return Split(model.Path, shape, values, image.BatchSize);
    }

    /// <summary>Runs one batch and returns the output tensor as it is: its shape and its values.</summary>
    public static (long[] Shape, float[] Values) RunRaw(ModelSession model, InputTensor image, InputTensor audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(audio);
        if (image.BatchSize != audio.BatchSize)
        {
            throw new ArgumentException($"The image batch {image} and the audio batch {audio} differ in size.", nameof(audio));
        }
        cancellationToken.ThrowIfCancellationRequested();

        var description = model.Description;
        using var imageValue = OrtValue.CreateTensorValueFromMemory(image.Values, [.. image.Shape]);
        using var audioValue = OrtValue.CreateTensorValueFromMemory(audio.Values, [.. audio.Shape]);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        IDisposableReadOnlyCollection<OrtValue> results;
        try
        {
            results = model.Session.Run(
                runOptions,
                [description.ImageInputName, description.AudioInputName],
                [imageValue, audioValue],
                [model.OutputName]);
        }
        catch (OnnxRuntimeException exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new AvatarDataException(
                "ModelRunFailed",
                AvatarErrorKind.InvalidData,
                model.Path,
                $"ONNX Runtime could not run the batch ({description.ImageInputName} {image}, {description.AudioInputName} {audio}): {exception.Message}",
                exception);
        }
        using (results)
        {
            var output = results[0];
            return (output.GetTensorTypeAndShape().Shape, output.GetTensorDataAsSpan<float>().ToArray());
        }
    }

    internal static Heatmap[] Split(string path, long[] shape, ReadOnlySpan<float> values, long batchSize)
    {
        var isMaps = shape.Length == 3;
        var isChannelMaps = shape.Length == 4 && shape[1] == 1;
        if ((!isMaps && !isChannelMaps) || shape[0] != batchSize)
        {
            throw new AvatarDataException(
                "ModelRunFailed",
                AvatarErrorKind.InvalidData,
                path,
                string.Create(CultureInfo.InvariantCulture, $"The output has shape [{string.Join(", ", shape)}]; expected [{batchSize}, h, w] or [{batchSize}, 1, h, w]."));
        }
        var height = checked((int)shape[^2]);
        var width = checked((int)shape[^1]);
        var size = height * width;
        var maps = new Heatmap[batchSize];
        for (var item = 0; item < maps.Length; item++)
        {
            maps[item] = new Heatmap(height, width, values.Slice(item * size, size).ToArray());
        }
        return maps;
    }
}
