namespace Conversations.Runtime.Cluster;

/// <summary>The membership table as read at one version; writes are conditional on that version.</summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<MembershipEntry> Entries)
{
    public MembershipEntry? Find(SiloAddress silo) => Entries.FirstOrDefault(e => e.Silo == silo);
}
