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
    OffersReceived,
    OffersAccepted,
    OffersDeclined,
    OffersRevoked,
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
