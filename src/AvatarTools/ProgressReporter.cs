using System.Diagnostics;
using System.Management.Automation;
using AvatarTools.Core.Progress;

namespace AvatarTools;

/// <summary>
/// Throttled progress for a long command: at most a few updates a second, with rate and time left,
/// and always completed (call <see cref="Complete"/> in a finally block).
/// </summary>
internal sealed class ProgressReporter
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly Cmdlet _cmdlet;
    private readonly ProgressRecord _record;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = -Interval;
    private bool _shown;

    public ProgressReporter(Cmdlet cmdlet, int activityId, string activity, string unit = "frames")
    {
        _cmdlet = cmdlet;
        Unit = unit;
        _record = new ProgressRecord(activityId, activity, "Starting...");
    }

    public string Unit { get; }

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> (total 0 or less: unknown).</summary>
    public void Report(long done, long total, string? current = null)
    {
        var now = _clock.Elapsed;
        if (now - _last < Interval)
        {
            return;
        }
        _last = now;
        var estimate = ProgressEstimate.Of(done, total, now);
        var status = total > 0 ? $"{done} of {total} {Unit}, {estimate.ItemsPerSecond:F0}/s" : $"{done} {Unit}, {estimate.ItemsPerSecond:F0}/s";
        _record.StatusDescription = status;
        _record.CurrentOperation = current;
        _record.PercentComplete = estimate.PercentComplete;
        _record.SecondsRemaining = estimate.SecondsRemaining;
        _record.RecordType = ProgressRecordType.Processing;
        _cmdlet.WriteProgress(_record);
        _shown = true;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a worker thread and reports what <paramref name="poll"/> says on this
    /// (the pipeline) thread until it ends. Exceptions of the work are rethrown as they are. When the pipeline stops
    /// meanwhile (Ctrl+C), the work, which watches the command's cancellation, is waited for, so that it has cleaned up
    /// before the stop goes on and nothing runs on after the command.
    /// </summary>
    public T Run<T>(Func<T> work, Func<(long Done, long Total, string? Current)> poll)
    {
        var task = Task.Run(work);
        try
        {
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(100))
            {
                var (done, total, current) = poll();
                Report(done, total, current);
            }
        }
        finally
        {
            if (!task.IsCompleted)
            {
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            }
        }
        return task.GetAwaiter().GetResult();
    }

    public void Complete()
    {
        if (!_shown)
        {
            return;
        }
        _record.RecordType = ProgressRecordType.Completed;
        try
        {
            _cmdlet.WriteProgress(_record);
        }
        catch (Exception ex) when (ex is PipelineStoppedException or InvalidOperationException)
        {
            // The pipeline is gone; nothing left to tell.
        }
        _shown = false;
    }
}
