namespace Conversations.Grains.Queues;

/// <summary>Where a session went when it overflowed out of a shard, and when.</summary>
public sealed class MovedSession
{
    public string ShardKey { get; set; } = string.Empty;

    public DateTimeOffset MovedAt { get; set; }
}
