namespace Conversations.Runtime.Reminders;

/// <summary>One durable reminder row: which grain, its name, when it first fires and how often after that.</summary>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset StartAt, TimeSpan Period, string? ETag = null)
{
    /// <summary>The grain's stable hash, by which reminder ranges are owned.</summary>
    public uint GrainHash => GrainId.StableHash();
}
