using Conversations.Runtime.Postgres;
using Npgsql;

namespace Conversations.Server.Hosting;

/// <summary>Creates or upgrades the PostgreSQL schema before the silo starts, so a fresh database works on first start.</summary>
internal sealed class PostgresSchemaInitializer(NpgsqlDataSource dataSource, string schema, ILogger<PostgresSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await new PostgresSchema(dataSource, schema).EnsureCreatedAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            // The connection string is left out: it usually carries a password.
            throw new InvalidOperationException(
                $"PostgreSQL storage is configured but the schema could not be ensured ({e.Message}). Check {PostgresOptions.ConnectionStringKey} and that the server is up.", e);
        }

        logger.LogInformation("PostgreSQL schema '{Schema}' is current", schema);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
