using Conversations.Abstractions.Sessions;

namespace Conversations.Abstractions.Queues;

/// <summary>
/// A session waiting for an agent, with what decides its priority. <paramref name="AvoidAgentId"/> names an agent
/// not to offer it to while anyone else serves the queue (the one who transferred it, or was silent past the SLA).
/// </summary>
public sealed record QueueEntry(
    string SessionId,
    HandoffSummary Summary,
    DateTimeOffset EnqueuedAt,
    int PriorityBoost,
    bool Angry,
    bool SlaAtRisk,
    string? AvoidAgentId = null);
