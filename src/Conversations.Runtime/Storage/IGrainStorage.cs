namespace Conversations.Runtime.Storage;

/// <summary>
/// A grain state store. Writes and clears are conditional on the ETag the caller last read: a mismatch
/// throws <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public interface IGrainStorage
{
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);

    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);

    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);
}
