using Conversations.Runtime;

namespace Conversations.Abstractions.Queues;

/// <summary>Finds queue shard grains: the one shard a session waits in, and every shard an agent registers with.</summary>
public static class QueueShards
{
    /// <summary>The shard of <paramref name="queue"/> that <paramref name="sessionId"/> waits in (<see cref="QueueNames.ShardOf"/>).</summary>
    public static IQueueGrain GetQueueShard(this IGrainFactory grainFactory, string queue, string sessionId, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return grainFactory.GetGrain<IQueueGrain>(QueueNames.ShardKey(queue, QueueNames.ShardOf(sessionId, shardCount)));
    }

    /// <summary>The grain keys of all shards of <paramref name="queue"/>.</summary>
    public static IEnumerable<string> KeysOf(string queue, int shardCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return Enumerable.Range(0, shardCount).Select(shard => QueueNames.ShardKey(queue, shard));
    }
}
