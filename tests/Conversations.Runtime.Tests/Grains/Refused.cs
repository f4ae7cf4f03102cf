namespace Conversations.Runtime.Tests.Grains;

/// <summary>
/// Grain classes a silo must refuse to host. They are nested in a generic class because AddGrains(assembly) skips
/// open generic types: registered with the other test grains, any one of them would stop every test silo from starting.
/// Register one as <c>Refused&lt;int&gt;.ZeroAgeGrain</c>.
/// </summary>
public static class Refused<TMarker>
{
    [CollectionAgeLimit]
    public sealed class ZeroAgeGrain : Grain;

    [CollectionAgeLimit(Minutes = 1, Seconds = -90)]
    public sealed class NegativeAgeGrain : Grain;

    public sealed class PlainStateParameterGrain([PersistentState("plain")] CounterState state) : Grain
    {
        public int Count => state.Count;
    }

    public sealed class UnknownStoreGrain([PersistentState("counter", "nowhere")] IPersistentState<CounterState> state) : Grain
    {
        public int Count => state.State.Count;
    }
}
