using System.Collections.ObjectModel;
using System.Net;
using System.Text.Json;

namespace Conversations.Client;

/// <summary>How a <see cref="HubConnection"/> authenticates, serializes and keeps itself alive.</summary>
/// <remarks>A record, so a load tool can share one and vary it per connection: <c>options with { AccessToken = t }</c>.</remarks>
public sealed record HubConnectionOptions
{
    /// <summary>Bearer token: sent as <c>Authorization: Bearer</c> on negotiate and as <c>access_token</c> on the WebSocket URL.</summary>
    public string? AccessToken { get; init; }

    /// <summary>Called once per start to get the token; use instead of <see cref="AccessToken"/>, not with it.</summary>
    public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; init; }

    /// <summary>For arguments, results and handler payloads; defaults to <see cref="JsonSerializerOptions.Web"/> (camelCase).</summary>
    public JsonSerializerOptions SerializerOptions { get; init; } = JsonSerializerOptions.Web;

    /// <summary>Connect the WebSocket directly, without <c>POST …/negotiate</c> (the server must allow it; no <see cref="HubConnection.ConnectionId"/>).</summary>
    public bool SkipNegotiation { get; init; }

    /// <summary>A Ping is sent when nothing else was sent for this long; <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The connection counts as lost when nothing arrived for this long (the server pings every 15 s by default).</summary>
    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the server's handshake response.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Extra headers for the negotiate request and the WebSocket upgrade.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>A received message above this many bytes closes the connection; at least 4096.</summary>
    public int MaximumReceiveMessageSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// The local address to connect from (null: the system's choice). A load test spreads connections over several
    /// loopback addresses (127.0.0.2, 127.0.0.3…) because one source address has only about 28,000 ports towards one server.
    /// </summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary>Told about exceptions thrown by <c>On</c> handlers (method name, exception); they are otherwise swallowed.</summary>
    public Action<string, Exception>? HandlerError { get; init; }

    internal void Validate()
    {
        if (SerializerOptions is null)
        {
            throw new ArgumentException($"{nameof(HubConnectionOptions)}.{nameof(SerializerOptions)} must not be null.", "options");
        }

        if (AccessToken is not null && AccessTokenProvider is not null)
        {
            throw new ArgumentException(
                $"Set either {nameof(HubConnectionOptions)}.{nameof(AccessToken)} or {nameof(AccessTokenProvider)}, not both.", "options");
        }

        RequirePositiveOrInfinite(KeepAliveInterval, nameof(KeepAliveInterval));
        RequirePositiveOrInfinite(ServerTimeout, nameof(ServerTimeout));
        if (HandshakeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(HubConnectionOptions)}.{nameof(HandshakeTimeout)} must be positive.", "options");
        }

        if (Headers is null)
        {
            throw new ArgumentException($"{nameof(HubConnectionOptions)}.{nameof(Headers)} must not be null.", "options");
        }

        if (MaximumReceiveMessageSize < 4096)
        {
            throw new ArgumentException($"{nameof(HubConnectionOptions)}.{nameof(MaximumReceiveMessageSize)} must be at least 4096.", "options");
        }
    }

    private static void RequirePositiveOrInfinite(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{nameof(HubConnectionOptions)}.{name} must be positive or Timeout.InfiniteTimeSpan.", "options");
        }
    }
}
