namespace Conversations.Runtime.Cluster;

/// <summary>How a grain class is placed.</summary>
public enum PlacementStrategy
{
    /// <summary>Rendezvous hashing over the active silos: every silo computes the same owner.</summary>
    Hash,

    /// <summary>The silo of the first caller; in a cluster the grain directory keeps later callers on that one activation.</summary>
    PreferLocal,

    /// <summary>Stateless workers: always the local silo.</summary>
    StatelessWorker,
}
