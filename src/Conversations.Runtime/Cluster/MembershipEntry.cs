namespace Conversations.Runtime.Cluster;

/// <summary>One silo's row in the membership table.</summary>
public sealed record MembershipEntry(
    SiloAddress Silo,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    IReadOnlyList<Suspicion> Suspicions);
