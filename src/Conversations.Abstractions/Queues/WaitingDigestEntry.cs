namespace Conversations.Abstractions.Queues;

/// <summary>The session at <paramref name="Rank"/> (1 = first in line) of a shard's <see cref="WaitingDigest"/>.</summary>
public sealed record WaitingDigestEntry(int Rank, string SessionId, int Priority, DateTimeOffset EnqueuedAt);
