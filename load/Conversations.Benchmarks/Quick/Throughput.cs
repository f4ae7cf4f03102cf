using System.Diagnostics;

namespace Conversations.Benchmarks.Quick;

/// <summary>Runs many concurrent callers, each awaiting one call at a time, and counts calls per second (or times each call).</summary>
public static class Throughput
{
    public static async Task<double> MeasureAsync(int callers, int targets, TimeSpan warmup, TimeSpan duration, Func<int, int, Task<int>> call)
    {
        await RunAsync(callers, targets, warmup, call, samples: null);
        return await RunAsync(callers, targets, duration, call, samples: null);
    }

    /// <summary>The same load for <paramref name="duration"/>, every call timed: the 99th percentile in milliseconds to the microsecond (−1 when no call finished).</summary>
    public static async Task<double> MeasureP99MsAsync(int callers, int targets, TimeSpan duration, Func<int, int, Task<int>> call)
    {
        var samples = new List<long>[callers];
        await RunAsync(callers, targets, duration, call, samples);
        var all = samples.SelectMany(s => s).Order().ToArray();
        return all.Length == 0 ? -1 : Math.Round(all[(int)(all.Length * 0.99)] * 1000.0 / Stopwatch.Frequency, 3);
    }

    private static async Task<double> RunAsync(int callers, int targets, TimeSpan duration, Func<int, int, Task<int>> call, List<long>[]? samples)
    {
        var stop = false;
        var counts = new long[callers];
        var stopwatch = Stopwatch.StartNew();
        var tasks = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var caller = c;
            var timed = samples is null ? null : samples[caller] = [];
            tasks[c] = Task.Run(async () =>
            {
                var target = caller % targets;
                var step = 7919 % targets; // a prime stride spreads each caller over all targets
                long done = 0;
                while (!Volatile.Read(ref stop))
                {
                    if (timed is null)
                    {
                        await call(target, caller);
                    }
                    else
                    {
                        var started = Stopwatch.GetTimestamp();
                        await call(target, caller);
                        timed.Add(Stopwatch.GetTimestamp() - started);
                    }

                    target += step;
                    if (target >= targets) target -= targets;
                    done++;
                }

                counts[caller] = done;
            });
        }

        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(tasks);
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }
}
