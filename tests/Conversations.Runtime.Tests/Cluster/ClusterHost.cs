using Conversations.Runtime.Testing;
using Conversations.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>Starts in-process clusters on PostgreSQL (membership, state, reminders) and retries calls the way a client would during failover.</summary>
public static class ClusterHost
{
    public static readonly TimeSpan ViewTimeout = TimeSpan.FromSeconds(20);

    public static async Task<TestSiloCluster> StartAsync(PostgresTestDatabase database, int silos, Probe probe, TickSink sink)
    {
        var cluster = await Clusters.Builder(probe)
            .ConfigureServices(s => s.AddSingleton(sink))
            .UsePostgres(database.ConnectionString)
            .BuildClusterAsync(silos);
        await cluster.WaitForStableViewAsync(ViewTimeout);
        return cluster;
    }

    /// <summary>Retries calls that failed because the cluster was changing (retryable errors), for at most 20 s.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (IsRetryable(exception) && DateTime.UtcNow < giveUp)
            {
                // Client-side backoff between retries, not synchronisation.
                await Task.Delay(50);
            }
        }
    }

    public static bool IsRetryable(Exception exception) =>
        exception is SiloUnavailableException or GrainCallTimeoutException or ActivationFailedException or Storage.InconsistentStateException;

    /// <summary>Keys of <typeparamref name="T"/> grains that <paramref name="owner"/> owns in its current view.</summary>
    public static List<string> KeysOwnedBy<T>(Runtime.Hosting.Silo owner, string prefix, int count) where T : IGrainWithStringKey
    {
        var keys = new List<string>();
        for (var i = 0; keys.Count < count; i++)
        {
            var key = $"{prefix}-{i}";
            if (owner.Owns(owner.GrainFactory.GetGrain<T>(key))) keys.Add(key);
        }

        return keys;
    }
}
