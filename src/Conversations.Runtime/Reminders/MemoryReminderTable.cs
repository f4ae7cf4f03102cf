using System.Collections.Concurrent;
using System.Globalization;

namespace Conversations.Runtime.Reminders;

/// <summary>Reminders in process memory: survive deactivation, not a process restart.</summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), ReminderEntry> _rows = new();
    private long _nextVersion;

    public Task InitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReminderEntry> rows = _rows.Values.Where(r => InRange(r.GrainHash, begin, end)).ToList();
        return Task.FromResult(rows);
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReminderEntry> rows = _rows.Values.Where(r => r.GrainId == grainId).ToList();
        return Task.FromResult(rows);
    }

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) ? row : null);

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var eTag = Interlocked.Increment(ref _nextVersion).ToString(CultureInfo.InvariantCulture);
        _rows[(entry.GrainId, entry.ReminderName)] = entry with { ETag = eTag };
        return Task.FromResult(eTag);
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        var key = (grainId, reminderName);
        var removed = _rows.TryGetValue(key, out var row) && row.ETag == eTag
            && _rows.TryRemove(new KeyValuePair<(GrainId, string), ReminderEntry>(key, row));
        return Task.FromResult(removed);
    }

    /// <summary>Whether <paramref name="hash"/> lies in the inclusive range, which wraps when begin &gt; end.</summary>
    public static bool InRange(uint hash, uint begin, uint end) =>
        begin <= end ? hash >= begin && hash <= end : hash >= begin || hash <= end;
}
