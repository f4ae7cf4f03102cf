using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;

namespace Conversations.Runtime.Storage;

/// <summary>
/// Grain state in process memory with the same ETag semantics as the durable providers. State is kept
/// serialized, so an activation never shares objects with the store. Each grain's bytes are rewritten in place
/// when they fit: a state written every second would otherwise leave a buffer behind per write that lives just
/// long enough to be copied into the older generations of the heap.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

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
            lock (record)
            {
                if (record.ETag is not null)
                {
                    grainState.State = _serializer.Deserialize<T>(record.Payload);
                    grainState.ETag = record.ETag;
                    grainState.RecordExists = true;
                    return Task.CompletedTask;
                }
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(4096);
        scratch.ResetWrittenCount();
        _serializer.Serialize(scratch, grainState.State);
        var eTag = NextETag();
        var key = (stateName, grainId);
        if (grainState.ETag is null)
        {
            var created = new Record(scratch.WrittenSpan, eTag);
            if (!_records.TryAdd(key, created))
            {
                throw Conflict(stateName, grainId, _records.TryGetValue(key, out var existing) ? existing.ETag : null, null);
            }
        }
        else
        {
            if (!_records.TryGetValue(key, out var record)) throw Conflict(stateName, grainId, null, grainState.ETag);
            lock (record)
            {
                if (record.ETag != grainState.ETag) throw Conflict(stateName, grainId, record.ETag, grainState.ETag);
                record.Overwrite(scratch.WrittenSpan, eTag);
            }
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
            lock (current)
            {
                if (current.ETag != grainState.ETag || !_records.TryRemove(new KeyValuePair<(string, GrainId), Record>(key, current)))
                {
                    throw Conflict(stateName, grainId, current.ETag, grainState.ETag);
                }

                // A writer holding this record from before the removal finds no ETag to match.
                current.ETag = null;
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

    /// <summary>One grain's stored state; read and written under its own lock.</summary>
    private sealed class Record(ReadOnlySpan<byte> payload, string eTag)
    {
        private byte[] _buffer = payload.ToArray();
        private int _length = payload.Length;

        /// <summary>The current version, or null once the record was cleared.</summary>
        public string? ETag { get; set; } = eTag;

        public ReadOnlySpan<byte> Payload => _buffer.AsSpan(0, _length);

        public void Overwrite(ReadOnlySpan<byte> payload, string eTag)
        {
            // A quarter more than needed, so a state that grows a little per write does not reallocate every time.
            if (payload.Length > _buffer.Length) _buffer = new byte[payload.Length + (payload.Length / 4)];
            payload.CopyTo(_buffer);
            _length = payload.Length;
            ETag = eTag;
        }
    }
}
