using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Grains.Stats;
using Conversations.Runtime.Testing;
using Conversations.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Server.Tests.Api;

/// <summary>Two servers, one cluster (PostgreSQL membership): <c>/api/stats</c> answers for the cluster through either.</summary>
public sealed class StatsClusterTests
{
    /// <summary>With two silos a session lands on either at random; this many make it all but certain both count one.</summary>
    private const int MaxSessions = 40;

    [Fact]
    public async Task SessionsStartedThroughEachSilo_CountInTheTotalsReadFromEither_AndASiloThatStopsIsDropped()
    {
        await using var servers = await ServerPair.StartAsync();
        var (serverA, serverB) = (servers.A, servers.B);

        // Sessions count on the silo their grain lives on: start them through both until each silo counts some.
        var started = 0;
        while (StartedOn(serverA) == 0 || StartedOn(serverB) == 0)
        {
            Assert.True(started < MaxSessions, $"{MaxSessions} sessions all landed on one silo.");
            await using var customer = await (started % 2 == 0 ? serverA : serverB).ConnectCustomerAsync($"c-stats-{started}");
            await ServerHost.StartSessionAsync(customer);
            started++;
        }

        // Each read reports its own silo's figures first; the other's come from its last report, so make that now.
        await serverB.Services.GetRequiredService<StatsPublisher>().PublishAsync();
        var throughA = await StatsAsync(serverA);
        var throughB = await StatsAsync(serverB);

        Assert.Equal((2, started, started), (throughA.Silos, throughA.Started, throughA.Active));
        Assert.Equal((2, started, started), (throughB.Silos, throughB.Started, throughB.Active));

        var countedOnA = StartedOn(serverA);
        await serverB.DisposeAsync();
        await ServerPair.WaitForViewAsync(serverA, 1);
        var afterB = await StatsAsync(serverA);

        Assert.Equal((1, countedOnA), (afterB.Silos, afterB.Started));
    }

    private static long StartedOn(ServerHost server) => server.Services.GetRequiredService<ConversationStats>().Counts().SessionsStarted;

    private static async Task<(int Silos, long Started, long Active)> StatsAsync(ServerHost server)
    {
        using var response = await server.SendAsync(HttpMethod.Get, "/api/stats");
        var stats = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (stats.GetProperty("silos").GetInt32(), stats.GetProperty("sessionsStarted").GetInt64(), stats.GetProperty("activeSessions").GetInt64());
    }
}
