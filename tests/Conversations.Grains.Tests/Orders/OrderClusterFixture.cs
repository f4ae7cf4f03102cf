using Conversations.Runtime;
using Conversations.Runtime.Testing;

namespace Conversations.Grains.Tests.Orders;

/// <summary>One memory-storage, fake-clock silo shared by a test class; tests use their own order ids and dates relative to its clock.</summary>
public sealed class OrderClusterFixture : IAsyncLifetime
{
    public CustomerOrderLog Customers { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public FakeTimeProvider Clock => Cluster.FakeTime;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public async Task InitializeAsync() => Cluster = await OrderClusters.Builder(Customers).BuildAndStartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
