using Npgsql;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>Schema creation and versioning; each test works in a schema of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests
{
    private readonly PostgresDatabaseFixture _database;
    private readonly string _schemaName = $"schema_test_{Guid.NewGuid():N}";

    public PostgresSchemaTests(PostgresDatabaseFixture database) => _database = database;

    [Fact]
    public async Task EnsureCreated_RecordsTheLatestVersionOfEachComponent()
    {
        var schema = new PostgresSchema(_database.DataSource, _schemaName);

        await schema.EnsureCreatedAsync();

        var versions = await schema.ReadVersionsAsync();
        Assert.Equal(PostgresSchema.LatestVersions.OrderBy(v => v.Key), versions.OrderBy(v => v.Key));
        Assert.Contains("grain_state", versions.Keys);
        Assert.Contains("reminders", versions.Keys);
        Assert.Contains("membership", versions.Keys);
        Assert.Equal(["cluster_members", "cluster_version", "conversations_schema_version", "grain_state", "reminders", "transcripts"], await TablesAsync());
    }

    [Fact]
    public async Task EnsureCreated_Twice_KeepsDataAndVersions()
    {
        var schema = new PostgresSchema(_database.DataSource, _schemaName);
        await schema.EnsureCreatedAsync();
        var storage = new PostgresGrainStorage(_database.DataSource, TestSerializer.Web, _schemaName);
        var grainId = new GrainId("session", "kept");
        await storage.WriteStateAsync("session", grainId, new TestGrainState<string>("still here"));

        await schema.EnsureCreatedAsync();

        var reader = new TestGrainState<string>("");
        await storage.ReadStateAsync("session", grainId, reader);
        Assert.Equal("still here", reader.State);
        Assert.Equal(PostgresSchema.LatestVersions.OrderBy(v => v.Key), (await schema.ReadVersionsAsync()).OrderBy(v => v.Key));
    }

    [Fact]
    public async Task EnsureCreated_FromManySilosAtOnce_Succeeds()
    {
        // Every "silo" has its own data source, so the calls really run on separate connections.
        var silos = Enumerable.Range(0, 8).Select(_ => _database.CreateDataSource()).ToArray();
        try
        {
            // Connections opened beforehand, so that the migrations, not the logins, are what overlaps.
            foreach (var dataSource in silos) await (await dataSource.OpenConnectionAsync()).DisposeAsync();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var starts = silos.Select(async dataSource =>
            {
                await start.Task;
                await new PostgresSchema(dataSource, _schemaName).EnsureCreatedAsync();
            }).ToArray();
            start.SetResult();
            await Task.WhenAll(starts).WaitAsync(TimeSpan.FromSeconds(60));

            var versions = await new PostgresSchema(_database.DataSource, _schemaName).ReadVersionsAsync();
            Assert.Equal(PostgresSchema.LatestVersions.OrderBy(v => v.Key), versions.OrderBy(v => v.Key));
            Assert.Equal(["cluster_members", "cluster_version", "conversations_schema_version", "grain_state", "reminders", "transcripts"], await TablesAsync());
        }
        finally
        {
            foreach (var dataSource in silos) await dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReadVersions_OfSchemaNeverCreated_IsEmpty()
    {
        Assert.Empty(await new PostgresSchema(_database.DataSource, _schemaName).ReadVersionsAsync());
    }

    [Fact]
    public async Task EnsureCreated_WhenCurrent_NeedsNoDdlPrivilege()
    {
        await new PostgresSchema(_database.DataSource, _schemaName).EnsureCreatedAsync();
        var role = $"reader_{Guid.NewGuid():N}"[..20];
        await ExecuteAsync($"CREATE ROLE {role} LOGIN");
        try
        {
            await ExecuteAsync($"GRANT USAGE ON SCHEMA {_schemaName} TO {role}");
            await ExecuteAsync($"GRANT SELECT ON {_schemaName}.conversations_schema_version TO {role}");
            var asRole = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Username = role, Pooling = false }.ConnectionString;
            await using var restricted = NpgsqlDataSource.Create(asRole);

            await new PostgresSchema(restricted, _schemaName).EnsureCreatedAsync();
        }
        finally
        {
            await ExecuteAsync($"DROP OWNED BY {role}");
            await ExecuteAsync($"DROP ROLE {role}");
        }
    }

    [Fact]
    public void Constructor_WithInvalidSchemaName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PostgresSchema(_database.DataSource, "Robert\"; DROP SCHEMA public; --"));
        Assert.Throws<ArgumentException>(() => new PostgresSchema(_database.DataSource, "pg_catalog"));
        Assert.Throws<ArgumentNullException>(() => new PostgresSchema(null!));
    }

    private async Task<string[]> TablesAsync()
    {
        await using var command = _database.DataSource.CreateCommand(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _schemaName });
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return [.. tables];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
