namespace Conversations.Runtime.Reminders;

/// <summary>Durable storage of reminders. Ranges are over <see cref="GrainId.StableHash"/>, inclusive at both ends.</summary>
public interface IReminderTable
{
    /// <summary>Creates what the table needs (idempotent).</summary>
    Task InitAsync(CancellationToken cancellationToken);

    /// <summary>Every reminder whose grain hash lies in [begin, end]; when begin &gt; end the range wraps around.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken);

    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the row; returns its new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes the row if its ETag still matches; returns whether it did.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken);
}
