using System.Reflection;
using System.Reflection.Emit;
using AvatarTools.Core.Heatmaps;
using Xunit;

namespace AvatarTools.Core.Tests;

/// <summary>
/// The core's folders follow the data's journey, and a stage may use only the stages before it, so there is
/// no cycle between them. Read from the compiled core (signatures and method bodies), so a fully qualified
/// name or a name seen through the parent namespace counts as much as a <c>using</c>.
/// </summary>
public sealed class CoreLayeringTests
{
    /// <summary>
    /// The stages in the order a stage may use them: each may use the ones above it, never one below.
    /// The root namespace (<c>AvatarTools.Core</c>: the shared exception) comes first and uses none.
    /// IO and Progress (the time-left estimate) are plumbing every stage may use. Benchmarks (the VGG-SS and
    /// Flickr-SoundNet readers) make the same frames as Dataset, from their own annotation files. Heatmaps, the contract a model's output is written in
    /// (<c>Heatmap</c>, <c>Localization</c>) and its storage, comes before Inference, which produces it.
    /// Synthetic sits beside the journey: it may use any stage, and none uses it.
    /// </summary>
    private static readonly string[] Order =
    [
        "",
        "IO",
        "Progress",
        "Dataset",
        "Benchmarks",
        "Media",
        "Features",
        "Heatmaps",
        "Inference",
        "Scoring",
        "Reports",
        "Synthetic",
    ];

    [Fact]
    public void StagesUseOnlyTheStagesBeforeThem()
    {
        var core = typeof(AvatarDataException).Assembly;
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in core.GetTypes())
        {
            var from = StageOf(type);
            if (from is null)
            {
                continue;
            }
            foreach (var used in TypesUsedBy(type))
            {
                var to = StageOf(used);
                if (to is null || to == from || used.HasElementType)
                {
                    continue;
                }
                if (Rank(to) > Rank(from))
                {
                    violations.Add($"{Outermost(type).FullName} ({Show(from)}) uses {used.FullName} ({Show(to)})");
                }
            }
        }
        Assert.True(violations.Count == 0, "Imports against the data's journey:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void EveryStageIsInTheOrder()
    {
        var stages = typeof(AvatarDataException).Assembly.GetTypes().Select(StageOf).OfType<string>().Distinct();
        Assert.All(stages, stage => Assert.Contains(stage, Order));
    }

    [Fact]
    public void TheHeatmapContractKnowsNothingOfItsStorage()
    {
        // Heatmap and Localization are what a model's output is; the .npy files are one way to keep it.
        Type[] storage = [typeof(HeatmapStore), typeof(HeatmapWriter), typeof(NpyReader), typeof(NpyWriter)];
        foreach (var contract in new[] { typeof(Heatmap), typeof(Localization) })
        {
            Assert.Empty(TypesUsedBy(contract).Intersect(storage));
        }
        // Nor do the stages after the heatmaps reach into the storage: they take the contract.
        var core = typeof(AvatarDataException).Assembly;
        var users = core.GetTypes()
            .Where(type => StageOf(type) is "Inference" or "Scoring" or "Reports")
            .Where(type => TypesUsedBy(type).Intersect(storage).Any())
            .Select(type => type.FullName);
        Assert.Empty(users);
    }

    [Fact]
    public void TheScanSeesACallInAMethodBody()
    {
        // A stage used only inside a method body (no using, no signature) must still be seen, or the scan could not fail.
        var used = TypesUsedBy(typeof(Probe)).Select(type => type.FullName).ToList();
        Assert.Contains(typeof(Core.Media.Mp4Info).FullName, used);
    }

    private static class Probe
    {
        public static object? Read(string path) => Core.Media.Mp4Info.TryReadFrameRate(path);
    }

    private static int Rank(string stage) => Array.IndexOf(Order, stage) is var index and >= 0 ? index : int.MaxValue;

    private static string Show(string stage) => stage.Length == 0 ? "AvatarTools.Core" : stage;

    /// <summary>The stage of a core type (its namespace's first segment after <c>AvatarTools.Core</c>), or null outside the core.</summary>
    private static string? StageOf(Type type)
    {
        type = Outermost(type);
        if (type.Assembly != typeof(AvatarDataException).Assembly || type.Namespace is not { } ns)
        {
            return null;
        }
        if (ns == "AvatarTools.Core")
        {
            return "";
        }
        const string prefix = "AvatarTools.Core.";
        return ns.StartsWith(prefix, StringComparison.Ordinal) ? ns[prefix.Length..].Split('.')[0] : null;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type;
    }

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every type named in the type's signatures, attributes and method bodies.</summary>
    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || !found.Add(t))
            {
                return;
            }
            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }
            if (t.IsGenericType)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }

        Add(type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Add(contract);
        }
        foreach (var attribute in type.GetCustomAttributesData())
        {
            Add(attribute.AttributeType);
        }
        foreach (var field in type.GetFields(Everything))
        {
            Add(field.FieldType);
        }
        foreach (var property in type.GetProperties(Everything))
        {
            Add(property.PropertyType);
        }
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }
            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }
            foreach (var used in TypesInBody(method))
            {
                Add(used);
            }
        }
        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    /// <summary>The types a method body names: its locals and every type, method and field token in its IL.</summary>
    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            yield break;
        }
        foreach (var local in body.LocalVariables)
        {
            yield return local.LocalType;
        }
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }
            var code = OpCodesByValue[value];
            var operand = position;
            position += OperandSize(code.OperandType, il, position);
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, operand);
                MemberInfo? member;
                try
                {
                    member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    member = null;
                }
                switch (member)
                {
                    case Type named:
                        yield return named;
                        break;
                    case MemberInfo { DeclaringType: { } owner }:
                        yield return owner;
                        break;
                }
            }
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int position) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, position),
        _ => 4,
    };
}
