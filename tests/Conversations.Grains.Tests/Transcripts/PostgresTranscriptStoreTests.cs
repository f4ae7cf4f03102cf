using Conversations.Abstractions;
using Conversations.Grains.Transcripts;
using Conversations.Runtime.Testing;
using Npgsql;
using static Conversations.Grains.Tests.Transcripts.TranscriptSamples;

namespace Conversations.Grains.Tests.Transcripts;

public sealed class PostgresTranscriptStoreTests : TranscriptStoreContract, IAsyncLifetime
{
    private readonly List<PostgresTranscriptStore> _stores = [];
    private PostgresTestDatabase? _database;
    private NpgsqlDataSource? _dataSource;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        if (_dataSource is not null) await _dataSource.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    protected override Task<ITranscriptStore> CreateStoreAsync() => Task.FromResult<ITranscriptStore>(Create());

    private PostgresTranscriptStore Create(PostgresTranscriptOptions? options = null)
    {
        var store = new PostgresTranscriptStore(_dataSource!, options);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task ConcurrentAppendsAcrossSessions_AreGroupCommittedInFewerInserts()
    {
        var store = Create();
        const int sessions = 400;

        // Three messages per session, each append waiting for the previous one of its session, as a session grain does.
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async i =>
        {
            var id = $"gc-{i}";
            for (var seq = 1; seq <= 3; seq++) await store.AppendAsync(id, [Customer(id, seq, $"message {seq}", $"m-{seq}")]);
        }));

        Assert.Equal(sessions * 3, store.AppendCount);
        Assert.True(store.FlushCount < store.AppendCount, $"{store.FlushCount} INSERTs for {store.AppendCount} appends: no group commit.");
        for (var i = 0; i < sessions; i += 37)
        {
            var index = await store.ReadIndexAsync($"gc-{i}");
            Assert.Equal(3, index.LastSeq);
            Assert.Equal(["m-1", "m-2", "m-3"], index.ClientMessages.Select(m => m.ClientMessageId));
        }
    }

    [Theory]
    [InlineData("UPDATE transcripts SET body = 'rewritten'")]
    [InlineData("DELETE FROM transcripts")]
    [InlineData("TRUNCATE transcripts")]
    public async Task Table_RefusesToChangeOrRemoveStoredEvents(string sql)
    {
        var store = Create();
        await store.AppendAsync("kept", [Customer("kept", 1, "where is my order", "m-1"), Bot("kept", 2, "On its way")]);
        await using var command = _dataSource!.CreateCommand(sql);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.RestrictViolation, refused.SqlState);
        Assert.Equal(["where is my order", "On its way"], (await store.ReadAsync("kept", 0, 10)).Select(e => e.Text));
    }

    [Fact]
    public async Task Append_WhenQueueIsFull_IsRefusedAsOverloaded()
    {
        // One pending append allowed, one flush at a time, and a flush held back by a lock on the table.
        var store = Create(new PostgresTranscriptOptions { MaxPendingAppends = 1, MaxConcurrentFlushes = 1, FlushInterval = TimeSpan.Zero });
        await using var connection = await _dataSource!.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE transcripts IN EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var accepted = new List<Task>();
        ConversationException? refused = null;
        for (var i = 0; i < 50 && refused is null; i++)
        {
            try
            {
                accepted.Add(store.AppendAsync($"full-{i}", [Bot($"full-{i}", 1, "x")]));
            }
            catch (ConversationException e)
            {
                refused = e;
            }

            // The refusal comes back as a faulted task, not a throw.
            if (accepted.Count > 0 && accepted[^1].IsFaulted) refused = Assert.IsType<ConversationException>(accepted[^1].Exception!.InnerException);
        }

        await transaction.RollbackAsync();
        Assert.NotNull(refused);
        Assert.Equal(ErrorCodes.Overloaded, refused.Code);
        await Task.WhenAll(accepted.Where(t => !t.IsFaulted));
    }
}
