namespace Conversations.Load.Tests.Fixtures;

/// <summary>How the fake server misbehaves.</summary>
public enum FakeFault
{
    None,

    /// <summary>Acknowledges every customer message but leaves the first one of each session out of the transcript.</summary>
    DropAcked,

    /// <summary>Stores every customer message twice (two seqs), acknowledging the first.</summary>
    Duplicate,
}
