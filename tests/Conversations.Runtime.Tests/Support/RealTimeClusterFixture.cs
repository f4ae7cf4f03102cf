using Conversations.Runtime.Testing;

namespace Conversations.Runtime.Tests.Support;

/// <summary>One memory-storage, real-clock silo shared by a test class.</summary>
public sealed class RealTimeClusterFixture : IAsyncLifetime
{
    public Probe Probe { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync() => Cluster = await Clusters.StartAsync(Probe);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
