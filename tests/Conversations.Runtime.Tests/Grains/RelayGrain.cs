using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Grains;

public sealed class RelayGrain([PersistentState("relay")] IPersistentState<RelayState> state, Probe probe) : Grain, IRelayGrain
{
    public Task Point(ICounterGrain target)
    {
        state.State.Target = target;
        return state.WriteStateAsync();
    }

    public Task<int> IncrementTarget() =>
        state.State.Target?.Increment() ?? throw new InvalidOperationException("No target set.");

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"relay-deactivated:{GetPrimaryKey()}");
        return Task.CompletedTask;
    }
}
