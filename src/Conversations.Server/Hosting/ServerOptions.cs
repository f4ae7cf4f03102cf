using Microsoft.Extensions.Configuration;

namespace Conversations.Server.Hosting;

/// <summary>What one server process hosts (configuration section <c>Conversations</c>): its storage and its cluster.</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Conversations";
    public const string MemoryStorage = "memory";
    public const string PostgresStorage = "postgres";

    /// <summary><c>memory</c> (embedded default, one silo, nothing kept across restarts) or <c>postgres</c> (<c>ConnectionStrings:Postgres</c>).</summary>
    public string Storage { get; set; } = MemoryStorage;

    public ClusterOptions Cluster { get; set; } = new();

    public bool UsesPostgres => Storage == PostgresStorage;

    /// <summary>Binds the section and validates it; the exception names the offending key.</summary>
    public static ServerOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<ServerOptions>() ?? new ServerOptions();
        options.Storage = (options.Storage ?? string.Empty).Trim().ToLowerInvariant();
        options.Cluster ??= new ClusterOptions();
        options.Validate();
        return options;
    }

    public void Validate()
    {
        if (Storage is not (MemoryStorage or PostgresStorage))
        {
            throw new InvalidOperationException($"Configuration '{SectionName}:Storage' must be '{MemoryStorage}' or '{PostgresStorage}', not '{Storage}'.");
        }

        Cluster.Validate();
        if (Cluster.IsClustered && Storage != PostgresStorage)
        {
            // Silos of one cluster must share grain state, reminders and transcripts.
            throw new InvalidOperationException(
                $"Configuration '{ClusterOptions.SectionName}:Membership' is '{ClusterOptions.PostgresMembership}', which needs '{SectionName}:Storage' = '{PostgresStorage}'.");
        }
    }
}
