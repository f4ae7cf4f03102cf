namespace Conversations.Client;

/// <summary>The connection closed (or was already closed) before an operation could complete.</summary>
public sealed class HubConnectionClosedException : Exception
{
    public HubConnectionClosedException()
        : base("The hub connection is closed.")
    {
    }

    public HubConnectionClosedException(string message)
        : base(message)
    {
    }

    public HubConnectionClosedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public HubConnectionClosedException(string message, Exception? innerException, bool allowReconnect)
        : base(message, innerException)
    {
        AllowReconnect = allowReconnect;
    }

    /// <summary>True when the server's Close message said a client may reconnect.</summary>
    public bool AllowReconnect { get; }
}
