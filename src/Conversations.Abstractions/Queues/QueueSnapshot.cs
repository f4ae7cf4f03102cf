namespace Conversations.Abstractions.Queues;

/// <summary>One shard's state for the ops view and tests.</summary>
public sealed record QueueSnapshot(string ShardKey, int Waiting, int AgentsKnown, int AgentsWithCapacity, int OffersPending, IReadOnlyList<string> WaitingSessions);
