using System.Diagnostics.Metrics;
using Conversations.Grains.Stats;

namespace Conversations.Grains.Tests.Stats;

public sealed class ConversationStatsTests
{
    [Fact]
    public void Snapshot_ReportsCountsAveragesAndContainment()
    {
        using var stats = new ConversationStats();
        stats.SessionStarted();
        stats.SessionStarted();
        stats.SessionStarted();
        stats.SessionEnded(containedByBot: true);
        stats.SessionEnded(containedByBot: false);
        stats.HandoffRequested();
        stats.Queued(3);
        stats.Queued(-1);
        stats.AgentOnline(2);
        stats.FirstResponse(TimeSpan.FromSeconds(20));
        stats.FirstResponse(TimeSpan.FromSeconds(40));
        stats.Handled(TimeSpan.FromMinutes(3));
        stats.SlaBreached();
        stats.CsatRated(5);
        stats.CsatRated(4);

        var snapshot = stats.Snapshot();

        Assert.Equal((1L, 2L, 2L, 3L, 2L), (snapshot.ActiveSessions, snapshot.Queued, snapshot.AgentsOnline, snapshot.SessionsStarted, snapshot.SessionsEnded));
        Assert.Equal(0.5, snapshot.BotContainmentRate);
        Assert.Equal((1L, 1L), (snapshot.Handoffs, snapshot.SlaBreaches));
        Assert.Equal(30_000, snapshot.AvgFirstResponseMs);
        Assert.Equal(180, snapshot.AvgHandleSeconds);
        Assert.Equal((4.5, 2L), (snapshot.CsatAverage, snapshot.CsatRatings));
    }

    [Fact]
    public void TwoSilosCounts_Added_GiveRatesAndAveragesWeightedByEachSilosNumbers()
    {
        using var a = new ConversationStats();
        using var b = new ConversationStats();
        // Silo a ends two sessions, one of which b started (its grain moved): a's own gauge reads -1.
        a.SessionStarted();
        a.SessionEnded(containedByBot: true);
        a.SessionEnded(containedByBot: true);
        a.FirstResponse(TimeSpan.FromSeconds(1));
        a.CsatRated(5);
        for (var i = 0; i < 8; i++) b.SessionStarted();
        for (var i = 0; i < 6; i++) b.SessionEnded(containedByBot: false);
        for (var i = 0; i < 3; i++)
        {
            b.FirstResponse(TimeSpan.FromSeconds(2));
            b.CsatRated(1);
        }

        var cluster = ConversationStatsSnapshot.From(a.Counts().Plus(b.Counts()));

        Assert.Equal((1L, 9L, 8L), (cluster.ActiveSessions, cluster.SessionsStarted, cluster.SessionsEnded));
        Assert.Equal(0.25, cluster.BotContainmentRate);
        Assert.Equal(1_750, cluster.AvgFirstResponseMs);
        Assert.Equal((2.0, 4L), (cluster.CsatAverage, cluster.CsatRatings));
    }

    [Fact]
    public void Empty_ReportsZeros()
    {
        using var stats = new ConversationStats();

        var snapshot = stats.Snapshot();

        Assert.Equal((0, 0, 0, 0), (snapshot.BotContainmentRate, snapshot.AvgFirstResponseMs, snapshot.AvgHandleSeconds, snapshot.CsatAverage));
    }

    [Fact]
    public void CsatRated_OutOfRange_Throws()
    {
        using var stats = new ConversationStats();

        Assert.Throws<ArgumentOutOfRangeException>(() => stats.CsatRated(6));
    }

    [Fact]
    public void Meter_PublishesTheCounters()
    {
        using var stats = new ConversationStats();
        long handoffs = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConversationStats.MeterName && instrument.Name == "conversations.handoffs") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref handoffs, value));
        listener.Start();

        stats.HandoffRequested();
        stats.HandoffRequested();

        Assert.Equal(2, Interlocked.Read(ref handoffs));
    }
}
