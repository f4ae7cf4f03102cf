namespace Conversations.Load.Measurement;

/// <summary>The percentiles of one latency, in milliseconds, as <c>report.json</c> shows them.</summary>
public sealed record LatencySummary(long Count, double P50, double P95, double P99, double Max, double Mean);
