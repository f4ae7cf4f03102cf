using Conversations.Runtime.Testing;
using Npgsql;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>
/// A fresh database for this test run (<see cref="PostgresTestDatabase"/>: the server named by
/// CONVERSATIONS_TEST_POSTGRES, schema in place, dropped at the end), with a data source the tests share.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private PostgresTestDatabase? _database;
    private NpgsqlDataSource? _dataSource;

    /// <summary>Connection string of the test database.</summary>
    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The data source shared by the tests; the schema is already created in it.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _dataSource = CreateDataSource();
    }

    /// <summary>A new, independent data source on the test database, as a restarted silo would build it.</summary>
    public NpgsqlDataSource CreateDataSource() => new PostgresOptions { ConnectionString = ConnectionString }.CreateDataSource();

    public async Task DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
