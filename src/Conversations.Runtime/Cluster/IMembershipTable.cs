namespace Conversations.Runtime.Cluster;

/// <summary>
/// The durable list of a cluster's silos. Every status change is a compare-and-swap on the table's
/// version, so two silos acting on the same view cannot both win; heartbeats are plain updates.
/// </summary>
public interface IMembershipTable
{
    Task InitAsync(CancellationToken cancellationToken);

    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces <paramref name="entry"/> if the table is still at <paramref name="expectedVersion"/>; false when someone wrote first.</summary>
    Task<bool> TryWriteAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="silo"/> is alive at <paramref name="at"/> (does not change the version).</summary>
    Task HeartbeatAsync(SiloAddress silo, DateTimeOffset at, CancellationToken cancellationToken);
}
