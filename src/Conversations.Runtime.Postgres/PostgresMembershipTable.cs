using System.Data;
using System.Text.Json;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Postgres.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Runtime.Postgres;

/// <summary>
/// The membership table in PostgreSQL (<c>cluster_members</c> plus a version row in <c>cluster_version</c>),
/// scoped by cluster id. A write succeeds only if the version row still holds the version its writer read.
/// </summary>
public sealed class PostgresMembershipTable : IMembershipTable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSchema _schema;
    private readonly string _clusterId;
    private readonly string _initSql;
    private readonly string _readVersionSql;
    private readonly string _readMembersSql;
    private readonly string _bumpVersionSql;
    private readonly string _upsertSql;
    private readonly string _heartbeatSql;

    public PostgresMembershipTable(NpgsqlDataSource dataSource, string clusterId, string schemaName = PostgresOptions.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        _dataSource = dataSource;
        _schema = new PostgresSchema(dataSource, schemaName);
        _clusterId = clusterId;
        var schema = PostgresIdentifier.QuoteSchema(schemaName);
        _initSql = $"INSERT INTO {schema}.cluster_version (cluster_id, version) VALUES ($1, 0) ON CONFLICT DO NOTHING";
        _readVersionSql = $"SELECT version FROM {schema}.cluster_version WHERE cluster_id = $1";
        _readMembersSql = $"SELECT host, port, generation, status, started_at, heartbeat_at, suspicions::text FROM {schema}.cluster_members WHERE cluster_id = $1";
        _bumpVersionSql = $"UPDATE {schema}.cluster_version SET version = version + 1 WHERE cluster_id = $1 AND version = $2";
        _upsertSql = $"""
            INSERT INTO {schema}.cluster_members (cluster_id, host, port, generation, status, started_at, heartbeat_at, suspicions)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
            ON CONFLICT (cluster_id, host, port, generation) DO UPDATE
            SET status = excluded.status, heartbeat_at = excluded.heartbeat_at, suspicions = excluded.suspicions
            """;
        _heartbeatSql = $"UPDATE {schema}.cluster_members SET heartbeat_at = $5 WHERE cluster_id = $1 AND host = $2 AND port = $3 AND generation = $4";
    }

    public async Task InitAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureCreatedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand(_initSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for both reads, so the version matches the rows.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        long version = 0;
        await using (var command = new NpgsqlCommand(_readVersionSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
            if (await command.ExecuteScalarAsync(cancellationToken) is long read) version = read;
        }

        var entries = new List<MembershipEntry>();
        await using (var command = new NpgsqlCommand(_readMembersSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new MembershipEntry(
                    new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)),
                    ParseStatus(reader.GetString(3)),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    ParseSuspicions(reader.GetString(6))));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new MembershipSnapshot(version, entries);
    }

    public async Task<bool> TryWriteAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var bump = new NpgsqlCommand(_bumpVersionSql, connection, transaction))
        {
            bump.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
            bump.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
            if (await bump.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        await using (var upsert = new NpgsqlCommand(_upsertSql, connection, transaction))
        {
            AddKey(upsert, entry.Silo);
            upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StatusName(entry.Status) });
            upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.StartedAt.ToUniversalTime() });
            upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.HeartbeatAt.ToUniversalTime() });
            upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = FormatSuspicions(entry.Suspicions), NpgsqlDbType = NpgsqlDbType.Text });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task HeartbeatAsync(SiloAddress silo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_heartbeatSql);
        AddKey(command, silo);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddKey(NpgsqlCommand command, SiloAddress silo)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Host });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Port });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = silo.Generation });
    }

    private static string StatusName(SiloStatus status) => status switch
    {
        SiloStatus.Joining => "joining",
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown => "shutting_down",
        SiloStatus.Dead => "dead",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown silo status."),
    };

    private static SiloStatus ParseStatus(string value) => value switch
    {
        "joining" => SiloStatus.Joining,
        "active" => SiloStatus.Active,
        "shutting_down" => SiloStatus.ShuttingDown,
        "dead" => SiloStatus.Dead,
        _ => throw new InvalidOperationException($"The membership table holds an unknown silo status '{value}'."),
    };

    private static string FormatSuspicions(IReadOnlyList<Suspicion> suspicions)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var suspicion in suspicions)
            {
                writer.WriteStartObject();
                writer.WriteString("voter", suspicion.Voter.ToString());
                writer.WriteString("at", suspicion.At.ToUniversalTime());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static List<Suspicion> ParseSuspicions(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(e => new Suspicion(SiloAddress.Parse(e.GetProperty("voter").GetString()!), e.GetProperty("at").GetDateTimeOffset()))
            .ToList();
    }
}
