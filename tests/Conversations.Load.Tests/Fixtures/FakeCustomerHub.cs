using Conversations.Load.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Load.Tests.Fixtures;

/// <summary>The customer hub of PROTOCOL.md over <see cref="FakeStore"/>: acks, bot answers, history, with faults on demand.</summary>
public sealed class FakeCustomerHub(FakeStore store) : Hub
{
    public StartSessionResult StartSession(StartSessionRequest request) => new(store.NewSession(), "bot", 0, false);

    public async Task<SendMessageResult> SendMessage(SendMessageRequest request)
    {
        ConversationEvent stored = store.Append(request.SessionId, "customer", request.Text, request.ClientMessageId);
        if (store.Fault == FakeFault.Duplicate)
        {
            store.Append(request.SessionId, "customer", request.Text, request.ClientMessageId);
        }

        ConversationEvent bot = store.Append(request.SessionId, "bot", "您好，已为您查询。");
        await Clients.Caller.SendAsync("Event", stored);
        await Clients.Caller.SendAsync("Event", bot);
        return new SendMessageResult(stored.Seq, false);
    }

    public ConversationEvent[] GetHistory(GetHistoryRequest request) => store.History(request.SessionId, request.AfterSeq);

    public StatusResult RequestAgent(RequestAgentRequest request) => new("queued");

    public OkResult RateSession(RateSessionRequest request) => new(true);

    public StatusResult CloseSession(SessionRequest request) => new("closed");
}
