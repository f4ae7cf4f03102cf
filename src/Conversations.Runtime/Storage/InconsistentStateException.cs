namespace Conversations.Runtime.Storage;

/// <summary>A conditional write found a different ETag in storage than the one the activation holds.</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message) : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public InconsistentStateException(string message, string? storedETag, string? currentETag)
        : base($"{message} (stored ETag '{storedETag ?? "none"}', activation's ETag '{currentETag ?? "none"}')")
    {
        StoredETag = storedETag;
        CurrentETag = currentETag;
    }

    public string? StoredETag { get; }

    public string? CurrentETag { get; }
}
