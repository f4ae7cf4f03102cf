namespace Conversations.Runtime.Postgres.Tests;

/// <summary>The tests that share one throwaway PostgreSQL database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresDatabaseFixture>
{
    public const string Name = "Postgres";
}
