using System.Collections;
using System.Management.Automation;
using AvatarTools.Core;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Commands;

/// <summary>
/// Lets -Calibration take AvatarCalibration objects (from Measure-AvatarThreshold) or the path of a calibration file (or of a
/// folder holding heatmap_threshold.json), in any mix.
/// </summary>
internal sealed class CalibrationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var result = new List<AvatarCalibration>();
        foreach (var item in Items(inputData))
        {
            switch (item is PSObject wrapped ? wrapped.BaseObject : item)
            {
                case AvatarCalibration calibration:
                    result.Add(calibration);
                    break;
                case string path:
                    var full = CalibrationFile.ResolvePath(engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
                    try
                    {
                        result.AddRange(CalibrationFile.Read(full));
                    }
                    catch (AvatarDataException error)
                    {
                        throw new ArgumentTransformationMetadataException(error.Message, error);
                    }
                    break;
                case System.IO.FileInfo file:
                    result.AddRange(CalibrationFile.Read(file.FullName));
                    break;
                case null:
                    break;
                case var other:
                    throw new ArgumentTransformationMetadataException(
                        $"-Calibration takes AvatarCalibration objects (from Measure-AvatarThreshold) or the path of a calibration file; got {other.GetType().Name}.");
            }
        }
        return result.ToArray();
    }

    private static IEnumerable<object?> Items(object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is string || value is not IEnumerable enumerable)
        {
            yield return value;
            yield break;
        }
        foreach (var item in enumerable)
        {
            yield return item;
        }
    }
}
