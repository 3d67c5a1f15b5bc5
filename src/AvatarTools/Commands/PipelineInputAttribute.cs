using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace AvatarTools.Commands;

/// <summary>
/// Lets input of another type than a pipeline parameter's reach the command as a stand-in, so that the command says once
/// what it accepts ("Measure-AvatarScore takes Localization objects ...; got 58 AvatarFrame objects") instead of the
/// binder printing one InputObjectNotBound error per object. The stand-in is an empty instance of the parameter's type that
/// <see cref="Rejected"/> recognises; the command never uses it as data.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PipelineInputAttribute(Type accepted, string accepts) : ArgumentTransformationAttribute
{
    private static readonly ConditionalWeakTable<object, RejectedInput> StandIns = new();

    /// <summary>What the parameter takes, in words, e.g. "Localization objects (from Invoke-AvatarLocalization or Import-AvatarHeatmap)".</summary>
    public string Accepts { get; } = accepts;

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is null || accepted.IsInstanceOfType(value))
        {
            return inputData;
        }
        var standIn = RuntimeHelpers.GetUninitializedObject(accepted);
        StandIns.Add(standIn, new RejectedInput(inputData!, Accepts));
        return standIn;
    }

    /// <summary>What was given instead of a value of the parameter's type, when <paramref name="value"/> is a stand-in; else null.</summary>
    public static RejectedInput? Rejected(object? value) =>
        value is not null && StandIns.TryGetValue(value, out var rejected) ? rejected : null;
}

/// <summary>An input object of the wrong type, and what the parameter takes.</summary>
internal sealed record RejectedInput(object Value, string Accepts);
