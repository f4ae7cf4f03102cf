using System.Text.Json;
using Conversations.Load.Measurement;
using Conversations.Load.Reporting;
using Conversations.Load.Scenarios;

namespace Conversations.Load.Tests.Reporting;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "load-report-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Write_ReportJson_HasEveryFieldTheProtocolNames()
    {
        ReportWriter.Write(_directory, SampleReport(), (30, 46));

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "report.json")));
        JsonElement root = json.RootElement;
        foreach (string field in new[]
        {
            "customers", "agents", "durationSeconds", "sessionsStarted", "messagesSent", "messagesAcked", "messagesLost",
            "duplicates", "botReplies", "handoffs", "assignments", "slaBreaches", "errors", "latencyMs", "messagesPerSecond",
        })
        {
            Assert.True(root.TryGetProperty(field, out _), $"report.json lacks '{field}'");
        }

        foreach (string latency in new[] { "ack", "botReply", "assignment" })
        {
            JsonElement summary = root.GetProperty("latencyMs").GetProperty(latency);
            foreach (string percentile in new[] { "p50", "p95", "p99", "max" })
            {
                Assert.Equal(JsonValueKind.Number, summary.GetProperty(percentile).ValueKind);
            }
        }

        Assert.Equal(3, root.GetProperty("errors").GetProperty("E_OVERLOADED").GetInt64());
        Assert.Equal(2, root.GetProperty("slaBreaches").GetInt64());
        Assert.Equal(12.5, root.GetProperty("memory").GetProperty("clientGcPauseMilliseconds").GetDouble());
        foreach (string latency in new[] { "ack", "botReply", "ackSteady" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty("baseline").GetProperty("latencyMs").GetProperty(latency).GetProperty("p99").ValueKind);
        }
    }

    [Fact]
    public void Write_ReportHtml_CarriesItsChartsInlineAndFetchesNothing()
    {
        ReportWriter.Write(_directory, SampleReport(), null);

        string html = File.ReadAllText(Path.Combine(_directory, "report.html"));
        Assert.True(html.Split("<svg").Length - 1 >= 4, "four inline charts");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        foreach (string chart in new[] { "latency", "throughput", "queue", "connections" })
        {
            Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(_directory, chart + ".svg")), StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static LoadReport SampleReport()
    {
        var metrics = new RunMetrics(10, 1);
        metrics.StartClock();
        metrics.Increment(Counter.MessagesSent, 10);
        metrics.Increment(Counter.MessagesAcked, 10);
        metrics.Record(Latency.Ack, TimeSpan.FromMilliseconds(3));
        metrics.Record(Latency.BotReply, TimeSpan.FromMilliseconds(9));
        metrics.Error("E_OVERLOADED");
        metrics.Error("E_OVERLOADED");
        metrics.Error("E_OVERLOADED");
        var stats = JsonSerializer.SerializeToElement(new { slaBreaches = 2, botContainmentRate = 0.8 });
        var result = new RunResult(metrics.Snapshot(), TranscriptAudit.Empty, 5, 0, 2, 4, 0, 1_000_000, stats, 100_000_000, 120_000_000, 12.5);
        var options = new LoadOptions { Customers = 4, Agents = 1, DurationSeconds = 2 };
        return ReportBuilder.Build(options, ScenarioParser.Defaults("sample"), "engine", DateTimeOffset.UtcNow, result, result);
    }
}
