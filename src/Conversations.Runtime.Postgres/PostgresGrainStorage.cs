using System.Globalization;
using System.Text.Json;
using Conversations.Runtime.Postgres.Internal;
using Conversations.Runtime.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Runtime.Postgres;

/// <summary>
/// Grain state in the <c>grain_state</c> table as jsonb, with the row's version as ETag. Semantics match
/// <see cref="MemoryGrainStorage"/>: every write and clear is conditional and a mismatch throws
/// <see cref="InconsistentStateException"/> without changing the row.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GrainStateSerializer _serializer;
    private readonly GrainStateSerializer _readSerializer;
    private readonly string _selectSql;
    private readonly string _insertSql;
    private readonly string _updateSql;
    private readonly string _deleteSql;

    public PostgresGrainStorage(NpgsqlDataSource dataSource, GrainStateSerializer serializer, string schemaName = PostgresOptions.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(serializer);
        var table = $"{PostgresIdentifier.QuoteSchema(schemaName)}.grain_state";
        _dataSource = dataSource;
        _serializer = serializer;
        _readSerializer = ForJsonb(serializer);

        // Parameters: $1 grain_type, $2 grain_key, $3 state_name, then the statement's own.
        _selectSql = $"SELECT payload, version FROM {table} WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";
        _insertSql = $"""
            INSERT INTO {table} (grain_type, grain_key, state_name, payload) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING
            RETURNING version
            """;
        _updateSql = $"""
            UPDATE {table} SET payload = $4, version = DEFAULT, updated_at = now()
            WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $5
            RETURNING version
            """;
        _deleteSql = $"DELETE FROM {table} WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4";
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await using var command = Command(_selectSql, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = _readSerializer.Deserialize<T>(reader.GetFieldValue<byte[]>(0));
            grainState.ETag = FormatETag(reader.GetInt64(1));
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = _serializer.Serialize(grainState.State);
        var expected = grainState.ETag;
        long? written;
        if (expected is null)
        {
            await using var insert = Command(_insertSql, stateName, grainId);
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Jsonb, TypedValue = payload });
            written = await ExecuteWriteAsync(insert, stateName, grainId);
        }
        else if (TryParseETag(expected, out var version))
        {
            await using var update = Command(_updateSql, stateName, grainId);
            update.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Jsonb, TypedValue = payload });
            update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
            written = await ExecuteWriteAsync(update, stateName, grainId);
        }
        else
        {
            // Not a version this table ever issued, so it cannot match the stored row.
            written = null;
        }

        if (written is null)
        {
            throw await ConflictAsync(stateName, grainId, expected);
        }

        grainState.ETag = FormatETag(written.Value);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = grainState.ETag;
        if (expected is null)
        {
            // Clearing what the activation believes absent succeeds only if it is absent.
            if (await ReadVersionAsync(stateName, grainId) is not null)
            {
                throw await ConflictAsync(stateName, grainId, expected);
            }
        }
        else
        {
            var deleted = 0;
            if (TryParseETag(expected, out var version))
            {
                await using var delete = Command(_deleteSql, stateName, grainId);
                delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
                deleted = await delete.ExecuteNonQueryAsync();
            }

            if (deleted == 0)
            {
                throw await ConflictAsync(stateName, grainId, expected);
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private NpgsqlCommand Command(string sql, string stateName, GrainId grainId)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        return command;
    }

    private static async Task<long?> ExecuteWriteAsync(NpgsqlCommand command, string stateName, GrainId grainId)
    {
        try
        {
            return (long?)await command.ExecuteScalarAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UntranslatableCharacter)
        {
            // jsonb cannot hold U+0000 although JSON can; say so plainly instead of a bare SQL error.
            throw new InvalidOperationException(
                $"State '{stateName}' for {grainId} contains a NUL character (U+0000), which PostgreSQL jsonb cannot store; "
                + "strip it from the input before it reaches grain state.", e);
        }
    }

    private async Task<long?> ReadVersionAsync(string stateName, GrainId grainId)
    {
        await using var command = Command(_selectSql, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetInt64(1) : null;
    }

    // The failure path reads the stored version once more, only to say in the exception what won.
    private async Task<InconsistentStateException> ConflictAsync(string stateName, GrainId grainId, string? expected)
    {
        var stored = await ReadVersionAsync(stateName, grainId);
        return new InconsistentStateException(
            $"Conditional write of state '{stateName}' for {grainId} failed", stored is { } v ? FormatETag(v) : null, expected);
    }

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseETag(string eTag, out long version) =>
        long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out version);

    // jsonb stores objects with their keys reordered, so "$type" and other metadata may no longer come first;
    // reading needs System.Text.Json to accept them anywhere in the object.
    private static GrainStateSerializer ForJsonb(GrainStateSerializer serializer) =>
        serializer.Options.AllowOutOfOrderMetadataProperties
            ? serializer
            : new GrainStateSerializer(new JsonSerializerOptions(serializer.Options) { AllowOutOfOrderMetadataProperties = true });
}
