using Conversations.Runtime;

namespace Conversations.Benchmarks.Grains;

public sealed class ReminderProbeGrain(LatenessRecorder recorder) : Grain, IReminderProbeGrain, IRemindable
{
    public Task Arm(TimeSpan due, TimeSpan period) => RegisterOrUpdateReminder("probe", due, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        recorder.Record((TimeProvider.GetUtcNow() - status.CurrentTickTime).TotalMilliseconds);
        return Task.CompletedTask;
    }
}
