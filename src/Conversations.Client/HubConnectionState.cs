namespace Conversations.Client;

/// <summary>Where a <see cref="HubConnection"/> is in its single life: not yet started or closed, starting, or open.</summary>
public enum HubConnectionState
{
    /// <summary>Not started yet, or closed (a connection is not restarted; create a new one).</summary>
    Disconnected,

    /// <summary>Negotiating, opening the WebSocket or waiting for the handshake.</summary>
    Connecting,

    /// <summary>Open: invocations may be sent.</summary>
    Connected,
}
