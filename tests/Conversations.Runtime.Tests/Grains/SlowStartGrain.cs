using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Grains;

public sealed class SlowStartGrain(Probe probe) : Grain, ISlowStartGrain
{
    private int _next;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Signal("slow-activating");
        await probe.Gate.Task;
    }

    public Task<int> Next() => Task.FromResult(++_next);
}
