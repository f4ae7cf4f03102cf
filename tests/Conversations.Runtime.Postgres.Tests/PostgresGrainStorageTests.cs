using Conversations.Runtime.Storage;
using Npgsql;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>The conformance suite against PostgreSQL, plus what only a database can show.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests : GrainStorageConformanceTests
{
    private readonly PostgresDatabaseFixture _database;

    public PostgresGrainStorageTests(PostgresDatabaseFixture database)
    {
        _database = database;
        Storage = new PostgresGrainStorage(database.DataSource, Serializer);
    }

    protected override IGrainStorage Storage { get; }

    [Fact]
    public async Task Write_ThenReadFromNewDataSource_SurvivesRestart()
    {
        var grainId = NewGrainId();
        var writer = new TestGrainState<SessionSnapshot>(Snapshot("before restart"));
        await using (var firstSilo = _database.CreateDataSource())
        {
            await new PostgresGrainStorage(firstSilo, Serializer).WriteStateAsync(StateName, grainId, writer);
        }

        await using var restarted = _database.CreateDataSource();
        var reader = new TestGrainState<SessionSnapshot>(Snapshot("placeholder"));
        await new PostgresGrainStorage(restarted, Serializer).ReadStateAsync(StateName, grainId, reader);

        Assert.True(reader.RecordExists);
        Assert.Equal("before restart", reader.State.Title);
        Assert.Equal(writer.ETag, reader.ETag);
    }

    [Fact]
    public async Task Write_StoresQueryableJsonbWithVersionAsETag()
    {
        var grainId = NewGrainId();
        var writer = new TestGrainState<SessionSnapshot>(Snapshot("订单咨询"));
        await Storage.WriteStateAsync(StateName, grainId, writer);

        await using var query = _database.DataSource.CreateCommand(
            "SELECT payload ->> 'title', payload -> 'customer' ->> 'name', version::text FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3");
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StateName });
        await using var row = await query.ExecuteReaderAsync();

        Assert.True(await row.ReadAsync());
        Assert.Equal("订单咨询", row.GetString(0));
        Assert.Equal("王小明", row.GetString(1));
        Assert.Equal(writer.ETag, row.GetString(2));
    }

    [Fact]
    public async Task Write_WithOtherSchema_IsInvisibleToDefaultSchema()
    {
        var schema = $"tenant_{Guid.NewGuid():N}";
        await new PostgresSchema(_database.DataSource, schema).EnsureCreatedAsync();
        var grainId = NewGrainId();
        await new PostgresGrainStorage(_database.DataSource, Serializer, schema).WriteStateAsync(StateName, grainId, new TestGrainState<string>("tenant"));

        var inDefault = new TestGrainState<string>("");
        await Storage.ReadStateAsync(StateName, grainId, inDefault);
        var inTenant = new TestGrainState<string>("");
        await new PostgresGrainStorage(_database.DataSource, Serializer, schema).ReadStateAsync(StateName, grainId, inTenant);

        Assert.False(inDefault.RecordExists);
        Assert.Equal("tenant", inTenant.State);
    }

    [Fact]
    public async Task Write_OfTextWithNulCharacter_FailsClearlyAndKeepsStoredState()
    {
        var grainId = NewGrainId();
        var state = new TestGrainState<string>("clean");
        await Storage.WriteStateAsync(StateName, grainId, state);
        var eTag = state.ETag;

        state.State = "bad\0input";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Storage.WriteStateAsync(StateName, grainId, state));

        Assert.Contains("NUL character", error.Message, StringComparison.Ordinal);
        Assert.Equal(eTag, state.ETag);
        var reader = new TestGrainState<string>("");
        await Storage.ReadStateAsync(StateName, grainId, reader);
        Assert.Equal("clean", reader.State);
    }

    [Fact]
    public void Constructor_WithInvalidSchemaName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgresGrainStorage(_database.DataSource, Serializer, "x; DROP TABLE grain_state"));

        Assert.Contains("not a valid schema name", error.Message, StringComparison.Ordinal);
    }
}
