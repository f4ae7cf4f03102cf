using Npgsql;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>
/// A fresh database on the server named by CONVERSATIONS_TEST_POSTGRES, created for this test run with the
/// schema in place, and dropped at the end.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "CONVERSATIONS_TEST_POSTGRES";

    private string? _serverConnectionString;
    private string? _databaseName;
    private NpgsqlDataSource? _dataSource;

    /// <summary>Connection string of the test database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The data source shared by the tests; the schema is already created in it.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            // Failing, not skipping: a silently skipped suite is how PostgreSQL paths rot.
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the PostgreSQL tests have no server. Run them through the script that starts a "
                + "throwaway PostgreSQL: scripts/with-postgres.sh dotnet test tests/Conversations.Runtime.Postgres.Tests "
                + $"(or set {EnvironmentVariable} to a connection string of a server where you may create databases).");
        }

        _databaseName = $"conv_test_{Guid.NewGuid():N}"[..22];
        await using (var server = new NpgsqlConnection(_serverConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _databaseName }.ConnectionString;
        _dataSource = CreateDataSource();
        await new PostgresSchema(_dataSource).EnsureCreatedAsync();
    }

    /// <summary>A new, independent data source on the test database, as a restarted silo would build it.</summary>
    public NpgsqlDataSource CreateDataSource() => new PostgresOptions { ConnectionString = ConnectionString }.CreateDataSource();

    public async Task DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
        if (_databaseName is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(_serverConnectionString);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }
}
