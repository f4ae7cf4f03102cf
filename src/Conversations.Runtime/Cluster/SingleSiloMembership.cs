namespace Conversations.Runtime.Cluster;

/// <summary>The membership of a cluster of one: this silo, always active.</summary>
public sealed class SingleSiloMembership : IClusterMembership
{
    public SingleSiloMembership(SiloAddress localSilo)
    {
        LocalSilo = localSilo;
        ActiveSilos = [localSilo];
    }

    public SiloAddress LocalSilo { get; }

    public IReadOnlyList<SiloAddress> ActiveSilos { get; }

#pragma warning disable CS0067 // a single silo's view never changes
    public event Action? ViewChanged;
#pragma warning restore CS0067
}
