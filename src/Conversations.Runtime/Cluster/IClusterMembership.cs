namespace Conversations.Runtime.Cluster;

/// <summary>The silos this silo currently believes are active (its view of the cluster).</summary>
public interface IClusterMembership
{
    SiloAddress LocalSilo { get; }

    IReadOnlyList<SiloAddress> ActiveSilos { get; }

    /// <summary>Raised after the set of active silos changed.</summary>
    event Action? ViewChanged;
}
