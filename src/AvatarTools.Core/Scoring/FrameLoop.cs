namespace AvatarTools.Core.Scoring;

/// <summary>Runs a body over frame indices on all cores with per-thread state, reporting throttled progress.</summary>
internal static class FrameLoop
{
    public static void Run<TState>(int count, int? maxDegreeOfParallelism, Func<TState> createState, Action<int, TState> body,
        Action<TState> merge, IProgress<ScoreProgress>? progress, string stage, CancellationToken cancellationToken)
    {
        var done = 0L;
        var gate = new object();
        var options = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount,
        };
        progress?.Report(new ScoreProgress(stage, 0, count));
        Parallel.For(0, count, options, createState,
            (index, loop, state) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(index, state);
                var finished = Interlocked.Increment(ref done);
                if (progress is not null && (finished & 1023) == 0)
                {
                    progress.Report(new ScoreProgress(stage, finished, count));
                }
                return state;
            },
            state =>
            {
                lock (gate)
                {
                    merge(state);
                }
            });
        progress?.Report(new ScoreProgress(stage, count, count));
    }
}
