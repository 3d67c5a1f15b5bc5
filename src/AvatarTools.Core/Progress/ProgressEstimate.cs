namespace AvatarTools.Core.Progress;

/// <summary>
/// The percentage and time left of a long job from what is done, the total and the time spent so far: the time left is
/// the time spent so far scaled to the items left (a constant rate), rounded up to whole seconds. Unknown values are -1,
/// as <c>Write-Progress</c> takes them.
/// </summary>
/// <param name="PercentComplete">0 to 100; -1 when the total is not known.</param>
/// <param name="SecondsRemaining">Whole seconds left; -1 when the total is not known or nothing is done yet.</param>
/// <param name="ItemsPerSecond">The rate so far; 0 before anything is done.</param>
public readonly record struct ProgressEstimate(int PercentComplete, int SecondsRemaining, double ItemsPerSecond)
{
    /// <summary>The estimate for <paramref name="done"/> of <paramref name="total"/> items (total 0 or less: unknown) after <paramref name="elapsed"/>.</summary>
    public static ProgressEstimate Of(long done, long total, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0);
        var rate = done > 0 && seconds > 0 ? done / seconds : 0;
        if (total <= 0)
        {
            return new ProgressEstimate(-1, -1, rate);
        }
        var clamped = Math.Clamp(done, 0, total);
        var percent = (int)(100 * clamped / total);
        if (clamped == 0 || seconds <= 0)
        {
            return new ProgressEstimate(percent, -1, rate);
        }
        var left = seconds * (total - clamped) / clamped;
        return new ProgressEstimate(percent, (int)Math.Min(Math.Ceiling(left), int.MaxValue), rate);
    }
}
