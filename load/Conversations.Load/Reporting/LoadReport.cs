using System.Text.Json;
using Conversations.Load.Measurement;

namespace Conversations.Load.Reporting;

/// <summary><c>report.json</c>: every field PROTOCOL.md names for the load tool, and what else the run learnt.</summary>
/// <param name="SlaBreaches">From <c>/api/stats</c>; null when the server did not answer it.</param>
/// <param name="MessagesPerSecond">Acknowledged customer messages per second of the load phase.</param>
public sealed record LoadReport(
    string Scenario,
    string Url,
    string Mode,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int Workers,
    int Customers,
    int Agents,
    double DurationSeconds,
    double? OfferedRate,
    double? SpikeMultiplier,
    double WarmUpSeconds,
    long SessionsStarted,
    long MessagesSent,
    long MessagesAcked,
    long MessagesLost,
    long Duplicates,
    long BotReplies,
    long Handoffs,
    long Assignments,
    long? SlaBreaches,
    double? BotContainmentRate,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, long> ErrorsByMethod,
    IReadOnlyDictionary<string, LatencySummary> LatencyMs,
    double MessagesPerSecond,
    ReportAudit Audit,
    IReadOnlyList<string> LostExamples,
    ReportMemory Memory,
    IReadOnlyDictionary<string, long> Counters,
    ReportBaseline? Baseline,
    JsonElement? ServerStats,
    IReadOnlyList<ReportWindow> Timeline);
