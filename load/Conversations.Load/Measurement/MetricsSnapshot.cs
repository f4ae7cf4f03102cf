namespace Conversations.Load.Measurement;

/// <summary>Everything <see cref="RunMetrics"/> holds, in a form a worker process can write as JSON for its parent.</summary>
public sealed record MetricsSnapshot(
    int Windows,
    double WindowSeconds,
    IReadOnlyDictionary<string, long> Counters,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, long>? ErrorsByMethod,
    IReadOnlyDictionary<string, HistogramSnapshot> Latencies,
    IReadOnlyDictionary<string, long[]> Series,
    IReadOnlyList<HistogramSnapshot?> AckWindows,
    IReadOnlyList<HistogramSnapshot?> BotReplyWindows);
