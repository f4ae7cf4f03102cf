namespace Conversations.Runtime.Cluster;

/// <summary>A membership table in this process's memory, for in-process clusters and tests.</summary>
public sealed class MemoryMembershipTable : IMembershipTable
{
    private readonly object _lock = new();
    private readonly Dictionary<SiloAddress, MembershipEntry> _entries = [];
    private long _version;

    /// <summary>Raised after a conditional write succeeded (tests wait on it instead of polling the table).</summary>
    public event Action<MembershipEntry>? EntryWritten;

    public Task InitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(new MembershipSnapshot(_version, _entries.Values.ToList()));
    }

    public Task<bool> TryWriteAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (_version != expectedVersion) return Task.FromResult(false);
            _version++;
            _entries[entry.Silo] = entry;
        }

        EntryWritten?.Invoke(entry);
        return Task.FromResult(true);
    }

    public Task HeartbeatAsync(SiloAddress silo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(silo, out var entry)) _entries[silo] = entry with { HeartbeatAt = at };
        }

        return Task.CompletedTask;
    }
}
