namespace Conversations.Server.Metrics;

/// <summary>One line of the exposition: a sample name (with any <c>_bucket</c>/<c>_sum</c>/<c>_count</c> suffix), its labels and value.</summary>
public sealed record MetricSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
