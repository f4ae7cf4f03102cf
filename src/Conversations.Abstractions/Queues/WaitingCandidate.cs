namespace Conversations.Abstractions.Queues;

/// <summary>
/// A waiting session a queue shard could offer an agent, with what ranks it against every other shard's: higher
/// <paramref name="Priority"/> first, then the longer waiting (earlier <paramref name="EnqueuedAt"/>), then the session id.
/// </summary>
public sealed record WaitingCandidate(string SessionId, int Priority, DateTimeOffset EnqueuedAt);
