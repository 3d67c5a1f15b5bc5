using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Synthetic;

/// <summary>The kind of scene a synthetic clip shows (which scenarios its labelled frames get).</summary>
internal enum SceneKind
{
    /// <summary>One visible sounding object (sometimes with a silent object of another category): Single-Sound.</summary>
    Single,
    /// <summary>One sounding object and one or two silent look-alikes: Multi-Entity.</summary>
    MultiEntity,
    /// <summary>Look-alikes that take turns sounding: Multi-Entity, the annotated instance moves.</summary>
    MultiEntitySwitch,
    /// <summary>Two or three visible sounding objects of different categories (one may pause): Mixed-Sound.</summary>
    Mixed,
    /// <summary>Two visible sounding objects and an off-screen source: Mixed-Sound and Off-Screen in every frame.</summary>
    MixedWithOffScreen,
    /// <summary>A visible source plus an off-screen one that stops: Single-Sound + Off-Screen, then Single-Sound.</summary>
    SingleWithOffScreen,
    /// <summary>A visible source pauses while an off-screen one is heard: one Off-Screen frame, not cross-event.</summary>
    OffScreenGap,
    /// <summary>A new visible category appears and sounds later: cross-event.</summary>
    CrossEvent,
    /// <summary>The first labelled frame is Off-Screen only; a visible source starts later: cross-event.</summary>
    CrossEventFromOffScreen,
    /// <summary>Multi-Entity at first, then a new category joins (Mixed-Sound): cross-event.</summary>
    CrossEventMultiEntity,
}

/// <summary>One annotation of a labelled frame, as it goes into the JSON.</summary>
internal sealed record PlannedAnnotation(string Category, AvatarScenario Scenario, IReadOnlyList<double[]> Polygons, double[]? BoundingBox);

/// <summary>A visible object that does not sound at a labelled frame (written under an extra JSON key readers ignore).</summary>
internal sealed record SilentObject(string Category, double[] BoundingBox);

/// <summary>One labelled frame: its index into the clip's video frames and its annotations.</summary>
internal sealed record PlannedFrame(int Index, IReadOnlyList<PlannedAnnotation> Annotations, IReadOnlyList<SilentObject> SilentObjects)
{
    public bool IsOffScreen => Annotations.All(annotation => annotation.Scenario == AvatarScenario.OffScreen);
}

/// <summary>Everything needed to write one clip: canvas, objects, labelled frames.</summary>
internal sealed record ClipPlan(
    int Number,
    string ClipId,
    SceneKind Kind,
    int Width,
    int Height,
    int Seed,
    IReadOnlyList<SceneObject> Objects,
    IReadOnlyList<PlannedFrame> Frames,
    bool OmitOffScreenKeys)
{
    /// <summary>The cross-event rule of the spec: the first frame seeds the seen categories; a later new one makes it cross-event.</summary>
    public bool IsCrossEvent
    {
        get
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Frames.Count; i++)
            {
                foreach (var annotation in Frames[i].Annotations)
                {
                    if (seen.Add(annotation.Category) && i > 0)
                    {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
