using System.Net;

namespace Conversations.Client;

/// <summary>Connecting to a hub failed: negotiation, the WebSocket upgrade or the handshake.</summary>
public sealed class HubConnectionException : Exception
{
    public HubConnectionException()
    {
    }

    public HubConnectionException(string message)
        : base(message)
    {
    }

    public HubConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HubConnectionException(string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the server answered negotiation or the WebSocket upgrade with, when it got that far.</summary>
    public HttpStatusCode? StatusCode { get; }
}
