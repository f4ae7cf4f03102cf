using Conversations.Runtime;

namespace Conversations.Benchmarks.Grains;

public sealed class StatefulGrain([PersistentState("s")] IPersistentState<StatefulState> state) : Grain, IStatefulGrain
{
    public Task<int> Touch()
    {
        state.State.Payload ??= new byte[200];
        return Task.FromResult(state.State.Payload.Length);
    }
}
