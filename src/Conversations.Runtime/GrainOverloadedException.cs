namespace Conversations.Runtime;

/// <summary>The call was refused because the target's queue (or a silo's send queue) is full. Retry later.</summary>
public sealed class GrainOverloadedException : Exception
{
    public GrainOverloadedException()
    {
    }

    public GrainOverloadedException(string message) : base(message)
    {
    }

    public GrainOverloadedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
