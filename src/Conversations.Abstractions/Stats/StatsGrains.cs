using Conversations.Runtime;

namespace Conversations.Abstractions.Stats;

/// <summary>Where the cluster's figures are added up.</summary>
public static class StatsGrains
{
    /// <summary>The key of the cluster's <see cref="IStatsGrain"/>.</summary>
    public const string Key = "cluster";

    /// <summary>The grain that adds up every silo's figures.</summary>
    public static IStatsGrain GetClusterStats(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IStatsGrain>(Key);
    }
}
