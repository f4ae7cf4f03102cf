namespace Conversations.Grains.Agents;

/// <summary>A session an agent accepted: where it came from (for the queue's handle-time figures) and since when.</summary>
public sealed class AssignedSession
{
    public string SessionId { get; set; } = string.Empty;

    public string Queue { get; set; } = string.Empty;

    public string OfferId { get; set; } = string.Empty;

    public DateTimeOffset AssignedAt { get; set; }

    /// <summary>The earlier session this one is a repeat contact about, which the agent may read too.</summary>
    public string? PreviousSessionId { get; set; }
}
