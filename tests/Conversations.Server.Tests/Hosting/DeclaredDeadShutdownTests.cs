using Conversations.Runtime.Cluster;
using Conversations.Runtime.Testing;
using Conversations.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Conversations.Server.Tests.Hosting;

/// <summary>A server whose silo the cluster declares dead stops the whole process, so it can be restarted as a new silo.</summary>
public sealed class DeclaredDeadShutdownTests
{
    [Fact]
    public async Task SiloDeclaredDead_StopsTheApplication_WithExitCodeOne()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await ServerHost.StartAsync(ServerHost.ClusterSettings(database.ConnectionString, "declared-dead-test"));
        var lifetime = server.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        var silo = server.Services.GetRequiredService<ClusterMembership>().LocalSilo;
        var table = server.Services.GetRequiredService<IMembershipTable>();
        try
        {
            // What the other silos write when their votes agree that this one is gone.
            var snapshot = await table.ReadAllAsync(CancellationToken.None);
            Assert.True(await table.TryWriteAsync(snapshot.Find(silo)! with { Status = SiloStatus.Dead }, snapshot.Version, CancellationToken.None));

            await stopping.Task.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(1, Environment.ExitCode);
        }
        finally
        {
            // The exit code belongs to the test process: leave it as it was.
            Environment.ExitCode = 0;
        }
    }
}
