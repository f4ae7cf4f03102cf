namespace Conversations.Runtime.Cluster;

/// <summary>
/// Highest-random-weight placement: the owner of a grain is the active silo with the highest combined
/// hash, so a silo joining or leaving moves only the grains it gains or loses.
/// </summary>
public sealed class RendezvousPlacement : IPlacementDirector
{
    private readonly IClusterMembership _membership;

    public RendezvousPlacement(IClusterMembership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        _membership = membership;
    }

    /// <summary>
    /// The hash owner, or for the other strategies this silo (the runtime asks the grain directory first when a
    /// prefer-local grain may already be active elsewhere).
    /// </summary>
    public SiloAddress PlaceGrain(GrainId grainId, PlacementStrategy strategy)
    {
        if (strategy != PlacementStrategy.Hash) return _membership.LocalSilo;
        var silos = _membership.ActiveSilos;
        if (silos.Count == 1) return silos[0];
        if (silos.Count == 0) throw new SiloUnavailableException("No silo is active in this silo's view of the cluster.");
        var grainHash = grainId.StableHash();
        var best = silos[0];
        var bestWeight = 0UL;
        foreach (var silo in silos)
        {
            var weight = Mix(grainHash, silo.StableHash());
            if (weight >= bestWeight)
            {
                bestWeight = weight;
                best = silo;
            }
        }

        return best;
    }

    private static ulong Mix(uint a, uint b)
    {
        // SplitMix64 finaliser over the pair: a good spread of weights from two 32-bit hashes.
        var x = ((ulong)a << 32) | b;
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9UL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebUL;
        x ^= x >> 31;
        return x;
    }
}
