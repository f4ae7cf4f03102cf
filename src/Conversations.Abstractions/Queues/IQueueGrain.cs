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

    /// <summary>
    /// An agent serving this queue is available with room for <c>FreeCapacity</c> sessions (or its room changed). Returns
    /// up to that many of this shard's waiting sessions the agent may take, first in line first, without offering them:
    /// the agent ranks every shard's answers and claims the best (<see cref="Claim"/>), so priority holds across shards.
    /// Only when the shard has nothing for the agent does it keep the agent's room, to offer new arrivals directly.
    /// </summary>
    Task<IReadOnlyList<WaitingCandidate>> AgentAvailable(AgentCandidate agent);

    /// <summary>
    /// The agent chose this waiting session from the shards' answers to <see cref="AgentAvailable"/>: offer it to the agent
    /// now. False when it no longer waits for an offer (another agent was quicker, or it left) or the agent did not take it.
    /// </summary>
    Task<bool> Claim(string agentId, string sessionId);

    Task AgentUnavailable(string agentId);

    /// <summary>The agent accepted the offer: the queue forgets the session. E_CONFLICT if the offer is no longer valid.</summary>
    Task<string> AcceptOffer(string offerId, string agentId);

    Task DeclineOffer(string offerId, string agentId, string? reason);

    /// <summary>How long an agent took with a session of this shard, for the wait estimate (sent when the session ends).</summary>
    Task RecordHandleTime(TimeSpan handleTime);

    /// <summary>
    /// Shard <paramref name="shard"/> of the same queue shares its line (every <c>PositionShareInterval</c> while sessions
    /// wait there, once more when none do), so this shard counts its sessions ahead in positions and wait estimates.
    /// </summary>
    Task ShareWaiting(int shard, WaitingDigest digest);

    [ReadOnly]
    Task<QueueSnapshot> GetSnapshot();
}
