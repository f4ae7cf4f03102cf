using Conversations.Runtime.Postgres;
using Npgsql;

namespace Conversations.Runtime.Testing;

/// <summary>
/// A fresh database on the server named by <c>CONVERSATIONS_TEST_POSTGRES</c> (set by scripts/with-postgres.sh),
/// with the schema in place; dropped on dispose. Fails, never skips, when no server is configured.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "CONVERSATIONS_TEST_POSTGRES";

    private readonly string _serverConnectionString;
    private readonly string _databaseName;

    private PostgresTestDatabase(string serverConnectionString, string databaseName, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _databaseName = databaseName;
        ConnectionString = connectionString;
    }

    /// <summary>Connection string of the new database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            // Failing, not skipping: a silently skipped suite is how PostgreSQL paths rot.
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the PostgreSQL tests have no server. Run the tests through scripts/test.sh "
                + "(or scripts/with-postgres.sh dotnet test …), which starts a throwaway PostgreSQL.");
        }

        var name = $"conv_test_{Guid.NewGuid():N}"[..24];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new PostgresSchema(dataSource).EnsureCreatedAsync();
        }

        return new PostgresTestDatabase(server, name, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
