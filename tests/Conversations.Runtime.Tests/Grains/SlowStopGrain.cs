using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Grains;

public sealed class SlowStopGrain(Probe probe) : Grain, ISlowStopGrain
{
    private readonly string _id = Guid.NewGuid().ToString("N");

    public Task<string> Id() => Task.FromResult(_id);

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal("slow-stop-deactivating", _id);
        await probe.Gate.Task;
    }
}
