namespace Conversations.Runtime.Cluster;

/// <summary>One silo's vote that another missed its probes, and when it was cast.</summary>
public sealed record Suspicion(SiloAddress Voter, DateTimeOffset At);
