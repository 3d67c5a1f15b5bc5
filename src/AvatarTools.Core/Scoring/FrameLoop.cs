using System.Runtime.ExceptionServices;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// Runs a body over frame indices on all cores: one worker per core, each with its own state created once and merged
/// once, pulling small chunks of frames; throttled progress; cancellation between frames.
/// </summary>
internal static class FrameLoop
{
    private const int ChunkSize = 8;

    public static void Run<TState>(int count, int? maxDegreeOfParallelism, Func<TState> createState, Action<int, TState> body,
        Action<TState> merge, IProgress<ScoreProgress>? progress, string stage, CancellationToken cancellationToken)
    {
        var workers = Math.Max(1, Math.Min(maxDegreeOfParallelism ?? Environment.ProcessorCount, (count + ChunkSize - 1) / ChunkSize));
        long next = 0;
        long done = 0;
        var gate = new object();
        progress?.Report(new ScoreProgress(stage, 0, count));
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ =>
            {
                var state = createState();
                while (true)
                {
                    var start = Interlocked.Add(ref next, ChunkSize) - ChunkSize;
                    if (start >= count)
                    {
                        break;
                    }
                    var end = (int)Math.Min(count, start + ChunkSize);
                    for (var index = (int)start; index < end; index++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        body(index, state);
                    }
                    var finished = Interlocked.Add(ref done, end - start);
                    if (progress is not null && (finished / 1024) != ((finished - (end - start)) / 1024))
                    {
                        progress.Report(new ScoreProgress(stage, finished, count));
                    }
                }
                lock (gate)
                {
                    merge(state);
                }
            });
        }
        catch (AggregateException exception) when (exception.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
        }
        progress?.Report(new ScoreProgress(stage, count, count));
    }
}
