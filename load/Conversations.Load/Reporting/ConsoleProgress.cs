using System.Globalization;
using Conversations.Load.Clients;
using Conversations.Load.Measurement;

namespace Conversations.Load.Reporting;

/// <summary>The live progress line while the load runs, and the summary printed at the end.</summary>
public sealed class ConsoleProgress(TextWriter console, double durationSeconds)
{
    private readonly bool _overwrite = ReferenceEquals(console, Console.Out) && !Console.IsOutputRedirected;
    private long _lastSent;
    private long _lastAcked;
    private int _ticks;

    /// <summary>Prints one progress line from this process's metrics.</summary>
    public void Update(RunMetrics metrics, StatsPoller stats)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(stats);
        long sent = metrics.Get(Counter.MessagesSent);
        long acked = metrics.Get(Counter.MessagesAcked);
        Print(
            metrics.Elapsed,
            metrics.OpenConnections,
            sent - _lastSent,
            acked - _lastAcked,
            acked,
            metrics.Histogram(Latency.Ack).PercentileMilliseconds(99),
            metrics.Histogram(Latency.BotReply).PercentileMilliseconds(99),
            StatsPoller.Number(stats.Last, "queued"),
            metrics.Errors.Values.Sum());
        _lastSent = sent;
        _lastAcked = acked;
    }

    public void Print(double elapsed, long connections, long sentPerSecond, long ackedPerSecond, long ackedTotal, double ackP99, double botP99, double? queued, long errors)
    {
        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"[{elapsed,5:0}s/{durationSeconds:0}s] conns {connections,6} | sent/s {sentPerSecond,6} | acked/s {ackedPerSecond,6} | acked {ackedTotal,9} | ack p99 {Ms(ackP99)} ms | bot p99 {Ms(botP99)} ms | queued {(queued is { } q ? q.ToString("0", CultureInfo.InvariantCulture) : "-"),5} | errors {errors}");
        if (_overwrite)
        {
            console.Write("\r" + line);
        }
        else if (_ticks % 5 == 0)
        {
            // Logs and CI get a line every five seconds instead of a redrawn one.
            console.WriteLine(line);
        }

        _ticks++;
    }

    // Workers report counts only; their percentiles are merged at the end.
    private static string Ms(double value) => double.IsNaN(value) ? "      -" : value.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(7);

    /// <summary>Ends the redrawn line so the next output starts on its own.</summary>
    public void Finish()
    {
        if (_overwrite && _ticks > 0)
        {
            console.WriteLine();
        }
    }

    public static void PrintSummary(TextWriter console, LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        console.WriteLine();
        console.WriteLine($"== {report.Scenario} ({report.Mode}) against {report.Url} ==");
        string warmUp = report.WarmUpSeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" after {report.WarmUpSeconds:0.#} s of warm-up") : "";
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"customers {report.Customers}, agents {report.Agents}, load {report.DurationSeconds:0.#} s{warmUp}, workers {report.Workers}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sessions {report.SessionsStarted}, sent {report.MessagesSent}, acked {report.MessagesAcked} ({report.MessagesPerSecond:0.0}/s), bot replies {report.BotReplies}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LOST {report.MessagesLost}, DUPLICATES {report.Duplicates}, seq gaps {report.Audit.SeqGaps}, sessions audited {report.Audit.SessionsAudited} (unreadable {report.Audit.SessionsUnreadable})"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"handoffs {report.Handoffs}, assignments {report.Assignments}, SLA breaches {report.SlaBreaches?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}, bot containment {(report.BotContainmentRate is { } c ? c.ToString("P1", CultureInfo.InvariantCulture) : "n/a")}"));
        foreach (string example in report.LostExamples.Take(5))
        {
            console.WriteLine("  lost: " + example);
        }

        foreach ((string name, LatencySummary s) in report.LatencyMs.Where(l => l.Value.Count > 0))
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-20} n={s.Count,-8} p50 {s.P50,8:0.00}  p95 {s.P95,8:0.00}  p99 {s.P99,8:0.00}  max {s.Max,9:0.00} ms"));
        }

        console.WriteLine(report.Errors.Count == 0
            ? "errors: none"
            : "errors: " + string.Join(", ", report.ErrorsByMethod.Select(e => $"{e.Key} {e.Value}")));
        if (report.Memory.ServerBytesPerCustomer is { } perCustomer)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server memory per connected customer: {perCustomer / 1024.0:0.0} KiB"));
        }

        if (report.Baseline is { } b)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"echo baseline: {b.MessagesPerSecond:0.0} msg/s, ack p99 {b.LatencyMs["ack"].P99:0.00} ms; engine/echo throughput {b.ThroughputRatio:0.###}, ack p99 ratio {b.AckP99Ratio:0.###}"));
        }
    }
}
