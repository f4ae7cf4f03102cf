namespace Conversations.Runtime.Cluster;

/// <summary>A silo could not join its cluster (active silos it cannot reach, or the cluster declared it dead while joining); the silo does not start.</summary>
public sealed class ClusterJoinException : Exception
{
    public ClusterJoinException()
    {
    }

    public ClusterJoinException(string message) : base(message)
    {
    }

    public ClusterJoinException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ClusterJoinException(string message, IReadOnlyList<SiloAddress> unreachableSilos) : base(message)
    {
        UnreachableSilos = unreachableSilos;
    }

    /// <summary>The active silos the joining silo could not reach before it gave up.</summary>
    public IReadOnlyList<SiloAddress> UnreachableSilos { get; } = [];
}
