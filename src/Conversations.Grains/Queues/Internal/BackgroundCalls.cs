using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Queues.Internal;

/// <summary>
/// Calls a grain makes without waiting for the answer: notifications whose callee may be calling back
/// into the caller (waiting would deadlock two non-reentrant grains), with failures logged, not lost.
/// </summary>
internal static class BackgroundCalls
{
    public static void Forget(Task call, ILogger logger, string what, string target)
    {
        if (call.IsCompletedSuccessfully) return;
        call.ContinueWith(
            static (task, state) =>
            {
                var (logger, what, target) = ((ILogger, string, string))state!;
                logger.LogWarning(task.Exception?.InnerException, "{Call} to {Target} failed", what, target);
            },
            (logger, what, target),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
