using Conversations.Runtime;
using Conversations.Runtime.Cluster;

namespace Conversations.Abstractions.Stats;

/// <summary>
/// The cluster's conversation figures (one activation, key <see cref="StatsGrains.Key"/>): every silo reports its
/// counters each second, and the totals add up the latest report of every silo still in the cluster.
/// </summary>
public interface IStatsGrain : IGrainWithStringKey
{
    /// <summary>Keeps <paramref name="counts"/> as <paramref name="silo"/>'s latest; answers the cluster's totals, this report included.</summary>
    Task<ClusterStats> Report(SiloAddress silo, StatsCounts counts);
}
