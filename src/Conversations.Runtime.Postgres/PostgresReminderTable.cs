using System.Globalization;
using Conversations.Runtime.Postgres.Internal;
using Conversations.Runtime.Reminders;
using Npgsql;

namespace Conversations.Runtime.Postgres;

/// <summary>
/// Reminders in the <c>reminders</c> table, scoped by service (cluster) id so that several clusters can share
/// a database. ETags are row versions; start times are kept to the microsecond and periods to the millisecond.
/// </summary>
public sealed class PostgresReminderTable : IReminderTable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at, period_ms, version";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSchema _schema;
    private readonly string _readRangeSql;
    private readonly string _readWrappedRangeSql;
    private readonly string _readRowsSql;
    private readonly string _readRowSql;
    private readonly string _upsertSql;
    private readonly string _deleteSql;

    public PostgresReminderTable(NpgsqlDataSource dataSource, string serviceId, string schemaName = PostgresOptions.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        _schema = new PostgresSchema(dataSource, schemaName);
        _dataSource = dataSource;
        ServiceId = serviceId;
        var table = $"{PostgresIdentifier.QuoteSchema(schemaName)}.reminders";

        // $1 is always the service id.
        _readRangeSql = $"SELECT {Columns} FROM {table} WHERE service_id = $1 AND grain_hash BETWEEN $2 AND $3";
        _readWrappedRangeSql = $"SELECT {Columns} FROM {table} WHERE service_id = $1 AND (grain_hash >= $2 OR grain_hash <= $3)";
        _readRowsSql = $"SELECT {Columns} FROM {table} WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3";
        _readRowSql = $"{_readRowsSql} AND reminder_name = $4";
        _upsertSql = $"""
            INSERT INTO {table} (service_id, grain_type, grain_key, reminder_name, grain_hash, start_at, period_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (service_id, grain_type, grain_key, reminder_name) DO UPDATE
            SET grain_hash = excluded.grain_hash, start_at = excluded.start_at, period_ms = excluded.period_ms, version = excluded.version
            RETURNING version
            """;
        _deleteSql = $"DELETE FROM {table} WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4 AND version = $5";
    }

    /// <summary>The cluster whose reminders this table reads and writes.</summary>
    public string ServiceId { get; }

    public Task InitAsync(CancellationToken cancellationToken) => _schema.EnsureCreatedAsync(cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken)
    {
        var command = Command(begin <= end ? _readRangeSql : _readWrappedRangeSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = begin });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = end });
        return ReadEntriesAsync(command, cancellationToken);
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        ReadEntriesAsync(Command(_readRowsSql, grainId), cancellationToken);

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        var rows = await ReadEntriesAsync(Command(_readRowSql, grainId, reminderName), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName, nameof(entry));
        ArgumentOutOfRangeException.ThrowIfLessThan(entry.Period, TimeSpan.Zero, nameof(entry));
        await using var command = Command(_upsertSql, entry.GrainId, entry.ReminderName);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.GrainHash });
        // timestamptz takes UTC only; the instant is what matters, the caller's offset is not kept.
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.StartAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)entry.Period.TotalMilliseconds });
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        // An ETag that is not a number was never issued here, so it matches no row.
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return false;
        await using var command = Command(_deleteSql, grainId, reminderName);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private NpgsqlCommand Command(string sql)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ServiceId });
        return command;
    }

    private NpgsqlCommand Command(string sql, GrainId grainId)
    {
        var command = Command(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        return command;
    }

    private NpgsqlCommand Command(string sql, GrainId grainId, string reminderName)
    {
        var command = Command(sql, grainId);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reminderName });
        return command;
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var entries = new List<ReminderEntry>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new ReminderEntry(
                    new GrainId(reader.GetString(0), reader.GetString(1)),
                    reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                    reader.GetInt64(5).ToString(CultureInfo.InvariantCulture)));
            }

            return entries;
        }
    }
}
