namespace Conversations.Runtime;

/// <summary>A grain's durable state: read at activation, written when the grain says so, guarded by an ETag.</summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    /// <summary>Writes the state; throws <see cref="Storage.InconsistentStateException"/> (and deactivates the grain) if another writer got there first.</summary>
    Task WriteStateAsync();

    Task ClearStateAsync();
}
