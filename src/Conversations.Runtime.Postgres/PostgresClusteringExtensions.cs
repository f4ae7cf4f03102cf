using Conversations.Runtime.Cluster;
using Conversations.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Runtime.Postgres;

/// <summary>Switches a silo to clustering on a PostgreSQL membership table.</summary>
public static class PostgresClusteringExtensions
{
    /// <summary>
    /// Joins the cluster named by <see cref="ClusterOptions.Id"/> whose membership lives in <paramref name="dataSource"/>'s
    /// <c>cluster_members</c> table; silos talk over TCP on <see cref="ClusterOptions.SiloPort"/>.
    /// </summary>
    public static RuntimeBuilder UsePostgresClustering(
        this RuntimeBuilder builder, NpgsqlDataSource dataSource, Action<ClusterOptions>? configure = null, string schema = PostgresOptions.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UsePostgresClustering(_ => dataSource, configure, schema);
    }

    /// <summary>As above, with the data source taken from the silo's services (the server registers one).</summary>
    public static RuntimeBuilder UsePostgresClustering(
        this RuntimeBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource, Action<ClusterOptions>? configure = null, string schema = PostgresOptions.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        return builder.UseCluster(
            sp => new PostgresMembershipTable(dataSource(sp), sp.GetRequiredService<IOptions<ClusterOptions>>().Value.Id, schema),
            configure);
    }
}
