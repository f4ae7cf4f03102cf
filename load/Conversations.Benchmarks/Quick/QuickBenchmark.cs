using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Conversations.Benchmarks.Grains;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Benchmarks.Quick;

/// <summary>
/// PROTOCOL.md's quick mode: the runtime's headline figures beside a channel-per-actor baseline measured
/// in the same process, printed as one JSON object on the last line. Finishes within a minute.
/// </summary>
public static class QuickBenchmark
{
    internal const int Callers = 1000;
    internal const int Targets = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var warmup = TimeSpan.FromSeconds(1);
        var duration = TimeSpan.FromSeconds(4);
        var results = new Dictionary<string, object>
        {
            ["machine"] = BenchmarkMachine.Describe(),
        };

        if (args.Contains("--cross-silo-only"))
        {
            var (callsPerSec, p99) = await CrossSiloBenchmark.RunAsync(Callers, Targets, warmup, duration);
            results["crossSiloCallsPerSec"] = Round(callsPerSec);
            results["crossSiloP99Ms"] = p99;
            Console.WriteLine(JsonSerializer.Serialize(results));
            return 0;
        }

        if (args.Contains("--activations-only"))
        {
            await using var only = await StartAsync();
            results["activationsPerSec"] = Round(await MeasureActivationsAsync(only, 200_000));
            Console.WriteLine(JsonSerializer.Serialize(results));
            return 0;
        }

        // Memory first, while the heap holds nothing from earlier phases.
        await using (var cluster = await StartAsync())
        {
            results["bytesPerIdleActivation"] = Round(await MeasureBytesPerActivationAsync(cluster, 100_000));
        }
        Report("bytes per idle activation", results["bytesPerIdleActivation"]);
        results["baselineBytesPerIdleActor"] = Round(await MeasureBaselineBytesPerActorAsync(100_000));
        Report("baseline bytes per idle actor", results["baselineBytesPerIdleActor"]);

        await using (var baseline = new ChannelActorBaseline(Targets))
        {
            results["baselineCallsPerSec"] = Round(await Throughput.MeasureAsync(Callers, Targets, warmup, duration, (t, v) => baseline.Ping(t, v)));
        }
        Report("baseline (channel per actor)", results["baselineCallsPerSec"]);

        await using (var cluster = await StartAsync())
        {
            var grains = Enumerable.Range(0, Targets).Select(i => cluster.GrainFactory.GetGrain<IPingGrain>($"ping-{i}")).ToArray();
            await Task.WhenAll(grains.Select(g => g.Ping(0)));
            results["localCallsPerSec"] = Round(await Throughput.MeasureAsync(Callers, Targets, warmup, duration, (t, v) => grains[t].Ping(v)));
        }
        Report("local grain calls", results["localCallsPerSec"]);
        results["localToBaselineRatio"] = Math.Round((double)results["localCallsPerSec"] / (double)results["baselineCallsPerSec"], 3);

        await using (var cluster = await StartAsync())
        {
            results["activationsPerSec"] = Round(await MeasureActivationsAsync(cluster, 200_000));
        }
        Report("activations (memory storage)", results["activationsPerSec"]);


        var recorder = new LatenessRecorder();
        await using (var cluster = await StartAsync(recorder))
        {
            results["reminderLatencyMsP99"] = Math.Round(await MeasureReminderLatenessAsync(cluster, recorder, 100_000), 1);
            results["remindersRegistered"] = 100_000;
            results["reminderTicksObserved"] = recorder.Count;
        }
        Report("reminder lateness p99 (ms)", results["reminderLatencyMsP99"]);

        // Last of the default phases: its two silos' sockets and threads must not disturb the single-silo figures.
        var (crossSiloCallsPerSec, crossSiloP99Ms) = await CrossSiloBenchmark.RunAsync(Callers, Targets, warmup, duration);
        results["crossSiloCallsPerSec"] = Round(crossSiloCallsPerSec);
        results["crossSiloP99Ms"] = crossSiloP99Ms;
        Report("cross-silo calls (2 silos, loopback TCP)", results["crossSiloCallsPerSec"]);
        Report("cross-silo call p99 (ms)", results["crossSiloP99Ms"]);

