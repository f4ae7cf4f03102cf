namespace Conversations.Runtime.Cluster;

/// <summary>Chooses the silo that owns (activates) a grain.</summary>
public interface IPlacementDirector
{
    /// <summary>The owning silo of <paramref name="grainId"/> in the current view.</summary>
    SiloAddress PlaceGrain(GrainId grainId, PlacementStrategy strategy);
}
