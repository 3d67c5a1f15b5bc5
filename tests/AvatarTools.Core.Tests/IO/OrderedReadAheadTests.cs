using AvatarTools.Core.IO;
using Xunit;

namespace AvatarTools.Core.Tests.IO;

public sealed class OrderedReadAheadTests
{
    [Fact]
    public void HandsOutcomesBackInInputOrderWithErrorsInPlace()
    {
        var random = new Random(4);
        var delays = Enumerable.Range(0, 200).Select(_ => random.Next(3)).ToArray();
        var inFlight = 0;
        var most = 0;
        using var reads = new OrderedReadAhead<int, int, AvatarDataException>((item, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            Thread.Sleep(delays[item]);
            Interlocked.Decrement(ref inFlight);
            return item % 7 == 3 ? throw new AvatarDataException("Bad", AvatarErrorKind.InvalidData, null, $"item {item}") : item * 10;
        }, depth: 5);
        var outcomes = new List<OrderedReadAhead<int, int, AvatarDataException>.Outcome>();
        for (var i = 0; i < delays.Length; i++)
        {
            outcomes.AddRange(reads.Submit(i));
        }
        outcomes.AddRange(reads.Complete());
        Assert.Equal(Enumerable.Range(0, 200), outcomes.Select(outcome => outcome.Input));
        foreach (var outcome in outcomes)
        {
            if (outcome.Input % 7 == 3)
            {
                Assert.Equal($"item {outcome.Input}", outcome.Error!.Message);
            }
            else
            {
                Assert.Equal((outcome.Input * 10, null), (outcome.Result, outcome.Error));
            }
        }
        Assert.InRange(most, 1, 6);
    }

    [Fact]
    public void RethrowsOtherExceptionsWhenTheirItemIsTaken()
    {
        // Item 1 fails only once the gate opens, so it cannot be ready (and taken) while item 0 is handed back.
        using var gate = new ManualResetEventSlim();
        using var reads = new OrderedReadAhead<int, int, AvatarDataException>((item, _) =>
        {
            if (item == 1)
            {
                gate.Wait(TimeSpan.FromSeconds(30));
                throw new InvalidOperationException("boom");
            }
            return item;
        }, depth: 1);
        var taken = reads.Submit(0).Concat(reads.Submit(1)).ToList();
        gate.Set();
        Assert.Throws<InvalidOperationException>(() => reads.Submit(2).Concat(reads.Complete()).ToList());
        Assert.Equal(new[] { 0 }, taken.Select(outcome => outcome.Result));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
