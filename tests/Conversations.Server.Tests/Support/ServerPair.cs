using Conversations.Runtime.Cluster;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Server.Tests.Support;

/// <summary>Two servers forming one cluster on PostgreSQL membership (a fresh database), started and seeing each other.</summary>
public sealed class ServerPair : IAsyncDisposable
{
    private static readonly TimeSpan s_viewDeadline = TimeSpan.FromSeconds(30);

    private ServerPair(PostgresTestDatabase database, ServerHost a, ServerHost b)
    {
        Database = database;
        A = a;
        B = b;
    }

    public PostgresTestDatabase Database { get; }

    public ServerHost A { get; }

    public ServerHost B { get; }

    /// <param name="realBot">Run the shop's bot instead of the scripted one.</param>
    public static async Task<ServerPair> StartAsync(bool realBot = false)
    {
        var database = await PostgresTestDatabase.CreateAsync();
        ServerHost? a = null;
        ServerHost? b = null;
        try
        {
            const string clusterId = "server-pair";
            a = await ServerHost.StartAsync(ServerHost.ClusterSettings(database.ConnectionString, clusterId), realBot: realBot);
            b = await ServerHost.StartAsync(ServerHost.ClusterSettings(database.ConnectionString, clusterId), realBot: realBot);
            await WaitForViewAsync(a, 2);
            await WaitForViewAsync(b, 2);
            return new ServerPair(database, a, b);
        }
        catch
        {
            if (b is not null) await b.DisposeAsync();
            if (a is not null) await a.DisposeAsync();
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until <paramref name="server"/>'s silo sees exactly <paramref name="silos"/> active silos.</summary>
    public static async Task WaitForViewAsync(ServerHost server, int silos)
    {
        var membership = server.Services.GetRequiredService<IClusterMembership>();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (membership.ActiveSilos.Count == silos) reached.TrySetResult();
        }

        membership.ViewChanged += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(s_viewDeadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{membership.LocalSilo} still sees {membership.ActiveSilos.Count} active silos, not {silos}, after {s_viewDeadline.TotalSeconds} s.");
        }
        finally
        {
            membership.ViewChanged -= Check;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
        finally
        {
            await Database.DisposeAsync();
        }
    }
}
