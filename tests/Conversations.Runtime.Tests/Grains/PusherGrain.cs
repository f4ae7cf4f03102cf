namespace Conversations.Runtime.Tests.Grains;

public sealed class PusherGrain : Grain, IPusherGrain
{
    public Task Push(ISequenceObserver observer, int count)
    {
        for (var i = 1; i <= count; i++) observer.Next(i);
        return Task.CompletedTask;
    }
}