        if (args.Contains("--million"))
        {
            await using var cluster = await StartAsync();
            var (heap, workingSet) = await MeasureResidencyAsync(cluster, 1_000_000);
            results["millionActivationsHeapBytes"] = heap;
            results["millionActivationsWorkingSetBytes"] = workingSet;
            Report("1M activations with 200-byte state, heap MiB", heap / 1048576);
        }

        Console.WriteLine(JsonSerializer.Serialize(results));
        return 0;
    }

    private static Task<TestCluster> StartAsync(LatenessRecorder? recorder = null) => new TestClusterBuilder()
        .AddGrains(typeof(PingGrain).Assembly)
        .ConfigureServices(s => s.AddSingleton(recorder ?? new LatenessRecorder()))
        .BuildAndStartAsync();

    private static async Task<double> MeasureActivationsAsync(TestCluster cluster, int count)
    {
        // The first activations of a process run on tier-0 code while the thread pool grows: warm up with as
        // many as are measured (other keys), so the figure is the steady rate a long-running silo sees.
        await ActivateAsync(cluster, count, "warm");
        var stopwatch = Stopwatch.StartNew();
        await ActivateAsync(cluster, count, "activate");
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task ActivateAsync(TestCluster cluster, int count, string prefix)
    {
        // Each caller walks its own slice, one call in flight; every call activates a new grain with state.
        var factory = cluster.GrainFactory;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = caller; i < count; i += Callers) await factory.GetGrain<IStatefulGrain>($"{prefix}-{i}").Touch();
        })));
    }

    private static async Task<double> MeasureBytesPerActivationAsync(TestCluster cluster, int count)
    {
        // Warm up every code path first so that JIT and type loading are not counted.
        await cluster.GrainFactory.GetGrain<IPingGrain>("warm").Ping(1);
        var keys = Enumerable.Range(0, count).Select(i => $"idle-{i:D7}").ToArray(); // keys are the caller's, allocated before
        var before = SettledHeap();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (i, _) =>
            await cluster.GrainFactory.GetGrain<IPingGrain>(keys[i]).Ping(i));
        var after = SettledHeap();
        GC.KeepAlive(keys);
        return (after - before) / (double)count;
    }

    private static async Task<double> MeasureBaselineBytesPerActorAsync(int count)
    {
        // The same measurement for the hand-written baseline: each actor created and pinged once, then idle.
        var before = SettledHeap();
        await using var baseline = new ChannelActorBaseline(count);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (i, _) => await baseline.Ping(i, i));
        var after = SettledHeap();
        return (after - before) / (double)count;
    }

    private static async Task<(long Heap, long WorkingSet)> MeasureResidencyAsync(TestCluster cluster, int count)
    {
        var before = SettledHeap();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (i, _) =>
            await cluster.GrainFactory.GetGrain<IStatefulGrain>($"resident-{i}").Touch());
        var after = SettledHeap();
        return (after - before, Environment.WorkingSet);
    }

    private static async Task<double> MeasureReminderLatenessAsync(TestCluster cluster, LatenessRecorder recorder, int count)
    {
        // Due times spread over 3 to 8 seconds from now; each reminder repeats every minute (only the first tick is observed).
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 200 }, async (i, _) =>
            await cluster.GrainFactory.GetGrain<IReminderProbeGrain>($"reminder-{i}")
                .Arm(TimeSpan.FromMilliseconds(3000 + (i % 5000)), TimeSpan.FromMinutes(1)));
        var deadline = Stopwatch.StartNew();
        while (recorder.Count < count && deadline.Elapsed < TimeSpan.FromSeconds(25)) await Task.Delay(100);
        if (recorder.Count < count)
        {
            Console.Error.WriteLine($"only {recorder.Count} of {count} reminders fired within the wait; reminders resident {cluster.Silo.ReminderCount}");
            foreach (var a in cluster.Silo.Runtime.Catalog.All.Where(a => a.QueueLength > 0 || !a.IsIdle).Take(10))
            {
                Console.Error.WriteLine($"  {a.Id} state {a.State} queued {a.QueueLength} idle {a.IsIdle}");
            }
        }
        return recorder.Count < count ? -1 : recorder.Percentile(0.99);
    }

    private static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Round(double value) => Math.Round(value, 0);

    private static void Report(string what, object value) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-45} {value:N0}"));
}
