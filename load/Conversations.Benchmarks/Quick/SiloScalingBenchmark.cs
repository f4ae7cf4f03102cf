using System.Globalization;
using System.Text.Json;
using Conversations.Benchmarks.Grains;

namespace Conversations.Benchmarks.Quick;

/// <summary>
/// Throughput with one, two and three silos: N silos in this process over loopback TCP (memory membership), the
/// callers spread evenly over the silos, each walking all the grains, which rendezvous placement spreads over the
/// silos, so (N − 1)/N of the calls cross the transport. One JSON object on the last line, as quick mode prints.
/// </summary>
public static class SiloScalingBenchmark
{
    // Quick mode's load, so the one-silo figure compares with its local calls.
    private const int Callers = QuickBenchmark.Callers;
    private const int Targets = QuickBenchmark.Targets;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = int.Parse(Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture);
        var sizes = (Option(args, "--silos") ?? "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var results = new Dictionary<string, object>
        {
            ["machine"] = BenchmarkMachine.Describe(),
            ["loadAverageAtStart"] = BenchmarkMachine.LoadAverage(),
            ["callers"] = Callers,
            ["grains"] = Targets,
            ["seconds"] = seconds,
        };

        var runs = new List<Dictionary<string, object>>();
        foreach (var silos in sizes)
        {
            var run = await MeasureAsync(silos, TimeSpan.FromSeconds(seconds));
            runs.Add(run);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{silos} silo(s): {run["callsPerSec"]:N0} calls/s, p99 {run["p99Ms"]} ms, {run["remoteShare"]:P0} of calls cross silos, other processes {run["otherProcessesCores"]} cores"));
        }

        results["runs"] = runs;
        results["loadAverageAtEnd"] = BenchmarkMachine.LoadAverage();
        Console.WriteLine(JsonSerializer.Serialize(results));
        return 0;
    }

    private static async Task<Dictionary<string, object>> MeasureAsync(int silos, TimeSpan duration)
    {
        await using var cluster = await BenchmarkClusters.StartAsync(silos);
        var members = cluster.Silos;
        // grains[s][t]: grain t as referenced from silo s; caller c sits on silo c % N.
        var grains = members.Select(m => Enumerable.Range(0, Targets).Select(i => m.GrainFactory.GetGrain<IPingGrain>($"scale-{i}")).ToArray()).ToArray();
        await Task.WhenAll(grains[0].Select(g => g.Ping(0)));
        var remote = members.Select((m, s) => grains[s].Count(g => !m.Owns(g)) / (double)Targets).ToArray();
        var remoteShare = Enumerable.Range(0, Callers).Average(c => remote[c % silos]);

        Task<int> Call(int target, int caller) => grains[caller % silos][target].Ping(caller);
        var cpu = BenchmarkMachine.StartCpuWatch();
        var callsPerSec = await Throughput.MeasureAsync(Callers, Targets, TimeSpan.FromSeconds(1), duration, Call);
        var p99 = await Throughput.MeasureP99MsAsync(Callers, Targets, TimeSpan.FromSeconds(2), Call);
        var otherCores = BenchmarkMachine.OtherProcessesCores(cpu);
        var perSilo = members.Select(m => m.ActivationCount).ToArray();
        return new Dictionary<string, object>
        {
            ["silos"] = silos,
            ["callsPerSec"] = Math.Round(callsPerSec, 0),
            ["p99Ms"] = p99,
            ["remoteShare"] = Math.Round(remoteShare, 3),
            ["activationsPerSilo"] = perSilo,
            // Cores other processes kept busy while this size was measured: how quiet the shared machine was.
            ["otherProcessesCores"] = otherCores,
        };
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
