namespace AvatarTools.Core.Dataset;

/// <summary>The four AVATAR scenarios, in the order the paper reports them.</summary>
public enum AvatarScenario
{
    SingleSound = 0,
    MixedSound = 1,
    MultiEntity = 2,
    OffScreen = 3,
}

/// <summary>Maps the task strings of the released JSON to <see cref="AvatarScenario"/> and back.</summary>
public static class ScenarioNames
{
    /// <summary>The task strings the official code accepts, in scenario order.</summary>
    public static readonly IReadOnlyList<string> TaskStrings = new[] { "Single-Sound", "Mixed-Sound", "Multi-Entity", "Off-Screen" };

    public static bool TryParseTask(string? task, out AvatarScenario scenario)
    {
        switch (task)
        {
            case "Single-Sound": scenario = AvatarScenario.SingleSound; return true;
            case "Mixed-Sound": scenario = AvatarScenario.MixedSound; return true;
            case "Multi-Entity": scenario = AvatarScenario.MultiEntity; return true;
            case "Off-Screen": scenario = AvatarScenario.OffScreen; return true;
            default: scenario = default; return false;
        }
    }

    /// <summary>The task string of the JSON (and the group name of the paper's table).</summary>
    public static string ToTaskString(this AvatarScenario scenario) => TaskStrings[(int)scenario];
}
