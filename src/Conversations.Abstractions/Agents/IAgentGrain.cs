using Conversations.Abstractions.Push;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime;

namespace Conversations.Abstractions.Agents;

/// <summary>
/// One agent (key: agent id): presence, skills, capacity, active sessions and pending offers; pushes
/// offers, assignments and the events of their sessions to all of the agent's connections.
/// </summary>
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Admin: name, default skills, languages and capacity.</summary>
    Task SetProfile(AgentProfile profile);

    /// <summary>Online and available; registers with the queue shards of every skill and language. Returns the sessions still assigned.</summary>
    Task<AgentSnapshot> GoOnline(AgentPresence presence);

    /// <summary>Available or away (away: no new offers; assigned sessions stay).</summary>
    Task<AgentStatus> SetAvailability(AgentStatus status);

    /// <summary>Offline: no offers, pending offers declined, assigned sessions released back to their queues.</summary>
    Task<AgentStatus> GoOffline();

    [ReadOnly]
    Task<AgentSnapshot> GetSnapshot();

    Task Connect(Subscriber subscriber);

    Task Disconnect(string connectionId);

    // ---- offers (from queues) ----

    /// <summary>A queue offers a session; false when the agent cannot take it (away, offline, full) and the queue should try another.</summary>
    Task<bool> ReceiveOffer(Offer offer);

    /// <summary>The queue withdrew an offer (expired, or the session left the queue).</summary>
    Task RevokeOffer(string offerId, string reason, bool expired);

    /// <summary>
    /// Fills the agent's free room with the best waiting sessions across every shard of every queue it serves (the agent
    /// sends it to itself whenever room frees up; calls while one runs make it look once more).
    /// </summary>
    Task LookForWork();

    // ---- the agent's own actions (from the agent hub) ----

    Task<AssignmentResult> AcceptOffer(string offerId);

    Task DeclineOffer(string offerId, string? reason);

    Task<PostResult> SendMessage(string sessionId, string clientMessageId, string text);

    Task<SessionStatus> TransferSession(string sessionId, string queue);

    Task<SessionStatus> ResolveSession(string sessionId, string resolution);

    /// <summary>
    /// Whether the agent may read the session: it is assigned or offered to the agent, or it is the earlier session that
    /// one of those is a repeat contact about.
    /// </summary>
    [ReadOnly]
    Task<bool> CanSee(string sessionId);

    // ---- from sessions ----

    /// <summary>An event of an assigned session, to push to the agent's connections.</summary>
    Task DeliverEvent(ConversationEvent conversationEvent);

    /// <summary>
    /// The session no longer needs this agent. <paramref name="handled"/>: it ended with this agent (resolved, or closed by
    /// the customer), so it counts in the agent's handle-time figures as in the session's; a transfer or a session taken
    /// back (agent silent past the SLA) frees the place without counting.
    /// </summary>
    Task OnSessionEnded(string sessionId, TimeSpan handleTime, bool handled);
}
