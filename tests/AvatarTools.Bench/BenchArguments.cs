using System.Globalization;

namespace AvatarTools.Bench;

/// <summary>The benchmarks' optional positional arguments.</summary>
internal static class BenchArguments
{
    /// <summary>Argument <paramref name="index"/> as an invariant integer, or <paramref name="fallback"/> when it is not given.</summary>
    public static int IntAt(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    /// <summary>Argument <paramref name="index"/> as an invariant integer, or null when it is not given.</summary>
    public static int? OptionalIntAt(string[] args, int index) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : null;
}
