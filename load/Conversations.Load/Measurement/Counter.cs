namespace Conversations.Load.Measurement;

/// <summary>Everything the run counts; the names appear in <c>report.json</c> under <c>counters</c>.</summary>
public enum Counter
{
    CustomersConnected,
    AgentsConnected,
    ConnectFailures,
    SessionsStarted,
    SessionsResumed,
    MessagesSent,
    MessagesAcked,
    AcksMarkedDuplicate,
    Retries,
    BotReplies,
    BotReplyTimeouts,
    Handoffs,
    Assignments,
    AssignmentTimeouts,

    /// <summary>Handed-off customers of a saturation run (<c>--rate max</c>) who closed without waiting for an agent.</summary>
    AgentWaitsSkipped,
    OffersReceived,
    OffersAccepted,
    OffersDeclined,
    OffersRevoked,

    /// <summary>Agent calls refused because the offer was revoked or the session ended at that very moment (a race, not an error).</summary>
    RacesLost,

    /// <summary>Retried CloseSession/RateSession answered E_CONFLICT: an earlier attempt had gone through.</summary>
    RetriesFoundDone,

    /// <summary>Transcript reads of the audit refused with E_RATE_LIMITED and retried after a pause (not a load error).</summary>
    AuditThrottled,
    AgentMessagesSent,
    AgentMessagesAcked,
    AgentRepliesDelivered,
    SessionsResolved,
    SessionsClosed,
    Ratings,
    Reconnects,
    GapsRefetched,
    ArrivalsUnserved,
    ConversationsCompleted,
}
