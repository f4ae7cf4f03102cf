using Conversations.Runtime.Cluster;

namespace Conversations.Server.Hosting;

/// <summary>
/// Ends the process (exit code 1) when the cluster declares this silo dead. The silo has already stopped
/// itself; without this the process would live on with a stopped silo, never ready, and a liveness probe
/// on <c>/health/live</c> would never restart it as a new silo.
/// </summary>
public sealed class DeclaredDeadShutdown(ClusterMembership membership, IHostApplicationLifetime lifetime, ILogger<DeclaredDeadShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        membership.LocalSiloDeclaredDead += OnDeclaredDead;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        membership.LocalSiloDeclaredDead -= OnDeclaredDead;
        return Task.CompletedTask;
    }

    private void OnDeclaredDead()
    {
        logger.LogCritical("Silo {Silo} was declared dead by the cluster; the process exits so that it can be restarted as a new silo", membership.LocalSilo);
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }
}
