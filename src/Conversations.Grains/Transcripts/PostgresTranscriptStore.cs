using System.Text.Json;
using System.Threading.Channels;
using Conversations.Abstractions;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Transcripts.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Grains.Transcripts;

/// <summary>
/// Transcripts in PostgreSQL's append-only <c>transcripts</c> table, written by group commit: appends of
/// all sessions queue up and a background writer stores each batch with one INSERT, so a busy silo pays
/// one round trip per batch, never one per message. The INSERT refuses a seq already taken and a gap; the
/// table's trigger (migration <c>transcripts/002</c>) refuses UPDATE, DELETE and TRUNCATE.
/// </summary>
public sealed class PostgresTranscriptStore : ITranscriptStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresTranscriptOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _pending;
    private readonly SemaphoreSlim _flushSlots;
    private readonly Task _writer;
    private readonly string _insertSql;
    private readonly string _readSql;
    private readonly string _lastSeqSql;
    private readonly string _clientMessagesSql;
    private PendingAppend? _carried;
    private int _flushesInFlight;
    private long _flushes;
    private long _appends;
    private long _events;
    private int _disposed;

    public PostgresTranscriptStore(NpgsqlDataSource dataSource, PostgresTranscriptOptions? options = null, string schemaName = "public", ILogger<PostgresTranscriptStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaName);
        _options = options ?? new PostgresTranscriptOptions();
        _options.Validate();
        _dataSource = dataSource;
        _logger = logger ?? (ILogger)NullLogger.Instance;

        var table = $"\"{schemaName.Replace("\"", "\"\"", StringComparison.Ordinal)}\".transcripts";
        // unnest keeps the statement the same for any batch size, so it is prepared once per connection. The primary
        // key refuses a seq already taken; the condition refuses a gap: each session's seqs in the batch must run on
        // without a hole from the seq before them, which must be stored (one index probe per session, not per row).
        // A batch with a gap inserts nothing, and the writer finds the offending append by storing them one by one.
        _insertSql = $"""
            WITH batch AS (
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::timestamptz[])
                    AS b (session_id, seq, kind, sender_role, sender_id, sender_name, body, data, client_message_id, at)
            ), sessions AS (
                SELECT session_id, min(seq) AS first, max(seq) AS last, count(*) AS events FROM batch GROUP BY session_id
            )
            INSERT INTO {table} (session_id, seq, kind, sender_role, sender_id, sender_name, body, data, client_message_id, at)
            SELECT * FROM batch
            WHERE NOT EXISTS (
                SELECT 1 FROM sessions s
                WHERE s.last - s.first + 1 <> s.events
                   OR (s.first > 1 AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.session_id = s.session_id AND t.seq = s.first - 1)))
            """;
        _readSql = $"SELECT seq, kind, sender_role, sender_id, sender_name, body, data::text, at FROM {table} WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";
        _lastSeqSql = $"SELECT coalesce(max(seq), 0) FROM {table} WHERE session_id = $1";
        _clientMessagesSql = $"SELECT seq, sender_role, sender_id, client_message_id, at FROM {table} WHERE session_id = $1 AND client_message_id IS NOT NULL ORDER BY seq";

        _pending = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(_options.MaxPendingAppends)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _flushSlots = new SemaphoreSlim(_options.MaxConcurrentFlushes, _options.MaxConcurrentFlushes);
        _writer = Task.Run(RunWriterAsync);
    }

    /// <summary>INSERT round trips made so far (batches, plus single-append retries after a conflict).</summary>
    public long FlushCount => Interlocked.Read(ref _flushes);

    /// <summary>Appends committed so far.</summary>
    public long AppendCount => Interlocked.Read(ref _appends);

    /// <summary>Events committed so far.</summary>
    public long EventCount => Interlocked.Read(ref _events);

    public Task AppendAsync(string sessionId, IReadOnlyList<TranscriptAppend> events, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckAppend(sessionId, events);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingAppend(sessionId, events);
        if (!_pending.Writer.TryWrite(pending))
        {
            // Refusing is better than queueing without bound: the caller gets a retryable error, memory stays flat.
            return Task.FromException(ConversationException.Overloaded("The transcript writer is saturated; retry shortly."));
        }

        // Once queued the append is not withdrawn: cancelling would leave the caller unsure whether it was stored.
        return pending.Task;
    }

    public async Task<IReadOnlyList<ConversationEvent>> ReadAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckRead(sessionId, afterSeq, limit);
        await using var command = _dataSource.CreateCommand(_readSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<ConversationEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            JsonElement? data = reader.IsDBNull(6) ? null : JsonSerializer.Deserialize<JsonElement>(reader.GetString(6));
            events.Add(new ConversationEvent(
                sessionId,
                reader.GetInt64(0),
                reader.GetString(1),
                new Sender(reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4)),
                NullableString(reader, 5),
                reader.GetFieldValue<DateTimeOffset>(7),
                data));
        }

        return events;
    }

    public async Task<TranscriptIndex> ReadIndexAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckSessionId(sessionId);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(_lastSeqSql) { Parameters = { new NpgsqlParameter<string> { TypedValue = sessionId } } },
                new NpgsqlBatchCommand(_clientMessagesSql) { Parameters = { new NpgsqlParameter<string> { TypedValue = sessionId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var lastSeq = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var messages = new List<ClientMessageRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new ClientMessageRecord(
                reader.GetInt64(0),
                reader.GetString(1),
                NullableString(reader, 2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return new TranscriptIndex(lastSeq, messages);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _pending.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        // Wait for the flushes still on the wire: every queued append gets its answer before we go.
        for (var i = 0; i < _options.MaxConcurrentFlushes; i++) await _flushSlots.WaitAsync().ConfigureAwait(false);
        _flushSlots.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task RunWriterAsync()
    {
        var reader = _pending.Reader;
        try
        {
            while (_carried is not null || await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var batch = new List<PendingAppend>();
                var events = Gather(reader, batch, 0);
                if (events < _options.MaxBatchEvents && Volatile.Read(ref _flushesInFlight) > 0 && _options.FlushInterval > TimeSpan.Zero)
                {
                    // A flush is on the wire, so this batch would wait for a connection anyway: give
                    // concurrent appends a moment to join it. Real time on purpose, whatever clock the grains run on.
                    await Task.Delay(_options.FlushInterval).ConfigureAwait(false);
                    events = Gather(reader, batch, events);
                }

                await _flushSlots.WaitAsync().ConfigureAwait(false);
                // Whatever arrived while we waited for a connection rides along.
                Gather(reader, batch, events);
                Interlocked.Increment(ref _flushesInFlight);
                _ = FlushAsync(batch);
            }
        }
        catch (Exception e)
        {
            // Only a bug gets here; fail what is left rather than leave callers waiting forever.
            _logger.LogError(e, "The transcript writer stopped");
            while (reader.TryRead(out var orphan)) orphan.Fail(e);
        }
    }

    private int Gather(ChannelReader<PendingAppend> reader, List<PendingAppend> batch, int events)
    {
        if (_carried is { } carried)
        {
            batch.Add(carried);
            events += carried.Events.Count;
            _carried = null;
        }

        while (events < _options.MaxBatchEvents && reader.TryRead(out var next))
        {
            // An append is never split; if it would overfill this batch (and this batch is not empty) it opens the next one.
            if (batch.Count > 0 && events + next.Events.Count > _options.MaxBatchEvents)
            {
                _carried = next;
                break;
            }

            batch.Add(next);
            events += next.Events.Count;
        }

        return events;
    }

    private async Task FlushAsync(List<PendingAppend> batch)
    {
        try
        {
            if (await InsertAsync(batch).ConfigureAwait(false))
            {
                Complete(batch);
            }
            else
            {
                await RetryOneByOneAsync(batch, null).ConfigureAwait(false);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await RetryOneByOneAsync(batch, e).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "A transcript flush of {Appends} appends failed", batch.Count);
            foreach (var append in batch) append.Fail(e);
        }
        finally
        {
            Interlocked.Decrement(ref _flushesInFlight);
            _flushSlots.Release();
        }
    }

    // A statement is all-or-nothing, so one stale writer's duplicate seq (or one append leaving a gap) held back
    // everyone's rows: store each append on its own to fail exactly the offending ones. Rare, so the extra trips are fine.
    // first: the duplicate that failed the batch, or null when the batch was refused for a gap.
    private async Task RetryOneByOneAsync(List<PendingAppend> batch, PostgresException? first)
    {
        if (batch.Count == 1)
        {
            batch[0].Fail(first is null ? Gap(batch[0]) : Conflict(batch[0], first));
            return;
        }

        foreach (var append in batch)
        {
            try
            {
                if (await InsertAsync([append]).ConfigureAwait(false)) Complete([append]);
                else append.Fail(Gap(append));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                append.Fail(Conflict(append, e));
            }
            catch (Exception e)
            {
                append.Fail(e);
            }
        }
    }

    private static TranscriptConflictException Conflict(PendingAppend append, PostgresException e) =>
        new($"Session {append.SessionId} already has an event with seq in {append.Events[0].Event.Seq}..{append.Events[^1].Event.Seq}; another activation wrote first.", e);

    private static TranscriptConflictException Gap(PendingAppend append) =>
        new($"Session {append.SessionId} has no event with seq {append.Events[0].Event.Seq - 1}, so an append starting at seq {append.Events[0].Event.Seq} would leave a gap.");

    private void Complete(List<PendingAppend> batch)
    {
        var events = 0;
        foreach (var append in batch) events += append.Events.Count;
        Interlocked.Add(ref _appends, batch.Count);
        Interlocked.Add(ref _events, events);
        foreach (var append in batch) append.Succeed();
    }

    /// <summary>Inserts every event of the batch; false (and nothing inserted) when some append would leave a gap.</summary>
    private async Task<bool> InsertAsync(IReadOnlyList<PendingAppend> batch)
    {
        var count = 0;
        foreach (var append in batch) count += append.Events.Count;
        var sessionIds = new string[count];
        var seqs = new long[count];
        var kinds = new string[count];
        var roles = new string[count];
        var senderIds = new string?[count];
        var senderNames = new string?[count];
        var bodies = new string?[count];
        var data = new string?[count];
        var clientMessageIds = new string?[count];
        var times = new DateTime[count];
        var row = 0;
        foreach (var append in batch)
        {
            foreach (var (e, clientMessageId) in append.Events)
            {
                sessionIds[row] = e.SessionId;
                seqs[row] = e.Seq;
                kinds[row] = e.Kind;
                roles[row] = e.Sender.Role;
                senderIds[row] = e.Sender.Id;
                senderNames[row] = e.Sender.Name;
                bodies[row] = e.Text;
                data[row] = e.Data is { } json ? json.GetRawText() : null;
                clientMessageIds[row] = clientMessageId;
                times[row] = e.At.UtcDateTime;
                row++;
            }
        }

        await using var command = _dataSource.CreateCommand(_insertSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = sessionIds });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = kinds });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = roles });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = senderIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = senderNames, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = bodies, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = clientMessageIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = times, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        Interlocked.Increment(ref _flushes);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false) == count;
    }
}
