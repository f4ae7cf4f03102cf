using Conversations.Runtime.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conversations.Server.Health;

/// <summary>Ready only while this process's silo runs (started, not yet stopping).</summary>
public sealed class SiloHealthCheck(Silo silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(silo.IsRunning
            ? HealthCheckResult.Healthy($"silo {silo.Address} runs {silo.ActivationCount} activations")
            : HealthCheckResult.Unhealthy("the silo is not running"));
}
