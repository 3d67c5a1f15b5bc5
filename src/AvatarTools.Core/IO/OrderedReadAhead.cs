namespace AvatarTools.Core.IO;

/// <summary>
/// Runs a per-item function (a file read) on worker threads a few items ahead of the caller and hands the outcomes back in
/// input order: the caller submits items as they come and takes the outcomes that are ready, without waiting, then waits for
/// the rest at the end. At most <c>depth</c> items are in flight, so memory stays bounded. Errors of type
/// <typeparamref name="TError"/> are outcomes of their item; any other exception is rethrown when its item is taken.
/// </summary>
public sealed class OrderedReadAhead<TInput, TOutput, TError> : IDisposable
    where TError : Exception
{
    private readonly Func<TInput, CancellationToken, TOutput> _work;
    private readonly Queue<(TInput Input, Task<TOutput> Task)> _inFlight = new();
    private readonly int _depth;
    private readonly CancellationTokenSource _cancellation;

    public OrderedReadAhead(Func<TInput, CancellationToken, TOutput> work, int? depth = null, CancellationToken cancellation = default)
    {
        _work = work;
        _depth = Math.Max(1, depth ?? (Environment.ProcessorCount * 4));
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
    }

    /// <summary>One item's outcome: its result, or its error.</summary>
    public readonly record struct Outcome(TInput Input, TOutput? Result, TError? Error);

    /// <summary>Starts the item and returns the outcomes ready now, in input order (waits only when <c>depth</c> items are in flight).</summary>
    public IEnumerable<Outcome> Submit(TInput input)
    {
        var token = _cancellation.Token;
        _inFlight.Enqueue((input, Task.Run(() => _work(input, token), token)));
        var ready = new List<Outcome>();
        while (_inFlight.Count > 0 && (_inFlight.Peek().Task.IsCompleted || _inFlight.Count > _depth))
        {
            ready.Add(Take());
        }
        return ready;
    }

    /// <summary>Waits for the items still in flight and returns their outcomes, in input order.</summary>
    public IEnumerable<Outcome> Complete()
    {
        while (_inFlight.Count > 0)
        {
            yield return Take();
        }
    }

    private Outcome Take()
    {
        var (input, task) = _inFlight.Dequeue();
        try
        {
            return new Outcome(input, task.GetAwaiter().GetResult(), null);
        }
        catch (TError error)
        {
            return new Outcome(input, default, error);
        }
    }

    public void Dispose()
    {
        _cancellation.Cancel();
        foreach (var (_, task) in _inFlight)
        {
            try
            {
                task.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Ended by the cancellation, or failed: nobody takes its outcome any more.
            }
        }
        _inFlight.Clear();
        _cancellation.Dispose();
    }
}
