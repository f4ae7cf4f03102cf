using Conversations.Abstractions.Stats;
using Conversations.Grains.Stats;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Grains.Tests.Stats;

public sealed class StatsGrainTests
{
    /// <summary>A silo that is never in the test cluster's view: it counts only while it is the one reporting.</summary>
    internal static readonly SiloAddress Elsewhere = new("10.0.0.9", 11111, 1);

    [Fact]
    public async Task Totals_AddTheLatestReportOfEachLiveSilo_AndDropASiloThatIsNotInTheView()
    {
        await using var cluster = await StartAsync();
        var grain = cluster.GrainFactory.GetClusterStats();
        var local = cluster.GetService<IClusterMembership>().LocalSilo;

        await grain.Report(local, Started(1));
        await grain.Report(local, Started(2));
        var withElsewhere = await grain.Report(Elsewhere, Started(10));
        var withoutElsewhere = await grain.Report(local, Started(3));

        Assert.Equal((2, 12L), (withElsewhere.Silos, withElsewhere.Totals.SessionsStarted));
        Assert.Equal((1, 3L), (withoutElsewhere.Silos, withoutElsewhere.Totals.SessionsStarted));
    }

    [Fact]
    public async Task ASiloThatStopsReporting_IsDroppedAfterTheSilenceLimit()
    {
        await using var cluster = await StartAsync();
        var grain = cluster.GrainFactory.GetClusterStats();
        await grain.Report(cluster.GetService<IClusterMembership>().LocalSilo, Started(1));

        cluster.FakeTime.Advance(StatsGrain.SilenceLimit);
        var atTheLimit = await grain.Report(Elsewhere, Started(10));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));
        var pastTheLimit = await grain.Report(Elsewhere, Started(10));

        Assert.Equal((2, 11L), (atTheLimit.Silos, atTheLimit.Totals.SessionsStarted));
        Assert.Equal((1, 10L), (pastTheLimit.Silos, pastTheLimit.Totals.SessionsStarted));
    }

    internal static Task<TestCluster> StartAsync() =>
        new TestClusterBuilder()
            .UseFakeTime()
            .ConfigureServices(services => services.AddSingleton(new GrainClassRegistration(typeof(StatsGrain))))
            .BuildAndStartAsync();

    private static StatsCounts Started(long sessions) => StatsCounts.Zero with { SessionsStarted = sessions };
}
