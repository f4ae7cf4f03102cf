namespace Conversations.Grains.Queues.Internal;

/// <summary>
/// The one order of waiting sessions, within a shard and across shards and queues: higher priority first, then the
/// longer waiting, then by session id (so two shards never disagree on who goes first).
/// </summary>
internal static class QueueOrder
{
    /// <summary>Negative when the first session goes before the second.</summary>
    public static int Compare(int priority, DateTimeOffset enqueuedAt, string sessionId, int otherPriority, DateTimeOffset otherEnqueuedAt, string otherSessionId)
    {
        var byPriority = otherPriority.CompareTo(priority);
        if (byPriority != 0) return byPriority;
        var byWait = enqueuedAt.CompareTo(otherEnqueuedAt);
        return byWait != 0 ? byWait : string.CompareOrdinal(sessionId, otherSessionId);
    }
}
