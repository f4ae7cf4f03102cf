namespace Conversations.Abstractions.Sessions;

/// <summary>Kinds of transcript events (PROTOCOL.md "ConversationEvent"), plus this implementation's SLA kinds.</summary>
public static class EventKinds
{
    public const string Message = "message";
    public const string QuickReplies = "quick_replies";
    public const string OrderCard = "order_card";
    public const string Status = "status";
    public const string QueuePosition = "queue_position";
    public const string AgentJoined = "agent_joined";
    public const string AgentLeft = "agent_left";
    public const string CsatRequest = "csat_request";
    public const string Closed = "closed";
    public const string SlaWarning = "sla_warning";
    public const string SlaBreach = "sla_breach";
}
