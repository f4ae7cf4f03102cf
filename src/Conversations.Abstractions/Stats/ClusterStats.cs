namespace Conversations.Abstractions.Stats;

/// <summary>The counters of the cluster: the sum of the latest report of each of <paramref name="Silos"/> live silos.</summary>
public sealed record ClusterStats(int Silos, StatsCounts Totals);
