namespace Conversations.Server.Metrics;

/// <summary>The Prometheus metric types this server exposes.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
