namespace Conversations.Server.Metrics;

/// <summary>A metric as Prometheus groups it: one name, type and help text, and its samples.</summary>
public sealed record MetricFamily(string Name, MetricKind Kind, string? Help, IReadOnlyList<MetricSample> Samples);
