using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Conversations.Benchmarks.Quick;

/// <summary>What a benchmark's figures were measured on, and how busy other processes kept it meanwhile.</summary>
public static class BenchmarkMachine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}";

    /// <summary>The 1, 5 and 15 minute load averages (Linux), so a figure says how busy the shared machine was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Starts measuring the CPU that other processes use; read it with <see cref="OtherProcessesCores"/>.</summary>
    public static (double MachineBusySeconds, TimeSpan OwnCpu, long At) StartCpuWatch() =>
        (MachineBusySeconds(), Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.GetTimestamp());

    /// <summary>Cores other processes kept busy on average since <paramref name="start"/> (Linux; −1 elsewhere).</summary>
    public static double OtherProcessesCores((double MachineBusySeconds, TimeSpan OwnCpu, long At) start)
    {
        var busy = MachineBusySeconds();
        if (busy < 0 || start.MachineBusySeconds < 0) return -1;
        var own = (Process.GetCurrentProcess().TotalProcessorTime - start.OwnCpu).TotalSeconds;
        var wall = Stopwatch.GetElapsedTime(start.At).TotalSeconds;
        return Math.Round(Math.Max(0, busy - start.MachineBusySeconds - own) / wall, 2);
    }

    private static double MachineBusySeconds()
    {
        if (!File.Exists("/proc/stat")) return -1;
        // First line: cpu user nice system idle iowait irq softirq steal …, in clock ticks of 1/100 s.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return ticks / 100.0;
    }
}
