using AvatarTools.Core.Scoring;
using Xunit;

namespace AvatarTools.Core.Tests.Scoring;

public class BandSelectTests
{
    /// <summary>Ranks of random bands (ties, ±0, negative and huge values, narrow and wide key ranges) against Array.Sort.</summary>
    [Fact]
    public void EveryRankEqualsTheSortedValue()
    {
        var random = new Random(8);
        var select = new BandSelect();
        for (var trial = 0; trial < 400; trial++)
        {
            var count = 1 + random.Next(trial % 4 == 0 ? 20 : 5000);
            var values = new float[count];
            var kind = trial % 5;
            for (var i = 0; i < count; i++)
            {
                values[i] = kind switch
                {
                    0 => random.Next(3) == 0 ? -0f : random.Next(2) == 0 ? 0f : (float)random.NextDouble() * 1e-30f,
                    1 => random.Next(4),
                    2 => (float)((random.NextDouble() * 2) - 1) * 1e30f,
                    3 => 15f + (float)random.NextDouble() * 1e-5f,
                    _ => (float)((random.NextDouble() * 2) - 1) * 33f,
                };
            }
            var sorted = (float[])values.Clone();
            Array.Sort(sorted);
            var low = trial % 3 == 0 ? sorted[0] : sorted[0] - Math.Abs(sorted[0]) - 1f;
            var high = trial % 3 == 0 ? sorted[^1] : sorted[^1] + Math.Abs(sorted[^1]) + 1f;
            foreach (var k in new[] { 0, count / 2, count - 1, random.Next(count) })
            {
                var selected = select.Select(values, k, low, high);
                Assert.True(selected == sorted[k], $"trial {trial}, k {k}: selected {selected:R}, sorted {sorted[k]:R}");
            }
            // Two ranks from one histogram, as the PerFrame sample's bracket takes them (the same bin or two).
            var (first, second) = (random.Next(count), random.Next(count));
            var (lower, upper) = select.SelectTwo(values, first, second, low, high);
            Assert.True(lower == sorted[first] && upper == sorted[second], $"trial {trial}, ranks {first} and {second}: {lower:R}, {upper:R}");
        }
    }
}
