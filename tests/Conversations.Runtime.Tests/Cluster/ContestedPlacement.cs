using System.Collections.Concurrent;
using Conversations.Runtime.Cluster;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>
/// Placement in which silos disagree about who owns "contested-*" grains, as they do for a moment after a view
/// change: each silo names the owner the test set for it. Every other grain is placed by rendezvous hashing.
/// </summary>
public sealed class ContestedPlacement(IClusterMembership membership, ContestedPlacement.Views views) : IPlacementDirector
{
    private readonly RendezvousPlacement _hash = new(membership);

    public SiloAddress PlaceGrain(GrainId grainId, PlacementStrategy strategy)
    {
        if (!grainId.Key.StartsWith("contested", StringComparison.Ordinal)) return _hash.PlaceGrain(grainId, strategy);
        views.Decisions.Enqueue((grainId.Key, membership.LocalSilo));
        return views.OwnerSeenBy.TryGetValue(membership.LocalSilo, out var owner) ? owner : membership.LocalSilo;
    }

    /// <summary>What each silo believes, shared by the silos of one test, and where the runtime asked.</summary>
    public sealed class Views
    {
        public ConcurrentDictionary<SiloAddress, SiloAddress> OwnerSeenBy { get; } = new();

        public ConcurrentQueue<(string Key, SiloAddress AskedOn)> Decisions { get; } = new();

        public List<SiloAddress> AskedOn(string key) => [.. Decisions.Where(d => d.Key == key).Select(d => d.AskedOn)];
    }
}
