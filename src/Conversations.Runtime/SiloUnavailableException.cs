namespace Conversations.Runtime;

/// <summary>The silo that should run the call is not running (not started, shutting down, or dead). Retryable.</summary>
public sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException()
    {
    }

    public SiloUnavailableException(string message) : base(message)
    {
    }

    public SiloUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
