using Conversations.Runtime.Postgres.Internal;
using Npgsql;

namespace Conversations.Runtime.Postgres;

/// <summary>
/// Creates and upgrades the providers' tables: numbered scripts per component, recorded in
/// <c>conversations_schema_version</c>, applied in one transaction under an advisory lock so that silos
/// starting together neither race nor apply a script twice.
/// </summary>
public sealed class PostgresSchema
{
    public const string VersionTable = "conversations_schema_version";

    // Advisory locks are per database; one fixed key serialises every silo's migration of any schema.
    private const long MigrationLockKey = 0x636F_6E76_5F73_6368; // "conv_sch"

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _quotedSchema;

    public PostgresSchema(NpgsqlDataSource dataSource, string schemaName = PostgresOptions.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _quotedSchema = PostgresIdentifier.QuoteSchema(schemaName);
        _dataSource = dataSource;
        SchemaName = schemaName;
    }

    /// <summary>The schema the tables live in.</summary>
    public string SchemaName { get; }

    /// <summary>The version each component reaches once <see cref="EnsureCreatedAsync"/> has run.</summary>
    public static IReadOnlyDictionary<string, int> LatestVersions { get; } =
        MigrationCatalog.ByComponent.ToDictionary(c => c.Key, c => c.Value[^1].Version, StringComparer.Ordinal);

    /// <summary>
    /// Brings every component to <see cref="LatestVersions"/>; idempotent and safe to call from many silos at
    /// once. When the schema is already current it only reads, so a silo whose role may not run DDL still starts.
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (IsCurrent(await TryReadVersionsAsync(cancellationToken))) return;

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1)", cancellationToken, MigrationLockKey);

        // Checked rather than CREATE SCHEMA IF NOT EXISTS: that still demands the CREATE privilege on the
        // database even when the schema exists, which a least-privilege role lacks.
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SchemaName });
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                await ExecuteAsync(connection, $"CREATE SCHEMA {_quotedSchema}", cancellationToken);
            }
        }

        // Scripts name their objects unqualified; the local search path puts them in our schema.
        await ExecuteAsync(connection, $"SET LOCAL search_path TO {_quotedSchema}", cancellationToken);
        await ExecuteAsync(connection, $"""
            CREATE TABLE IF NOT EXISTS {VersionTable} (
                component text PRIMARY KEY,
                version   int  NOT NULL
            )
            """, cancellationToken);

        // Read again under the lock: another silo may have migrated while we waited for it.
        var applied = await ReadVersionsAsync(connection, $"SELECT component, version FROM {VersionTable}", cancellationToken);
        foreach (var (component, migrations) in MigrationCatalog.ByComponent)
        {
            var current = applied.GetValueOrDefault(component);
            foreach (var migration in migrations.Where(m => m.Version > current))
            {
                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await ExecuteAsync(connection, $"""
                    INSERT INTO {VersionTable} (component, version) VALUES ($1, $2)
                    ON CONFLICT (component) DO UPDATE SET version = excluded.version
                    """, cancellationToken, component, migration.Version);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The versions recorded in the database, per component; empty when the schema was never created.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ReadVersionsAsync(CancellationToken cancellationToken = default) =>
        await TryReadVersionsAsync(cancellationToken) ?? new Dictionary<string, int>();

    private async Task<Dictionary<string, int>?> TryReadVersionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await ReadVersionsAsync(connection, $"SELECT component, version FROM {_quotedSchema}.{VersionTable}", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return null;
        }
    }

    private static bool IsCurrent(Dictionary<string, int>? applied) =>
        applied is not null && LatestVersions.All(latest => applied.GetValueOrDefault(latest.Key) >= latest.Value);

    private static async Task<Dictionary<string, int>> ReadVersionsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetString(0)] = reader.GetInt32(1);
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
