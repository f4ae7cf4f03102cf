namespace Conversations.Load.Measurement;

/// <summary>Values kept per time window for the charts.</summary>
public enum Series
{
    Sent,
    Acked,
    BotReplies,
    Errors,
    Connections,
    Queued,
    ActiveSessions,
    AgentsOnline,
}
