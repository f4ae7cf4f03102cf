using Conversations.Abstractions.Stats;
using Conversations.Grains.Stats;
using Conversations.Grains.Tests.Queues;
using Conversations.Runtime.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conversations.Grains.Tests.Stats;

public sealed class StatsPublisherTests
{
    [Fact]
    public async Task EveryPeriod_ReportsThisSilosCounters()
    {
        await using var cluster = await StatsGrainTests.StartAsync();
        using var stats = new ConversationStats();
        using var publisher = new StatsPublisher(
            stats, cluster.GrainFactory, cluster.GetService<IClusterMembership>(), cluster.FakeTime, NullLogger<StatsPublisher>.Instance);
        var grain = cluster.GrainFactory.GetClusterStats();
        await publisher.StartAsync(CancellationToken.None);

        stats.SessionStarted();
        var beforeAPeriod = await grain.Report(StatsGrainTests.Elsewhere, StatsCounts.Zero);
        cluster.FakeTime.Advance(StatsPublisher.Period);

        Assert.Equal(1, beforeAPeriod.Silos);
        await RoutingCluster.Eventually(
            async () => (await grain.Report(StatsGrainTests.Elsewhere, StatsCounts.Zero)).Totals.SessionsStarted == 1, "this silo's session reported");
        await publisher.StopAsync(CancellationToken.None);
    }
}
