using Conversations.Server.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Server.Health;

/// <summary>Ready only when grain storage answers: a round trip to PostgreSQL when it is configured, nothing to check for memory.</summary>
public sealed class StorageHealthCheck(IOptions<ServerOptions> server, IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!server.Value.UsesPostgres) return HealthCheckResult.Healthy("memory storage");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("postgres answers");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // The exception's message, not the connection string: the latter carries a password.
            return HealthCheckResult.Unhealthy($"postgres does not answer: {e.GetType().Name}");
        }
    }
}
