using BenchmarkDotNet.Attributes;
using Conversations.Benchmarks.Grains;
using Conversations.Benchmarks.Quick;
using Conversations.Runtime.Testing;

namespace Conversations.Benchmarks.Suites;

/// <summary>The cost of one awaited call: a grain call through a generated reference against the channel-per-actor baseline.</summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private TestCluster _cluster = null!;
    private IPingGrain _grain = null!;
    private ChannelActorBaseline _baseline = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _cluster = await new TestClusterBuilder().AddGrains(typeof(PingGrain).Assembly).BuildAndStartAsync();
        _grain = _cluster.GrainFactory.GetGrain<IPingGrain>("bench");
        await _grain.Ping(0);
        _baseline = new ChannelActorBaseline(1);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _cluster.DisposeAsync();
        await _baseline.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<int> ChannelActorCall() => _baseline.Ping(0, 1);

    [Benchmark]
    public Task<int> LocalGrainCall() => _grain.Ping(1);

    [Benchmark]
    public IPingGrain GetGrainReference() => _cluster.GrainFactory.GetGrain<IPingGrain>("bench");
}
