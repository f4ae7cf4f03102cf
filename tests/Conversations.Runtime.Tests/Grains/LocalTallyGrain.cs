using Conversations.Runtime.Hosting;

namespace Conversations.Runtime.Tests.Grains;

[PreferLocalPlacement]
public sealed class LocalTallyGrain(Silo silo) : Grain, ILocalTallyGrain
{
    private int _count;

    public Task<(string Silo, int Count)> Add() => Task.FromResult((silo.Address.ToString(), ++_count));

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
