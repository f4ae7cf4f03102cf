using System.Diagnostics;
using Conversations.Benchmarks.Grains;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Benchmarks.Quick;

/// <summary>
/// Two silos in this process over loopback TCP (memory membership): callers on the first silo call grains
/// the second one owns, so every call crosses the transport both ways.
/// </summary>
public static class CrossSiloBenchmark
{
    public static async Task<(double CallsPerSec, double P99Ms)> RunAsync(int callers, int targets, TimeSpan warmup, TimeSpan duration)
    {
        await using var cluster = await new TestClusterBuilder()
            .AddGrains(typeof(PingGrain).Assembly)
            .ConfigureServices(s => s.AddSingleton(new LatenessRecorder()))
            .BuildClusterAsync(2);
        await cluster.WaitForStableViewAsync(TimeSpan.FromSeconds(20));
        var (caller, owner) = (cluster.Silos[0], cluster.Silos[1]);
        var grains = new List<IPingGrain>(targets);
        for (var i = 0; grains.Count < targets; i++)
        {
            var grain = caller.GrainFactory.GetGrain<IPingGrain>($"remote-{i}");
            if (owner.Owns(grain)) grains.Add(grain);
        }

        await Task.WhenAll(grains.Select(g => g.Ping(0)));
        var callsPerSec = await Throughput.MeasureAsync(callers, targets, warmup, duration, (t, v) => grains[t].Ping(v));
        return (callsPerSec, await MeasureP99Async(grains, callers, TimeSpan.FromSeconds(2)));
    }

    /// <summary>Latency of each call under the same concurrency, p99 in milliseconds.</summary>
    private static async Task<double> MeasureP99Async(List<IPingGrain> grains, int callers, TimeSpan duration)
    {
        var samples = new List<long>[callers];
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var mine = samples[c] = [];
            for (var target = c % grains.Count; stop.Elapsed < duration; target = (target + 7919) % grains.Count)
            {
                var started = Stopwatch.GetTimestamp();
                await grains[target].Ping(c);
                mine.Add(Stopwatch.GetTimestamp() - started);
            }
        })));
        var all = samples.SelectMany(s => s).Order().ToArray();
        return all.Length == 0 ? -1 : Math.Round(all[(int)(all.Length * 0.99)] * 1000.0 / Stopwatch.Frequency, 2);
    }
}
