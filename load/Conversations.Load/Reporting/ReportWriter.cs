using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Conversations.Load.Measurement;

namespace Conversations.Load.Reporting;

/// <summary>Writes <c>report.json</c>, <c>report.html</c> (charts inline) and the charts as <c>.svg</c> files.</summary>
public static class ReportWriter
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(string directory, LoadReport report, (double From, double To)? spike)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, JsonOptions));

        Dictionary<string, string> charts = Charts(report, spike);
        foreach ((string name, string svg) in charts)
        {
            File.WriteAllText(Path.Combine(directory, name + ".svg"), svg);
        }

        File.WriteAllText(Path.Combine(directory, "report.html"), Html(report, charts));
    }

    public static Dictionary<string, string> Charts(LoadReport report, (double From, double To)? spike)
    {
        ArgumentNullException.ThrowIfNull(report);
        IReadOnlyList<ReportWindow> t = report.Timeline;
        double width = t.Count > 1 ? t[1].AtSeconds - t[0].AtSeconds : 1;
        double? xMax = t.Count > 0 ? t[^1].AtSeconds : null;
        List<(double, double)> Points(Func<ReportWindow, double> value, bool skipZero = false) =>
            [.. t.Where(w => !skipZero || value(w) > 0).Select(w => (w.AtSeconds, value(w)))];

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["latency"] = SvgChart.Render(
                "Latency over time",
                "ms",
                [
                    new ChartLine("ack p50", "#9ecae1", Points(w => w.AckP50, true)),
                    new ChartLine("ack p99", "#08519c", Points(w => w.AckP99, true)),
                    new ChartLine("bot reply p50", "#fdae6b", Points(w => w.BotReplyP50, true)),
                    new ChartLine("bot reply p99", "#d94801", Points(w => w.BotReplyP99, true)),
                ],
                spike,
                xMax),
            ["throughput"] = SvgChart.Render(
                "Throughput",
                "per second",
                [
                    new ChartLine("sent/s", "#6baed6", Points(w => w.Sent / width)),
                    new ChartLine("acked/s", "#2171b5", Points(w => w.Acked / width)),
                    new ChartLine("bot replies/s", "#fd8d3c", Points(w => w.BotReplies / width)),
                    new ChartLine("errors/s", "#cb181d", Points(w => w.Errors / width)),
                ],
                spike,
                xMax),
            ["queue"] = SvgChart.Render(
                "Queue length and active sessions (/api/stats)",
                "sessions",
                [
                    new ChartLine("queued", "#cb181d", Points(w => w.Queued)),
                    new ChartLine("active sessions", "#238b45", Points(w => w.ActiveSessions)),
                ],
                spike,
                xMax),
            ["connections"] = SvgChart.Render(
                "Open connections (this tool)",
                "connections",
                [new ChartLine("connections", "#6a51a3", Points(w => w.Connections))],
                spike,
                xMax),
        };
    }

    private static string Html(LoadReport report, Dictionary<string, string> charts)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load report — ")
            .Append(E(report.Scenario))
            .Append("</title><style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ddd;padding:4px 10px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.bad{color:#b00;font-weight:bold}.good{color:#070}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(report.Scenario)} — {E(report.Mode)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(report.Url)} · {report.StartedAt:u} → {report.FinishedAt:u} · {report.Customers} customers, {report.Agents} agents, {report.DurationSeconds:0.#} s load, {report.Workers} process(es)</p>");

        html.Append("<h2>Summary</h2><table>");
        Row(html, "messages sent / acked", $"{report.MessagesSent} / {report.MessagesAcked}");
        Row(html, "messages per second (acked)", report.MessagesPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
        Row(html, "messages lost", report.MessagesLost.ToString(CultureInfo.InvariantCulture), report.MessagesLost == 0);
        Row(html, "duplicates", report.Duplicates.ToString(CultureInfo.InvariantCulture), report.Duplicates == 0);
        Row(html, "sessions started", report.SessionsStarted.ToString(CultureInfo.InvariantCulture));
        Row(html, "bot replies", report.BotReplies.ToString(CultureInfo.InvariantCulture));
        Row(html, "handoffs / assignments", $"{report.Handoffs} / {report.Assignments}");
        Row(html, "SLA breaches (server)", report.SlaBreaches?.ToString(CultureInfo.InvariantCulture) ?? "n/a");
        Row(html, "bot containment (server)", report.BotContainmentRate is { } c ? c.ToString("P1", CultureInfo.InvariantCulture) : "n/a");
        Row(html, "sessions audited / unreadable", $"{report.Audit.SessionsAudited} / {report.Audit.SessionsUnreadable}");
        Row(html, "seq gaps in transcripts", report.Audit.SeqGaps.ToString(CultureInfo.InvariantCulture), report.Audit.SeqGaps == 0);
        if (report.Memory.ServerBytesPerCustomer is { } perCustomer)
        {
            Row(html, "server memory per connected customer", $"{perCustomer / 1024.0:0.0} KiB");
        }

        html.Append("</table>");

        html.Append("<h2>Latency (ms)</h2><table><tr><th>latency</th><th>count</th><th>p50</th><th>p95</th><th>p99</th><th>max</th><th>mean</th></tr>");
        foreach ((string name, LatencySummary s) in report.LatencyMs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td>{s.Count}</td><td>{s.P50:0.###}</td><td>{s.P95:0.###}</td><td>{s.P99:0.###}</td><td>{s.Max:0.###}</td><td>{s.Mean:0.###}</td></tr>");
        }

        html.Append("</table>");

        if (report.Baseline is { } b)
        {
            html.Append("<h2>Against the bare echo hub</h2><table>");
            Row(html, "echo messages per second", b.MessagesPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
            Row(html, "engine ÷ echo throughput", b.ThroughputRatio.ToString("0.###", CultureInfo.InvariantCulture));
            Row(html, "echo ack p99 ÷ engine ack p99", b.AckP99Ratio.ToString("0.###", CultureInfo.InvariantCulture));
            Row(html, "echo ack p50 / p99 ms", $"{b.LatencyMs["ack"].P50:0.###} / {b.LatencyMs["ack"].P99:0.###}");
            html.Append("</table>");
        }

        html.Append("<h2>Errors by code</h2><table><tr><th>code</th><th>count</th></tr>");
        if (report.Errors.Count == 0)
        {
            html.Append("<tr><td>none</td><td>0</td></tr>");
        }

        foreach ((string code, long count) in report.Errors)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(code)}</td><td>{count}</td></tr>");
        }

        html.Append("</table><h3>By call</h3><table><tr><th>call and code</th><th>count</th></tr>");
        foreach ((string key, long count) in report.ErrorsByMethod)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(key)}</td><td>{count}</td></tr>");
        }

        html.Append("</table><h2>Charts</h2>");
        foreach (string svg in charts.Values)
        {
            html.Append("<div>").Append(svg).Append("</div>");
        }

        html.Append("<h2>Counters</h2><table>");
        foreach ((string name, long value) in report.Counters)
        {
            Row(html, name, value.ToString(CultureInfo.InvariantCulture));
        }

        html.Append("</table></body></html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string name, string value, bool? good = null)
    {
        string css = good switch { true => " class=\"good\"", false => " class=\"bad\"", null => string.Empty };
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td{css}>{E(value)}</td></tr>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
