namespace Conversations.Runtime.Cluster;

/// <summary>
/// Who probes whom: the live silos on a ring ordered by a hash of their address, each probing its next
/// <c>count</c> successors, so every silo is watched by exactly <c>count</c> others (all the others when there
/// are fewer) and every silo computes the same assignment from the same membership table.
/// </summary>
internal static class ProbeRing
{
    /// <summary>The silos <paramref name="silo"/> probes: its successors on the ring of <paramref name="members"/>.</summary>
    public static IReadOnlyList<SiloAddress> TargetsOf(SiloAddress silo, IEnumerable<SiloAddress> members, int count) =>
        Walk(silo, members, count, step: 1);

    /// <summary>The silos that probe <paramref name="silo"/>: its predecessors on the ring of <paramref name="members"/>.</summary>
    public static IReadOnlyList<SiloAddress> WatchersOf(SiloAddress silo, IEnumerable<SiloAddress> members, int count) =>
        Walk(silo, members, count, step: -1);

    private static List<SiloAddress> Walk(SiloAddress silo, IEnumerable<SiloAddress> members, int count, int step)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // The silo itself is on the ring even when the caller's list lacks it, so its neighbours stay the same.
        var ring = members.Append(silo).Distinct()
            .OrderBy(s => s.StableHash())
            .ThenBy(s => s.ToString(), StringComparer.Ordinal)
            .ToList();
        var at = ring.IndexOf(silo);
        var taken = Math.Min(count, ring.Count - 1);
        var walked = new List<SiloAddress>(taken);
        for (var i = 1; i <= taken; i++) walked.Add(ring[((at + (step * i)) % ring.Count + ring.Count) % ring.Count]);
        return walked;
    }
}
