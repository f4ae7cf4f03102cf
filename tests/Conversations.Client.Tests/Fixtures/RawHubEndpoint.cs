using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Conversations.Client.Tests.Fixtures;

/// <summary>
/// A hand-written hub protocol peer at <c>/raw/{scenario}</c>, for server behaviour a real hub does not produce on
/// demand: rejected handshakes, Close messages with errors, silence, split frames and garbage.
/// </summary>
public static class RawHubEndpoint
{
    public const string RejectHandshake = "reject-handshake";
    public const string CloseWithError = "close-with-error";
    public const string Silent = "silent";
    public const string AnswerPings = "answer-pings";
    public const string Fragmented = "fragmented";
    public const string InvalidMessage = "invalid-message";
    public const string ReportCancels = "report-cancels";

    public const string HandshakeError = "Requested protocol 'json' is not available on this test endpoint.";
    public const string CloseError = "Server is shutting down.";
    public const int LargeArgumentLength = 200_000;

    private const string HandshakeOk = "{}\u001e";

    public static async Task HandleAsync(HttpContext context, string scenario)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        var peer = new RawHubPeer(socket);
        await peer.ReadRecordAsync(); // the handshake request
        switch (scenario)
        {
            case RejectHandshake:
                await peer.SendAsync($"{{\"error\":\"{HandshakeError}\"}}\u001e");
                await peer.CloseAsync();
                return;
            case CloseWithError:
                await peer.SendAsync(HandshakeOk);
                await peer.SendAsync($"{{\"type\":7,\"error\":\"{CloseError}\",\"allowReconnect\":true}}\u001e");
                break;
            case Silent:
                await peer.SendAsync(HandshakeOk);
                break;
            case AnswerPings:
                await peer.SendAsync(HandshakeOk);
                await AnswerPingsAsync(peer);
                return;
            case Fragmented:
                await SendFragmentedAsync(peer);
                break;
            case ReportCancels:
                await peer.SendAsync(HandshakeOk);
                await ReportCancelsAsync(peer);
                return;
            case InvalidMessage:
                await peer.SendAsync(HandshakeOk);
                await peer.SendAsync("this is not json\u001e");
                break;
            default:
                await peer.CloseAsync();
                return;
        }

        await peer.DrainUntilClosedAsync();
    }

    private static async Task AnswerPingsAsync(RawHubPeer peer)
    {
        while (await peer.ReadRecordAsync() is { } record)
        {
            if (record.Replace(" ", "", StringComparison.Ordinal) == "{\"type\":6}")
            {
                await peer.SendAsync("{\"type\":1,\"target\":\"PingSeen\",\"arguments\":[]}\u001e");
            }
        }
    }

    /// <summary>Never completes invocations; answers each CancelInvocation with a <c>CancelSeen(invocationId)</c> push.</summary>
    private static async Task ReportCancelsAsync(RawHubPeer peer)
    {
        while (await peer.ReadRecordAsync() is { } record)
        {
            using JsonDocument message = JsonDocument.Parse(record);
            if (message.RootElement.GetProperty("type").GetInt32() == 5)
            {
                string invocationId = message.RootElement.GetProperty("invocationId").GetString()!;
                await peer.SendAsync($"{{\"type\":1,\"target\":\"CancelSeen\",\"arguments\":[\"{invocationId}\"]}}\u001e");
            }
        }
    }

    private static async Task SendFragmentedAsync(RawHubPeer peer)
    {
        // The handshake response and a first message share a frame.
        await peer.SendAsync(HandshakeOk + "{\"type\":1,\"target\":\"Part\",\"arguments\":[\"one\"]}\u001e{\"type\":1,\"tar");

        // The second message ends in a later frame, itself split into two WebSocket fragments.
        await peer.SendAsync("get\":\"Part\",\"argu", endOfMessage: false);
        await peer.SendAsync("ments\":[\"two\"]}\u001e");

        // Far larger than the client's initial receive buffer, with escaped and non-ASCII text.
        var large = new StringBuilder("{\"type\":1,\"target\":\"Part\",\"arguments\":[\"");
        large.Append('订', LargeArgumentLength - 1).Append("\\n\"]}\u001e");
        await peer.SendAsync(large.ToString());
    }
}
