namespace Conversations.Runtime.Cluster;

/// <summary>Where a silo is in its life, as the membership table records it.</summary>
public enum SiloStatus
{
    Joining,
    Active,
    ShuttingDown,
    Dead,
}
