using Microsoft.Extensions.Configuration;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>Configuration errors must name the key to fix, and never echo a password.</summary>
public sealed class PostgresOptionsTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void FromConfiguration_ReadsConnectionStringAndSchema()
    {
        var options = PostgresOptions.FromConfiguration(Configuration(
            ("ConnectionStrings:Postgres", "Host=db;Database=conversations;Username=app"),
            ("Conversations:Postgres:Schema", "cs_prod")));

        Assert.Equal("Host=db;Database=conversations;Username=app", options.ConnectionString);
        Assert.Equal("cs_prod", options.Schema);
    }

    [Fact]
    public void FromConfiguration_WithoutSchema_UsesPublic()
    {
        var options = PostgresOptions.FromConfiguration(Configuration(("ConnectionStrings:Postgres", "Host=db")));

        Assert.Equal("public", options.Schema);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_WithoutConnectionString_NamesTheKey(string? connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PostgresOptions { ConnectionString = connectionString }.Validate());

        Assert.StartsWith("ConnectionStrings:Postgres is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_WithoutConnectionString_NamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresOptions.FromConfiguration(Configuration()));

        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hots=db;Password=s3cret-pw")]
    [InlineData("Host=db;Port=not-a-number;Password=s3cret-pw")]
    [InlineData("just some text s3cret-pw")]
    public void Validate_WithMalformedConnectionString_NamesTheKeyWithoutThePassword(string connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PostgresOptions { ConnectionString = connectionString }.Validate());

        Assert.StartsWith("ConnectionStrings:Postgres is malformed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithoutHost_NamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PostgresOptions { ConnectionString = "Database=conversations;Username=app" }.Validate());

        Assert.Contains("ConnectionStrings:Postgres names no Host", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Public")]
    [InlineData("1tenant")]
    [InlineData("tenant-a")]
    [InlineData("x\"; DROP TABLE grain_state; --")]
    [InlineData("pg_temp")]
    [InlineData("a_name_that_is_far_too_long_to_be_a_postgres_identifier_at_all_1234")]
    public void Validate_WithInvalidSchema_NamesTheSchemaKey(string schema)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PostgresOptions { ConnectionString = "Host=db", Schema = schema }.Validate());

        Assert.StartsWith("Conversations:Postgres:Schema", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public")]
    [InlineData("_private")]
    [InlineData("tenant_42")]
    public void Validate_WithValidSchema_Passes(string schema)
    {
        new PostgresOptions { ConnectionString = "Host=db", Schema = schema }.Validate();
    }

    [Fact]
    public async Task CreateDataSource_TurnsOnAutomaticPreparation()
    {
        await using var dataSource = new PostgresOptions { ConnectionString = "Host=db;Username=app" }.CreateDataSource();

        Assert.Contains("Max Auto Prepare=32", dataSource.ConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CreateDataSource_WithMissingConnectionString_NamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PostgresOptions().CreateDataSource());

        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
    }
}
