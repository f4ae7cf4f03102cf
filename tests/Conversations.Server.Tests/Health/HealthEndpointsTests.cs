using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Postgres;
using Conversations.Runtime.Testing;
using Conversations.Server.Health;
using Conversations.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Conversations.Server.Tests.Health;

public sealed class HealthEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Live_AnswersWithoutAuth()
    {
        using var response = await Server.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_ReportsTheSiloAndStorage()
    {
        var (status, checks) = await ReadyAsync(Server);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", checks.GetProperty("silo").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_WhileTheSiloRunsButHasNotJoinedItsCluster_IsUnhealthy_AndHealthyOnceJoined()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        const string clusterId = "ready-join-test";
        // An active member that answers no probe (nothing listens on its port) holds the join back until it is gone.
        var table = new PostgresMembershipTable(dataSource, clusterId);
        await table.InitAsync(CancellationToken.None);
        var silent = new SiloAddress("127.0.0.1", ServerHost.FreePort(), 1);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await table.TryWriteAsync(new MembershipEntry(silent, SiloStatus.Active, now, now, []), (await table.ReadAllAsync(CancellationToken.None)).Version, CancellationToken.None));

        var logs = new CapturingLoggerProvider();
        var settings = ServerHost.ClusterSettings(database.ConnectionString, clusterId);
        settings["Conversations:Cluster:JoinTimeout"] = "00:01:00";
        await using var server = ServerHost.Create(settings, logs: logs);
        var starting = server.StartListeningAsync();
        await logs.WaitForAsync(l => l.Contains("cannot reach active silo(s)", StringComparison.Ordinal));

        var joining = await ReadyReportAsync(server);
        Assert.True(server.Services.GetRequiredService<Silo>().IsRunning, "the silo runs while it joins");
        Assert.Equal(HealthStatus.Unhealthy, joining.Status);
        Assert.Equal(HealthStatus.Unhealthy, joining.Entries["silo"].Status);

        var snapshot = await table.ReadAllAsync(CancellationToken.None);
        Assert.True(await table.TryWriteAsync(snapshot.Find(silent)! with { Status = SiloStatus.Dead }, snapshot.Version, CancellationToken.None));
        await starting.WaitAsync(TimeSpan.FromSeconds(30));

        var (status, checks) = await ReadyAsync(server);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", checks.GetProperty("silo").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_WhileStorageDoesNotAnswer_IsUnavailable_AndReadyWhenItAnswersAgain()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = TcpRelay.Start(direct.Port);
        // No pool: every check opens a connection, so none cut by the outage is handed out after it.
        var throughRelay = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Pooling = false };
        await using var server = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Conversations:Storage"] = "postgres",
            ["ConnectionStrings:Postgres"] = throughRelay.ConnectionString,
        });
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(server)).Status);

        await relay.DownAsync();
        var (downStatus, downChecks) = await ReadyAsync(server);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, downStatus);
        Assert.Equal("unhealthy", downChecks.GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("healthy", downChecks.GetProperty("silo").GetProperty("status").GetString());

        relay.Up();
        var (upStatus, upChecks) = await ReadyAsync(server);
        Assert.Equal(HttpStatusCode.OK, upStatus);
        Assert.Equal("healthy", upChecks.GetProperty("storage").GetProperty("status").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Checks)> ReadyAsync(ServerHost server)
    {
        using var response = await server.Http.GetAsync("/health/ready");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, report.GetProperty("checks"));
    }

    /// <summary>What /health/ready would answer, asked of the host directly: before the host listens there is no HTTP to ask.</summary>
    private static Task<HealthReport> ReadyReportAsync(ServerHost server) =>
        server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains(HealthEndpoints.ReadyTag));
}
