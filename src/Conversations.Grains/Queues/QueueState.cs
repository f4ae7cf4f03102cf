namespace Conversations.Grains.Queues;

/// <summary>The persisted state of one queue shard: who waits, what is offered to whom, who serves it.</summary>
public sealed class QueueState
{
    public List<WaitingSession> Waiting { get; set; } = [];

    public List<PendingOffer> Offers { get; set; } = [];

    public List<KnownAgent> Agents { get; set; } = [];

    /// <summary>Sessions that overflowed to another queue, so a late Remove or Escalate still reaches them.</summary>
    public Dictionary<string, MovedSession> Moved { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Since when no agent serves this shard while sessions wait (they go back to the bot after a grace period).</summary>
    public DateTimeOffset? NoAgentsSince { get; set; }

    public int HandledCount { get; set; }

    public double HandledSeconds { get; set; }
}
