using Conversations.Benchmarks.Grains;

namespace Conversations.Benchmarks.Quick;

/// <summary>
/// Two silos in this process over loopback TCP (memory membership): callers on the first silo call grains
/// the second one owns, so every call crosses the transport both ways.
/// </summary>
public static class CrossSiloBenchmark
{
    public static async Task<(double CallsPerSec, double P99Ms)> RunAsync(int callers, int targets, TimeSpan warmup, TimeSpan duration)
    {
        await using var cluster = await BenchmarkClusters.StartAsync(2);
        var (caller, owner) = (cluster.Silos[0], cluster.Silos[1]);
        var grains = new List<IPingGrain>(targets);
        for (var i = 0; grains.Count < targets; i++)
        {
            var grain = caller.GrainFactory.GetGrain<IPingGrain>($"remote-{i}");
            if (owner.Owns(grain)) grains.Add(grain);
        }

        await Task.WhenAll(grains.Select(g => g.Ping(0)));
        var callsPerSec = await Throughput.MeasureAsync(callers, targets, warmup, duration, (t, v) => grains[t].Ping(v));
        // Latency of each call under the same concurrency, in a pass of its own so timing does not cost throughput.
        return (callsPerSec, await Throughput.MeasureP99MsAsync(callers, targets, TimeSpan.FromSeconds(2), (t, v) => grains[t].Ping(v)));
    }
}
