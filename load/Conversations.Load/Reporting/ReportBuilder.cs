using System.Text.Json;
using Conversations.Load.Clients;
using Conversations.Load.Measurement;
using Conversations.Load.Scenarios;

namespace Conversations.Load.Reporting;

/// <summary>Turns a run's results (merged across workers) into a <see cref="LoadReport"/>.</summary>
public static class ReportBuilder
{
    public static LoadReport Build(
        LoadOptions options,
        Scenario scenario,
        string mode,
        DateTimeOffset startedAt,
        RunResult result,
        RunResult? baseline)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        RunMetrics metrics = Rebuild(result.Metrics);
        double seconds = Math.Max(0.001, result.LoadSeconds);
        double perSecond = Math.Round(metrics.Get(Counter.MessagesAcked) / seconds, 1);
        // Resident memory moves with the GC too; a drop means the connections' cost was lost in the noise, not negative.
        long? perCustomer = result.ServerResidentBytesBefore is { } before && result.ServerResidentBytesConnected is { } after && result.CustomersConnected > 0 && after > before
            ? (after - before) / result.CustomersConnected
            : null;
        long? slaBreaches = StatsPoller.Number(result.FinalStats, "slaBreaches") is { } sla ? (long)sla : null;

        ReportBaseline? baselineReport = null;
        if (baseline is not null)
        {
            RunMetrics echo = Rebuild(baseline.Metrics);
            double echoPerSecond = Math.Round(echo.Get(Counter.MessagesAcked) / Math.Max(0.001, baseline.LoadSeconds), 1);
            double engineAckP99 = metrics.Histogram(Latency.Ack).PercentileMilliseconds(99);
            double echoAckP99 = echo.Histogram(Latency.Ack).PercentileMilliseconds(99);
            baselineReport = new ReportBaseline(
                echoPerSecond,
                echo.Get(Counter.MessagesAcked),
                new Dictionary<string, LatencySummary>
                {
                    ["ack"] = echo.Histogram(Latency.Ack).Summarize(),
                    ["botReply"] = echo.Histogram(Latency.BotReply).Summarize(),
                    // The floor the tool and the machine set under the same steady load: no engine behind it.
                    ["ackSteady"] = echo.Histogram(Latency.AckSteady).Summarize(),
                },
                new SortedDictionary<string, long>(baseline.Metrics.Errors.ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal),
                echoPerSecond > 0 ? Math.Round(perSecond / echoPerSecond, 3) : 0,
                engineAckP99 > 0 ? Math.Round(echoAckP99 / engineAckP99, 3) : 0);
        }

        return new LoadReport(
            scenario.Name,
            options.Url.ToString(),
            mode,
            startedAt,
            DateTimeOffset.UtcNow,
            options.EffectiveWorkers,
            scenario.Trace is null ? options.Customers : result.CustomersConnected,
            options.Agents,
            Math.Round(result.LoadSeconds, 3),
            options.MaxRate || scenario.Trace is not null ? null : scenario.Arrival.Rate,
            scenario.Arrival.Spike?.Multiplier,
            options.WarmUpSeconds,
            metrics.Get(Counter.SessionsStarted),
            metrics.Get(Counter.MessagesSent),
            metrics.Get(Counter.MessagesAcked),
            result.Audit.Lost,
            result.Audit.Duplicates,
            metrics.Get(Counter.BotReplies),
            metrics.Get(Counter.Handoffs),
            metrics.Get(Counter.Assignments),
            slaBreaches,
            StatsPoller.Number(result.FinalStats, "botContainmentRate"),
            new SortedDictionary<string, long>(result.Metrics.Errors.ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal),
            new SortedDictionary<string, long>(metrics.ErrorsByMethod.ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal),
            Enum.GetValues<Latency>().ToDictionary(l => JsonNamingPolicy.CamelCase.ConvertName(l.ToString()), l => metrics.Histogram(l).Summarize()),
            perSecond,
            new ReportAudit(result.SessionsAudited, result.SessionsUnreadable, result.Audit.SeqGaps, result.Audit.UnackedStored),
            result.LostExamples ?? [],
            new ReportMemory(result.ServerResidentBytesBefore, result.ServerResidentBytesConnected, perCustomer, result.ClientWorkingSetBytes, result.ClientGcPauseMilliseconds),
            result.Metrics.Counters.ToDictionary(c => JsonNamingPolicy.CamelCase.ConvertName(c.Key), c => c.Value),
            baselineReport,
            result.FinalStats,
            Timeline(metrics, result.LoadSeconds));
    }

    /// <summary>A fresh <see cref="RunMetrics"/> holding <paramref name="snapshot"/>, for percentiles and windows.</summary>
    public static RunMetrics Rebuild(MetricsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metrics = new RunMetrics(snapshot.Windows, snapshot.WindowSeconds);
        metrics.Merge(snapshot);
        return metrics;
    }

    private static List<ReportWindow> Timeline(RunMetrics metrics, double loadSeconds)
    {
        var windows = new List<ReportWindow>();
        var carried = new Dictionary<Series, long>();
        long Gauge(Series series, int w)
        {
            // A window without a sample shows the last one seen rather than a false drop to zero.
            long value = metrics.SeriesValue(series, w);
            if (value >= 0)
            {
                carried[series] = value;
                return value;
            }

            return carried.GetValueOrDefault(series);
        }

        int last = Math.Min(metrics.Windows - 1, (int)Math.Ceiling((loadSeconds + 5) / metrics.WindowSeconds));
        for (int w = 0; w <= last; w++)
        {
            LatencyHistogram? ack = metrics.AckWindow(w);
            LatencyHistogram? bot = metrics.BotReplyWindow(w);
            windows.Add(new ReportWindow(
                Math.Round(w * metrics.WindowSeconds, 3),
                metrics.SeriesValue(Series.Sent, w),
                metrics.SeriesValue(Series.Acked, w),
                metrics.SeriesValue(Series.BotReplies, w),
                metrics.SeriesValue(Series.Errors, w),
                Gauge(Series.Connections, w),
                Gauge(Series.Queued, w),
                Gauge(Series.ActiveSessions, w),
                Math.Round(ack?.PercentileMilliseconds(50) ?? 0, 3),
                Math.Round(ack?.PercentileMilliseconds(99) ?? 0, 3),
                Math.Round(bot?.PercentileMilliseconds(50) ?? 0, 3),
                Math.Round(bot?.PercentileMilliseconds(99) ?? 0, 3)));
        }

        return windows;
    }
}
