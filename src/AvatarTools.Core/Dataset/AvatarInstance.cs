namespace AvatarTools.Core.Dataset;

/// <summary>An axis-aligned box in original pixel coordinates, as the JSON's <c>[x, y, w, h]</c>.</summary>
public sealed record BoundingBox(double X, double Y, double Width, double Height)
{
    public override string ToString() => FormattableString.Invariant($"[{X}, {Y}, {Width}, {Height}]");
}

/// <summary>One annotated sound-emitting instance of a labelled frame.</summary>
/// <param name="Category">The <c>audio_visual_category</c>, e.g. "playing violin".</param>
/// <param name="Scenario">The instance's task.</param>
/// <param name="BoundingBox">The box, or null when the JSON has none (Off-Screen instances).</param>
/// <param name="Polygons">Polygons as flat <c>x1, y1, x2, y2, …</c> arrays in original pixels; empty for Off-Screen.</param>
public sealed record AvatarInstance(string Category, AvatarScenario Scenario, BoundingBox? BoundingBox, IReadOnlyList<double[]> Polygons)
{
    /// <summary>True for an instance that is visible (any task but Off-Screen).</summary>
    public bool IsOnScreen => Scenario != AvatarScenario.OffScreen;

    public override string ToString() => $"{Category} ({Scenario.ToTaskString()})";
}
