using System.Collections.Concurrent;
using System.Globalization;

namespace Conversations.Runtime.Storage;

/// <summary>
/// Grain state in process memory with the same ETag semantics as the durable providers. State is kept
/// serialized, so an activation never shares objects with the store.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Record> _records = new();
    private readonly GrainStateSerializer _serializer;
    private long _nextVersion;

    public MemoryGrainStorage(GrainStateSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            grainState.State = _serializer.Deserialize<T>(record.Payload);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = _serializer.Serialize(grainState.State);
        var eTag = NextETag();
        var key = (stateName, grainId);
        var written = new Record(payload, eTag);
        if (grainState.ETag is null)
        {
            if (!_records.TryAdd(key, written))
            {
                throw Conflict(stateName, grainId, _records.TryGetValue(key, out var existing) ? existing.ETag : null, null);
            }
        }
        else if (!_records.TryGetValue(key, out var current) || current.ETag != grainState.ETag || !_records.TryUpdate(key, written, current))
        {
            throw Conflict(stateName, grainId, _records.TryGetValue(key, out var stored) ? stored.ETag : null, grainState.ETag);
        }

        grainState.ETag = eTag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId);
        if (_records.TryGetValue(key, out var current))
        {
            if (current.ETag != grainState.ETag || !_records.TryRemove(new KeyValuePair<(string, GrainId), Record>(key, current)))
            {
                throw Conflict(stateName, grainId, current.ETag, grainState.ETag);
            }
        }
        else if (grainState.ETag is not null)
        {
            throw Conflict(stateName, grainId, null, grainState.ETag);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string NextETag() => Interlocked.Increment(ref _nextVersion).ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? stored, string? current) =>
        new($"Conditional write of state '{stateName}' for {grainId} failed", stored, current);

    private sealed record Record(byte[] Payload, string ETag);
}
