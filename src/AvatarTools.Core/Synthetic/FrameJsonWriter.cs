using System.Buffers;
using System.Text.Json;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Synthetic;

/// <summary>
/// Writes a labelled frame's JSON in the released layout, keys in a fixed order: <c>original_width</c>,
/// <c>original_height</c>, <c>annotations</c> (<c>segmentation</c>, <c>bbox</c>, <c>audio_visual_category</c>,
/// <c>task</c>), then the extra key <c>synthetic_silent_objects</c> (visible objects that do not sound, with their
/// boxes), which AVATAR readers must ignore. Off-Screen annotations carry empty <c>segmentation</c> and <c>bbox</c>
/// or omit them (both forms occur).
/// </summary>
internal static class FrameJsonWriter
{
    public const string SilentObjectsKey = "synthetic_silent_objects";

    public static byte[] Write(ClipPlan plan, PlannedFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("original_width", plan.Width);
            json.WriteNumber("original_height", plan.Height);
            json.WriteStartArray("annotations");
            foreach (var annotation in frame.Annotations)
            {
                json.WriteStartObject();
                if (annotation.Scenario != AvatarScenario.OffScreen || !plan.OmitOffScreenKeys)
                {
                    json.WriteStartArray("segmentation");
                    foreach (var polygon in annotation.Polygons)
                    {
                        WriteNumbers(json, polygon);
                    }
                    json.WriteEndArray();
                    json.WritePropertyName("bbox");
                    WriteNumbers(json, annotation.BoundingBox ?? Array.Empty<double>());
                }
                json.WriteString("audio_visual_category", annotation.Category);
                json.WriteString("task", annotation.Scenario.ToTaskString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray(SilentObjectsKey);
            foreach (var silent in frame.SilentObjects)
            {
                json.WriteStartObject();
                json.WriteString("audio_visual_category", silent.Category);
                json.WritePropertyName("bbox");
                WriteNumbers(json, silent.BoundingBox);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNumbers(Utf8JsonWriter json, double[] values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }
        json.WriteEndArray();
    }
}
