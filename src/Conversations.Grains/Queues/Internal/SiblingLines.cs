using Conversations.Abstractions.Queues;

namespace Conversations.Grains.Queues.Internal;

/// <summary>
/// A shard's view of the other shards of its queue: the latest digest of each one's line, to count the sessions ahead of
/// one of its own in the whole queue; and the digest it shares of its own line.
/// </summary>
/// <remarks>
/// A digest lists every rank up to <see cref="ExactRanks"/>, then ranks growing by a quarter, then the last: about 40
/// entries for 2,000 waiting. A position is therefore exact near the front, where customers read it closely, and off by
/// at most about an eighth further back; it is as old as the digest (a share interval at most).
/// </remarks>
internal sealed class SiblingLines
{
    internal const int ExactRanks = 20;
    private const double RankGrowth = 1.25;

    private readonly (WaitingDigest Digest, DateTimeOffset ReceivedAt)?[] _lines;
    private readonly int _self;

    public SiblingLines(int shardCount, int self)
    {
        _lines = new (WaitingDigest, DateTimeOffset)?[shardCount];
        _self = self;
    }

    /// <summary>Keeps shard <paramref name="shard"/>'s latest digest.</summary>
    public void Update(int shard, WaitingDigest digest, DateTimeOffset now)
    {
        if (shard == _self) return;
        _lines[shard] = digest.Count == 0 ? null : (digest, now);
    }

    /// <summary>
    /// Sessions of the other shards ahead of a session with this arrival and id, whose priority at a digest's time is
    /// <paramref name="priorityAt"/>; digests older than <paramref name="maxAge"/> (a shard gone quiet) are left out.
    /// </summary>
    public int Ahead(Func<DateTimeOffset, int> priorityAt, DateTimeOffset enqueuedAt, string sessionId, DateTimeOffset now, TimeSpan maxAge)
    {
        var ahead = 0;
        foreach (var line in _lines)
        {
            if (line is not { } known || now - known.ReceivedAt > maxAge) continue;
            ahead += AheadIn(known.Digest, priorityAt(known.Digest.At), enqueuedAt, sessionId);
        }

        return ahead;
    }

    /// <summary>The digest of a line ordered first to last (priorities as of <paramref name="at"/>).</summary>
    public static WaitingDigest Digest(IReadOnlyList<(WaitingSession Session, int Priority)> ordered, DateTimeOffset at)
    {
        if (ordered.Count == 0) return WaitingDigest.Empty(at);
        var entries = new List<WaitingDigestEntry>();
        var rank = 1;
        while (true)
        {
            var (session, priority) = ordered[rank - 1];
            entries.Add(new WaitingDigestEntry(rank, session.SessionId, priority, session.EnqueuedAt));
            if (rank == ordered.Count) break;
            rank = rank < ExactRanks ? rank + 1 : Math.Min(ordered.Count, (int)Math.Ceiling(rank * RankGrowth));
        }

        return new WaitingDigest(at, ordered.Count, entries);
    }

    private static int AheadIn(WaitingDigest digest, int priority, DateTimeOffset enqueuedAt, string sessionId)
    {
        // Entries are in line order, so the ones ahead of the session are a prefix: find where it ends.
        var entries = digest.Entries;
        int lo = 0, hi = entries.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            var entry = entries[mid];
            if (QueueOrder.Compare(entry.Priority, entry.EnqueuedAt, entry.SessionId, priority, enqueuedAt, sessionId) < 0) lo = mid + 1;
            else hi = mid;
        }

        if (lo == 0) return 0;
        if (lo == entries.Count) return digest.Count;
        // Somewhere between the last listed rank ahead and the first one not ahead: the middle of that gap.
        return (entries[lo - 1].Rank + entries[lo].Rank - 1) / 2;
    }
}
