using System.Diagnostics;

namespace Conversations.Benchmarks.Quick;

/// <summary>Runs many concurrent callers, each awaiting one call at a time, and counts calls per second.</summary>
public static class Throughput
{
    public static async Task<double> MeasureAsync(int callers, int targets, TimeSpan warmup, TimeSpan duration, Func<int, int, Task<int>> call)
    {
        await RunAsync(callers, targets, warmup, call);
        return await RunAsync(callers, targets, duration, call);
    }

    private static async Task<double> RunAsync(int callers, int targets, TimeSpan duration, Func<int, int, Task<int>> call)
    {
        var stop = false;
        var counts = new long[callers];
        var stopwatch = Stopwatch.StartNew();
        var tasks = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var caller = c;
            tasks[c] = Task.Run(async () =>
            {
                var target = caller % targets;
                var step = 7919 % targets; // a prime stride spreads each caller over all targets
                long done = 0;
                while (!Volatile.Read(ref stop))
                {
                    await call(target, caller);
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
