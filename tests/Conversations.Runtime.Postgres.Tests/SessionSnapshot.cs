namespace Conversations.Runtime.Postgres.Tests;

/// <summary>A state shaped like the domain's: nested records, collections, unicode text, money and times.</summary>
public sealed record SessionSnapshot(
    string Title,
    CustomerCard Customer,
    IReadOnlyList<TranscriptEvent> Transcript,
    IReadOnlyDictionary<string, int> IntentCounts,
    decimal RefundAmount,
    DateTimeOffset OpenedAt,
    string? Summary);
