namespace Conversations.Grains.Queues;

/// <summary>An offer a queue shard made and is waiting on: accepted, declined, or expired at <see cref="ExpiresAt"/>.</summary>
public sealed class PendingOffer
{
    public string OfferId { get; set; } = string.Empty;

    public string SessionId { get; set; } = string.Empty;

    public string AgentId { get; set; } = string.Empty;

    public int Priority { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
