namespace Conversations.Runtime.Cluster;

/// <summary>How a grain class is placed.</summary>
public enum PlacementStrategy
{
    /// <summary>Rendezvous hashing over the active silos: every silo computes the same owner.</summary>
    Hash,

    /// <summary>The caller's silo.</summary>
    PreferLocal,

    /// <summary>Stateless workers: always the local silo.</summary>
    StatelessWorker,
}
