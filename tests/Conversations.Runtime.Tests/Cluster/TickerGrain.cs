namespace Conversations.Runtime.Tests.Cluster;

public sealed class TickerGrain(TickSink sink) : Grain, ITickerGrain, IRemindable
{
    public Task Start(TimeSpan period) => RegisterOrUpdateReminder("tick", period, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        sink.OnTick(GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}
