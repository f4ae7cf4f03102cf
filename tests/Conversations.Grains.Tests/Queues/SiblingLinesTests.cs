using Conversations.Grains.Queues;
using Conversations.Grains.Queues.Internal;

namespace Conversations.Grains.Tests.Queues;

public sealed class SiblingLinesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    [Fact]
    public void Digest_OfALongLine_IsSmall_ListsTheFrontExactly_AndEndsWithTheLast()
    {
        var digest = SiblingLines.Digest(Line("x", 2000), Now);

        Assert.Equal(2000, digest.Count);
        Assert.InRange(digest.Entries.Count, SiblingLines.ExactRanks, 50);
        Assert.Equal(Enumerable.Range(1, SiblingLines.ExactRanks), digest.Entries.Take(SiblingLines.ExactRanks).Select(e => e.Rank));
        Assert.Equal((2000, "x-1999"), (digest.Entries[^1].Rank, digest.Entries[^1].SessionId));
    }

    [Fact]
    public void Ahead_IsExactNearTheFront_AndWithinAnEighthFurtherBack()
    {
        // Shard 1's line of 2,000 interleaves with ours: its session i arrived just before our session i.
        var siblings = new SiblingLines(shardCount: 2, self: 0);
        siblings.Update(1, SiblingLines.Digest(Line("theirs", 2000), Now), Now);

        for (var i = 0; i < 2100; i++)
        {
            var ahead = siblings.Ahead(_ => 0, ArrivalOf(i).AddTicks(1), $"ours-{i}", Now, MaxAge);

            var truth = Math.Min(i + 1, 2000);
            if (truth < SiblingLines.ExactRanks) Assert.Equal(truth, ahead);
            else Assert.InRange(ahead, truth - (truth / 8) - 1, truth + (truth / 8) + 1);
        }
    }

    [Fact]
    public void Ahead_WeighsPriorityBeforeArrival_AndForgetsLinesGoneQuietOrEmpty()
    {
        var siblings = new SiblingLines(shardCount: 3, self: 0);
        siblings.Update(1, SiblingLines.Digest(Line("calm", 10), Now), Now);
        siblings.Update(2, SiblingLines.Digest(Line("other", 10), Now), Now.AddSeconds(-20));

        // A VIP who arrived last goes before every calm one; a calm latecomer behind all ten. Shard 2's line is too old.
        Assert.Equal(0, siblings.Ahead(_ => QueuePriority.Vip, ArrivalOf(50), "vip", Now, MaxAge));
        Assert.Equal(10, siblings.Ahead(_ => 0, ArrivalOf(50), "late", Now, MaxAge));

        siblings.Update(1, SiblingLines.Digest([], Now), Now);
        Assert.Equal(0, siblings.Ahead(_ => 0, ArrivalOf(50), "late", Now, MaxAge));
    }

    private static DateTimeOffset ArrivalOf(int i) => Now.AddMinutes(-60).AddMilliseconds(i * 100);

    /// <summary>A line of calm sessions (priority 0) in arrival order, a tenth of a second apart.</summary>
    private static List<(WaitingSession Session, int Priority)> Line(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => (new WaitingSession { SessionId = $"{prefix}-{i}", EnqueuedAt = ArrivalOf(i) }, 0))];
}
