using Conversations.Runtime.Postgres.Internal;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Conversations.Runtime.Postgres;

/// <summary>Where the PostgreSQL providers keep their data: the connection string and the schema of their tables.</summary>
public sealed class PostgresOptions
{
    /// <summary>The configuration key of the connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Postgres";

    /// <summary>The configuration key of the schema name.</summary>
    public const string SchemaKey = "Conversations:Postgres:Schema";

    public const string DefaultSchema = "public";

    private const string Example = "Host=localhost;Port=5432;Database=conversations;Username=conversations;Password=…";

    public string? ConnectionString { get; set; }

    public string Schema { get; set; } = DefaultSchema;

    /// <summary>Reads <see cref="ConnectionStringKey"/> and <see cref="SchemaKey"/>, then validates them.</summary>
    public static PostgresOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new PostgresOptions
        {
            ConnectionString = configuration[ConnectionStringKey],
            Schema = configuration[SchemaKey] is { Length: > 0 } schema ? schema : DefaultSchema,
        };
        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the configuration key of the first wrong value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException(
                $"{ConnectionStringKey} is missing: PostgreSQL storage needs a connection string such as '{Example}'.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // The value itself is left out of the message: it usually carries a password.
            throw new InvalidOperationException($"{ConnectionStringKey} is malformed ({e.Message}); expected something like '{Example}'.", e);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException($"{ConnectionStringKey} names no Host; expected something like '{Example}'.");
        }

        if (PostgresIdentifier.Problem(Schema) is { } problem)
        {
            throw new InvalidOperationException($"{SchemaKey} '{Schema}' is not a valid schema name: {problem}.");
        }
    }

    /// <summary>
    /// Validates, then builds the data source every provider shares. Statements are prepared automatically
    /// on each pooled connection, so the providers' few fixed commands skip parsing and planning.
    /// </summary>
    public NpgsqlDataSource CreateDataSource()
    {
        Validate();
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }

        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
        {
            builder.ConnectionStringBuilder.ApplicationName = "conversations";
        }

        return builder.Build();
    }
}
