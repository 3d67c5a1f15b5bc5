// The benchmarks behind `build.ps1 -Task Bench`. Each benchmark is a class with a Run method;
// `dotnet run -- <name> [args]` runs one, no argument runs all.
using AvatarTools.Bench;

var benchmarks = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["scoring"] = ScoringBenchmark.Run,
    ["preprocessing"] = PreprocessingBenchmark.Run,
    ["media"] = MediaBenchmark.Run,
    ["bootstrap"] = BootstrapBenchmark.Run,
    ["protocols"] = ProtocolBenchmark.Run,
    ["kernels"] = KernelBenchmark.Run,
};

if (args.Length > 0 && !benchmarks.ContainsKey(args[0]))
{
    Console.Error.WriteLine($"Unknown benchmark '{args[0]}'; known: {string.Join(", ", benchmarks.Keys)}");
    return 2;
}
var exit = 0;
foreach (var (name, run) in benchmarks)
{
    if (args.Length == 0 || string.Equals(args[0], name, StringComparison.OrdinalIgnoreCase))
    {
        exit |= run(args.Skip(1).ToArray());
    }
}
return exit;

namespace AvatarTools.Bench
{
    internal static class BenchmarkNames
    {
    }
}
