using Conversations.Runtime.Reminders;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>The reminder conformance suite against the reference table.</summary>
public sealed class MemoryReminderTableTests : ReminderTableConformanceTests
{
    protected override IReminderTable Table { get; } = new MemoryReminderTable();
}
