namespace Conversations.Abstractions.Sessions;

/// <summary>Where a conversation is: bot → queued → assigned → resolved → closed, or abandoned.</summary>
public enum SessionStatus
{
    Bot,
    Queued,
    Assigned,
    Resolved,
    Closed,
    Abandoned,
}
