using Conversations.Abstractions.Sessions;

namespace Conversations.Abstractions.Queues;

/// <summary>A session waiting for an agent, with what decides its priority.</summary>
public sealed record QueueEntry(
    string SessionId,
    HandoffSummary Summary,
    DateTimeOffset EnqueuedAt,
    int PriorityBoost,
    bool Angry,
    bool SlaAtRisk);
