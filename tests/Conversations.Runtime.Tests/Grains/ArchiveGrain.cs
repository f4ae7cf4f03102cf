using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Grains;

public sealed class ArchiveGrain([PersistentState("archive", ArchiveGrain.StoreName)] IPersistentState<CounterState> state, Probe probe)
    : Grain, IArchiveGrain
{
    /// <summary>The store this grain's state lives in: not the default one (test clusters register it).</summary>
    public const string StoreName = "archive";

    public async Task<int> Add(int amount)
    {
        state.State.Count += amount;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> Total() => Task.FromResult(state.State.Count);

    public Task<string?> ETag() => Task.FromResult(state.Etag);

    public Task Clear() => state.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"archive-deactivated:{GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }
}
