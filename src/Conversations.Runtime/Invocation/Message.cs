namespace Conversations.Runtime.Invocation;

/// <summary>
/// Anything queued on an activation. The queue is intrusive (each message links to the next), so an
/// idle activation holds no buffer at all.
/// </summary>
public abstract class Message
{
    internal Message? Next { get; set; }

    /// <summary>Arrival order within its activation, so continuations and new calls of a reentrant grain run first-come first-served.</summary>
    internal long Arrival { get; set; }

    /// <summary>Whether the message runs regardless of a non-reentrant grain's current request.</summary>
    internal virtual bool Interleaves => false;
}
