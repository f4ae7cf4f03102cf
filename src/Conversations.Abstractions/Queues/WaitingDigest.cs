namespace Conversations.Abstractions.Queues;

/// <summary>
/// A compact picture of one queue shard's line, which it shares with the other shards of its queue so each can tell its
/// customers their place in the whole queue: how many wait, and who stands at some ranks — every rank at the front,
/// ever sparser further back — with what ranks them (priority as of <paramref name="At"/>, arrival, id).
/// </summary>
public sealed record WaitingDigest(DateTimeOffset At, int Count, IReadOnlyList<WaitingDigestEntry> Entries)
{
    public static WaitingDigest Empty(DateTimeOffset at) => new(at, 0, []);
}
