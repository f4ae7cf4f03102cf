using Conversations.Abstractions.Push;
using Conversations.Runtime;

namespace Conversations.Abstractions.Sessions;

/// <summary>
/// One conversation (key: session id), the single writer of its transcript, status, SLA clocks,
/// handoff summary and CSAT. Calls from customers and agents name who is calling; the grain refuses
/// (E_FORBIDDEN) anyone the session does not belong or is not assigned to.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Creates the session (idempotent for the same customer): welcome message and quick replies from the bot.</summary>
    Task<SessionSnapshot> Open(SessionOpening opening);

    Task<SessionSnapshot> GetSnapshot();

    /// <summary>Stores a customer message durably (deduplicated by clientMessageId), then lets the bot answer or relays it to the agent.</summary>
    Task<PostResult> PostCustomerMessage(string customerId, string clientMessageId, string text);

    /// <summary>Stores a message of the assigned agent.</summary>
    Task<PostResult> PostAgentMessage(string agentId, string clientMessageId, string text);

    /// <summary>Events after <paramref name="afterSeq"/>, in seq order, at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ConversationEvent>> GetHistory(long afterSeq, int limit);

    /// <summary>The customer asks for a person.</summary>
    Task<SessionStatus> RequestAgent(string customerId, string? reason);

    Task<SessionStatus> Close(string customerId);

    Task Rate(string customerId, int score, string? comment);

    /// <summary>Whether <paramref name="agentId"/> is assigned to, or has a pending offer for, this session.</summary>
    [ReadOnly]
    Task<bool> IsVisibleToAgent(string agentId);

    // ---- from queues and agents ----

    // The queue's notifications are one-way: a queue never waits on a session, so a session waiting on
    // its queue (Enqueue, Remove, Escalate) cannot deadlock with it. They run in the order sent.

    /// <summary>A queue offered the session to an agent (the agent may now see it).</summary>
    [OneWay]
    Task OnOffered(string agentId, string offerId);

    /// <summary>An offer ended without acceptance.</summary>
    [OneWay]
    Task OnOfferEnded(string agentId, string offerId);

    /// <summary>The agent accepted: status assigned, agent_joined for both sides. E_CONFLICT unless queued.</summary>
    Task<AssignmentResult> AssignAgent(string agentId, string agentName, string offerId);

    /// <summary>Position and estimated wait, shown to the waiting customer.</summary>
    [OneWay]
    Task OnQueuePosition(int position, int etaSeconds);

    /// <summary>The queue gave up on the session (no agents serve it any more): back to the bot.</summary>
    [OneWay]
    Task OnQueueAbandoned(string reason);

    /// <summary>
    /// The session now waits in <paramref name="queue"/> (overflow moved it), in shard
    /// <c>QueueNames.ShardOf(sessionId, ShardCount)</c> of that queue; later Remove / Escalate go there.
    /// </summary>
    [OneWay]
    Task OnQueueChanged(string queue);

    Task<SessionStatus> Transfer(string agentId, string queue);

    Task<SessionStatus> Resolve(string agentId, string resolution);

    /// <summary>The agent went offline or away for good: the session goes back to the queue with priority.</summary>
    Task ReleaseAgent(string agentId, string reason);

    // ---- push ----

    Task Subscribe(Subscriber subscriber);

    Task Unsubscribe(string connectionId);

    // ---- the session's own follow-up ----

    /// <summary>
    /// The session's follow-up of the stored customer message <paramref name="seq"/>: the bot's answer,
    /// a queue notice or the agent's response clock. The session sends it to itself, one-way, so the
    /// customer's post is acknowledged as soon as it is durable. Others need not call it.
    /// </summary>
    [OneWay]
    Task ProcessCustomerMessage(long seq, string text);
}
