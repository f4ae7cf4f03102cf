using Conversations.Abstractions.Agents;
using Conversations.Runtime;

namespace Conversations.Abstractions.Queues;

/// <summary>
/// One shard of a queue (key: <see cref="QueueNames.ShardKey"/>): waiting sessions by priority, the
/// agents who serve it, offers with accept / decline / expiry and re-offer, overflow, and position
/// updates to waiting customers.
/// </summary>
public interface IQueueGrain : IGrainWithStringKey
{
    Task<QueueTicket> Enqueue(QueueEntry entry);

    /// <summary>The session left (closed, abandoned, transferred): drop it and revoke any offer for it.</summary>
    Task Remove(string sessionId, string reason);

    /// <summary>Raises a waiting session's priority (SLA at risk or breached).</summary>
    Task Escalate(string sessionId, int priorityBoost);

    /// <summary>An agent serving this queue is available with free capacity (or its capacity changed).</summary>
    Task AgentAvailable(AgentCandidate agent);

    Task AgentUnavailable(string agentId);

    /// <summary>The agent accepted the offer: the queue forgets the session. E_CONFLICT if the offer is no longer valid.</summary>
    Task<string> AcceptOffer(string offerId, string agentId);

    Task DeclineOffer(string offerId, string agentId, string? reason);

    /// <summary>How long an agent took with a session of this shard, for the wait estimate (sent when the session ends).</summary>
    Task RecordHandleTime(TimeSpan handleTime);

    [ReadOnly]
    Task<QueueSnapshot> GetSnapshot();
}
