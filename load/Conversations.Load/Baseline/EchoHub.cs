using System.Text.Json;
using Conversations.Load.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Load.Baseline;

/// <summary>
/// The bare limit: the customer hub's methods with no engine behind them. <c>SendMessage</c> acks at once and pushes the
/// text straight back as a bot event, so the same client pattern measures only SignalR, JSON and the machine.
/// </summary>
public sealed class EchoHub : Hub
{
    private const string SeqKey = "seq";

    public StartSessionResult StartSession(StartSessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Context.Items[SeqKey] = 0L;
        return new StartSessionResult(Context.ConnectionId, "bot", 0, false);
    }

    public async Task<SendMessageResult> SendMessage(SendMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long seq = (Context.Items.TryGetValue(SeqKey, out object? s) ? (long)s! : 0) + 1;
        Context.Items[SeqKey] = seq + 1;
        var echo = new ConversationEvent(request.SessionId, seq + 1, "message", new EventSender("bot", "echo", null), request.Text, DateTimeOffset.UtcNow, (JsonElement?)null);
        await Clients.Caller.SendAsync("Event", echo);
        return new SendMessageResult(seq, false);
    }

    public ConversationEvent[] GetHistory(GetHistoryRequest request) => [];

    public StatusResult RequestAgent(RequestAgentRequest request) => new("queued");

    public OkResult RateSession(RateSessionRequest request) => new(true);

    public StatusResult CloseSession(SessionRequest request) => new("closed");
}
