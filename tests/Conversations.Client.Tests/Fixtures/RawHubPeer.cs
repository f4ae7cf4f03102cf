using System.Net.WebSockets;
using System.Text;

namespace Conversations.Client.Tests.Fixtures;

/// <summary>Reads and writes hub protocol records on a server-side WebSocket, for <see cref="RawHubEndpoint"/>.</summary>
public sealed class RawHubPeer(WebSocket socket)
{
    private readonly List<byte> _pending = [];
    private readonly byte[] _buffer = new byte[8192];

    /// <summary>The next record without its separator, or null once the client closed.</summary>
    public async Task<string?> ReadRecordAsync()
    {
        while (true)
        {
            int separator = _pending.IndexOf(0x1E);
            if (separator >= 0)
            {
                string record = Encoding.UTF8.GetString([.. _pending.GetRange(0, separator)]);
                _pending.RemoveRange(0, separator + 1);
                return record;
            }

            WebSocketReceiveResult result = await socket.ReceiveAsync(_buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync();
                return null;
            }

            _pending.AddRange(_buffer.AsSpan(0, result.Count));
        }
    }

    public Task SendAsync(string text, bool endOfMessage = true) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage, CancellationToken.None);

    /// <summary>Reads and ignores everything until the client closes or the connection drops.</summary>
    public async Task DrainUntilClosedAsync()
    {
        try
        {
            while (await ReadRecordAsync() is not null)
            {
            }
        }
        catch (WebSocketException)
        {
            // The client aborted, which some tests do on purpose.
        }
    }

    public async Task CloseAsync()
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
    }
}
