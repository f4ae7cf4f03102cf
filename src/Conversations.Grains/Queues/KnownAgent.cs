namespace Conversations.Grains.Queues;

/// <summary>
/// A queue shard's view of an agent who serves it. Free capacity is the agent's last word, lowered here for
/// each offer this shard makes; the agent's own check on <c>ReceiveOffer</c> is what counts.
/// </summary>
public sealed class KnownAgent
{
    public string AgentId { get; set; } = string.Empty;

    public List<string> Skills { get; set; } = [];

    public List<string> Languages { get; set; } = [];

    public int FreeCapacity { get; set; }

    public DateTimeOffset IdleSince { get; set; }
}
