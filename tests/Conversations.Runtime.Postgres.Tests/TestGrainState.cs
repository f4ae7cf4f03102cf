using Conversations.Runtime.Storage;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>What an activation holds of its state: the value, the ETag it last saw and whether a record exists.</summary>
public sealed class TestGrainState<T> : IGrainState<T>
{
    public TestGrainState(T state) => State = state;

    public T State { get; set; }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    /// <summary>A second activation's view: the same ETag and value, as if it had read at the same moment.</summary>
    public TestGrainState<T> Copy() => new(State) { ETag = ETag, RecordExists = RecordExists };
}
