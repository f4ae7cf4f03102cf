namespace Conversations.Grains.Queues;

/// <summary>
/// A queue shard's view of an agent who serves it. Free capacity is the room the agent left this shard to offer new
/// arrivals directly (its last word when the shard had nothing for it; none while the agent chooses among shards),
/// lowered here for each offer this shard makes; the agent's own check on <c>ReceiveOffer</c> is what counts.
/// </summary>
public sealed class KnownAgent
{
    public string AgentId { get; set; } = string.Empty;

    public List<string> Skills { get; set; } = [];

    public List<string> Languages { get; set; } = [];

    public int FreeCapacity { get; set; }

    public DateTimeOffset IdleSince { get; set; }
}
