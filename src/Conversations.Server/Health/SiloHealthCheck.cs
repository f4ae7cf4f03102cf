using Conversations.Runtime.Cluster;
using Conversations.Runtime.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conversations.Server.Health;

/// <summary>Ready only while this process's silo runs and is an active member of its cluster (joined, not leaving, not declared dead).</summary>
public sealed class SiloHealthCheck(Silo silo, IClusterMembership membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The silo runs from before it joins until it has stopped; membership says whether the cluster counts it in:
        // active once the join finished, out again as soon as it starts leaving (or the others declared it dead).
        if (!silo.IsRunning) return Task.FromResult(HealthCheckResult.Unhealthy("the silo is not running"));
        var view = membership.ActiveSilos;
        if (!view.Contains(membership.LocalSilo))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"silo {membership.LocalSilo} is not an active member of the cluster (joining, leaving or declared dead)"));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"silo {silo.Address} is active among {view.Count} silos and runs {silo.ActivationCount} activations"));
    }
}
