using Conversations.Runtime.Storage;

namespace Conversations.Runtime.Internal;

/// <summary>The runtime's <see cref="IPersistentState{TState}"/>: a named state of one activation in one store.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IGrainState<TState>, IStateLoader
{
    private static readonly Func<TState> s_createDefault = DefaultFactory();
    private readonly ActivationData _activation;
    private readonly string _stateName;
    private readonly IGrainStorage _storage;

    public PersistentState(ActivationData activation, string stateName, IGrainStorage storage)
    {
        _activation = activation;
        _stateName = stateName;
        _storage = storage;
        State = default!; // set by ReadStateAsync, which the runtime runs before the grain sees its state
    }

    public TState State { get; set; }

    public string? Etag => ETag;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public async Task ReadStateAsync()
    {
        var started = _activation.Runtime.Instruments.StorageTimestamp();
        await _storage.ReadStateAsync(_stateName, _activation.Id, this);
        if (!RecordExists) State = s_createDefault();
        _activation.Runtime.Instruments.OnStorage("read", _stateName, started);
    }

    public async Task WriteStateAsync()
    {
        var started = _activation.Runtime.Instruments.StorageTimestamp();
        try
        {
            await _storage.WriteStateAsync(_stateName, _activation.Id, this);
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote newer state: this one is stale and must not live on.
            _activation.StartDeactivation(DeactivationReason.InconsistentState);
            throw;
        }

        _activation.Runtime.Instruments.OnStorage("write", _stateName, started);
    }

    public async Task ClearStateAsync()
    {
        var started = _activation.Runtime.Instruments.StorageTimestamp();
        try
        {
            await _storage.ClearStateAsync(_stateName, _activation.Id, this);
        }
        catch (InconsistentStateException)
        {
            _activation.StartDeactivation(DeactivationReason.InconsistentState);
            throw;
        }

        State = s_createDefault();
        _activation.Runtime.Instruments.OnStorage("clear", _stateName, started);
    }

    private static Func<TState> DefaultFactory()
    {
        var type = typeof(TState);
        if (type.IsValueType || type.GetConstructor(Type.EmptyTypes) is null) return static () => default!;
        return static () => Activator.CreateInstance<TState>();
    }
}
