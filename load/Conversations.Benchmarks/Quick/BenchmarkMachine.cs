using System.Runtime.InteropServices;

namespace Conversations.Benchmarks.Quick;

/// <summary>What a benchmark's figures were measured on, printed with them.</summary>
public static class BenchmarkMachine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}";

    /// <summary>The 1, 5 and 15 minute load averages (Linux), so a figure says how busy the shared machine was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
