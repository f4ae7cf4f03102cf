namespace Conversations.Server.Hosting;

/// <summary>How silos find each other (configuration section <c>Conversations:Cluster</c>): one silo, or a cluster on PostgreSQL membership.</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Conversations:Cluster";
    public const string SingleMembership = "single";
    public const string PostgresMembership = "postgres";

    /// <summary><c>single</c>: this process is the whole cluster; <c>postgres</c>: silos find each other in PostgreSQL and talk over TCP.</summary>
    public string Membership { get; set; } = SingleMembership;

    /// <summary>Names the cluster, so silos of different deployments sharing a database never join each other.</summary>
    public string Id { get; set; } = "conversations";

    /// <summary>Silo-to-silo TCP port.</summary>
    public int SiloPort { get; set; } = 11111;

    public bool IsClustered => string.Equals(Membership?.Trim(), PostgresMembership, StringComparison.OrdinalIgnoreCase);

    public void Validate()
    {
        var membership = (Membership ?? string.Empty).Trim().ToLowerInvariant();
        if (membership is not (SingleMembership or PostgresMembership))
        {
            throw new InvalidOperationException($"Configuration '{SectionName}:Membership' must be '{SingleMembership}' or '{PostgresMembership}', not '{Membership}'.");
        }

        Membership = membership;
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > 64)
        {
            throw new InvalidOperationException($"Configuration '{SectionName}:Id' must be 1 to 64 characters.");
        }

        if (SiloPort is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Configuration '{SectionName}:SiloPort' must be a TCP port (1 to 65535), not {SiloPort}.");
        }
    }
}
