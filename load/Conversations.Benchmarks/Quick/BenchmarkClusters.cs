using Conversations.Benchmarks.Grains;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Benchmarks.Quick;

/// <summary>Silos in this process over loopback TCP (memory membership and storage) with the benchmark grains, started and agreed on one view.</summary>
public static class BenchmarkClusters
{
    public static async Task<TestSiloCluster> StartAsync(int silos)
    {
        var cluster = await new TestClusterBuilder()
            .AddGrains(typeof(PingGrain).Assembly)
            .ConfigureServices(s => s.AddSingleton(new LatenessRecorder()))
            .BuildClusterAsync(silos);
        await cluster.WaitForStableViewAsync(TimeSpan.FromSeconds(20));
        return cluster;
    }
}
