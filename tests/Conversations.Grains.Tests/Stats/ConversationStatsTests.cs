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
