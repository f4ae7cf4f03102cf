namespace Conversations.Server.Tests.Support;

/// <summary>Two servers forming one cluster on PostgreSQL membership, started and waited for until each sees both silos.</summary>
public sealed class TwoServers : IAsyncDisposable
{
    private TwoServers(ServerHost a, ServerHost b)
    {
        A = a;
        B = b;
    }

    public ServerHost A { get; }

    public ServerHost B { get; }

    /// <param name="realBot">Run the shop's bot instead of the scripted one.</param>
    public static async Task<TwoServers> StartAsync(string connectionString, string clusterId, bool realBot = false)
    {
        var a = await ServerHost.StartAsync(ServerHost.ClusterSettings(connectionString, clusterId), realBot: realBot);
        ServerHost? b = null;
        try
        {
            b = await ServerHost.StartAsync(ServerHost.ClusterSettings(connectionString, clusterId), realBot: realBot);
            await a.WaitForSilosAsync(2);
            await b.WaitForSilosAsync(2);
            return new TwoServers(a, b);
        }
        catch
        {
            if (b is not null) await b.DisposeAsync();
            await a.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}
