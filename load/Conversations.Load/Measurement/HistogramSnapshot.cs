namespace Conversations.Load.Measurement;

/// <summary>A histogram's non-empty buckets as <c>[index, count]</c> pairs, with the sum and max in microseconds.</summary>
public sealed record HistogramSnapshot(IReadOnlyList<long[]> Buckets, long Sum, long Max);
