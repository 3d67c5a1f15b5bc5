using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// A group of frames a score row summarises, as data: its kind and its name (the scenario's task string, the category, the
/// clip id or the test list; Total, Off-Screen and Cross-event for the others). <see cref="Label"/> is the group as printed
/// (the rows' <c>Group</c>): Total, Single-Sound, Mixed-Sound, Multi-Entity, Off-Screen, Cross-event,
/// <c>Category:&lt;name&gt;</c>, <c>Video:&lt;clip_id&gt;</c> or <c>TestList:&lt;name&gt;</c>; <see cref="Parse"/> reads it back.
/// Groups sort in the table's order: Total, the scenarios (Single-Sound, Mixed-Sound, Multi-Entity), Off-Screen,
/// Cross-event, then categories, test lists and clips, each by name (ordinal).
/// </summary>
public readonly record struct ScoreGroup(ScoreGroupKind Kind, string Name) : IComparable<ScoreGroup>
{
    private const string CategoryPrefix = "Category:";
    private const string VideoPrefix = "Video:";
    private const string TestListPrefix = "TestList:";

    private static readonly AvatarScenario[] OnScreen = { AvatarScenario.SingleSound, AvatarScenario.MixedSound, AvatarScenario.MultiEntity };

    /// <summary>Every on-screen frame once.</summary>
    public static ScoreGroup Total { get; } = new(ScoreGroupKind.Total, "Total");

    /// <summary>The Off-Screen frames.</summary>
    public static ScoreGroup OffScreen { get; } = new(ScoreGroupKind.OffScreen, AvatarScenario.OffScreen.ToTaskString());

    /// <summary>The on-screen frames of the cross-event clips.</summary>
    public static ScoreGroup CrossEvent { get; } = new(ScoreGroupKind.CrossEvent, "Cross-event");

    /// <summary>The on-screen scenarios in the table's order.</summary>
    public static IReadOnlyList<AvatarScenario> OnScreenScenarios => OnScreen;

    /// <summary>The on-screen frames with an instance of <paramref name="scenario"/>.</summary>
    public static ScoreGroup Scenario(AvatarScenario scenario) => new(ScoreGroupKind.Scenario, scenario.ToTaskString());

    /// <summary>The on-screen frames with an on-screen instance of <paramref name="category"/>.</summary>
    public static ScoreGroup Category(string category) => new(ScoreGroupKind.Category, category);

    /// <summary>The on-screen frames of one clip.</summary>
    public static ScoreGroup Video(string clipId) => new(ScoreGroupKind.Video, clipId);

    /// <summary>The samples of one test list.</summary>
    public static ScoreGroup TestList(string name) => new(ScoreGroupKind.TestList, name);

    /// <summary>The group as printed (the rows' <c>Group</c>).</summary>
    public string Label => Kind switch
    {
        ScoreGroupKind.Category => CategoryPrefix + Name,
        ScoreGroupKind.Video => VideoPrefix + Name,
        ScoreGroupKind.TestList => TestListPrefix + Name,
        _ => Name,
    };

    /// <summary>
    /// The group a printed label names: the prefixes <c>Category:</c>, <c>Video:</c> and <c>TestList:</c> (the name is all
    /// that follows the first colon, so it may hold colons), Total, Off-Screen, Cross-event, and any other label as a scenario.
    /// </summary>
    public static ScoreGroup Parse(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.StartsWith(CategoryPrefix, StringComparison.Ordinal))
        {
            return Category(label[CategoryPrefix.Length..]);
        }
        if (label.StartsWith(VideoPrefix, StringComparison.Ordinal))
        {
            return Video(label[VideoPrefix.Length..]);
        }
        if (label.StartsWith(TestListPrefix, StringComparison.Ordinal))
        {
            return TestList(label[TestListPrefix.Length..]);
        }
        return label switch
        {
            "Total" => Total,
            "Cross-event" => CrossEvent,
            "Off-Screen" => OffScreen,
            _ => new ScoreGroup(ScoreGroupKind.Scenario, label),
        };
    }

    /// <summary>The table's order (see the type's summary).</summary>
    public int CompareTo(ScoreGroup other)
    {
        var byKind = Rank(Kind).CompareTo(Rank(other.Kind));
        if (byKind != 0)
        {
            return byKind;
        }
        if (Kind == ScoreGroupKind.Scenario)
        {
            var byScenario = ScenarioRank(Name).CompareTo(ScenarioRank(other.Name));
            if (byScenario != 0)
            {
                return byScenario;
            }
        }
        return string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>The label.</summary>
    public override string ToString() => Label;

    /// <summary>Before in the table's order.</summary>
    public static bool operator <(ScoreGroup left, ScoreGroup right) => left.CompareTo(right) < 0;

    /// <summary>Before or the same.</summary>
    public static bool operator <=(ScoreGroup left, ScoreGroup right) => left.CompareTo(right) <= 0;

    /// <summary>After in the table's order.</summary>
    public static bool operator >(ScoreGroup left, ScoreGroup right) => left.CompareTo(right) > 0;

    /// <summary>After or the same.</summary>
    public static bool operator >=(ScoreGroup left, ScoreGroup right) => left.CompareTo(right) >= 0;

    private static int Rank(ScoreGroupKind kind) => kind switch
    {
        ScoreGroupKind.Total => 0,
        ScoreGroupKind.Scenario => 1,
        ScoreGroupKind.OffScreen => 2,
        ScoreGroupKind.CrossEvent => 3,
        ScoreGroupKind.Category => 4,
        ScoreGroupKind.TestList => 5,
        ScoreGroupKind.Video => 6,
        _ => 7,
    };

    private static int ScenarioRank(string name)
    {
        for (var i = 0; i < OnScreen.Length; i++)
        {
            if (OnScreen[i].ToTaskString() == name)
            {
                return i;
            }
        }
        return OnScreen.Length;
    }
}
