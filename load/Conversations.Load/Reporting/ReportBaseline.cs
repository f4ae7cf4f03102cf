using Conversations.Load.Measurement;

namespace Conversations.Load.Reporting;

/// <summary>The same pattern against the bare echo hub, and the engine as a ratio of it.</summary>
/// <param name="ThroughputRatio">Engine messages per second ÷ echo messages per second (meaningful with <c>--rate max</c>).</param>
/// <param name="AckP99Ratio">Echo ack p99 ÷ engine ack p99 (1 = as fast as the bare limit).</param>
public sealed record ReportBaseline(
    double MessagesPerSecond,
    long MessagesAcked,
    IReadOnlyDictionary<string, LatencySummary> LatencyMs,
    IReadOnlyDictionary<string, long> Errors,
    double ThroughputRatio,
    double AckP99Ratio);
