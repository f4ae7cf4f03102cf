using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime;

namespace Conversations.Grains.Tests.Support;

/// <summary>An agent that only records what sessions tell it (session tests drive the session's agent side directly).</summary>
public sealed class FakeAgentGrain : Grain, IAgentGrain
{
    private readonly FakeRouting _routing;

    public FakeAgentGrain(FakeRouting routing)
    {
        _routing = routing;
    }

    public Task DeliverEvent(ConversationEvent conversationEvent)
    {
        _routing.Delivered.Add((GetPrimaryKeyString(), conversationEvent));
        return Task.CompletedTask;
    }

    public Task OnSessionEnded(string sessionId, TimeSpan handleTime, bool handled)
    {
        _routing.Ended.Add((GetPrimaryKeyString(), sessionId, handleTime));
        return Task.CompletedTask;
    }

    public Task SetProfile(AgentProfile profile) => throw new NotSupportedException();

    public Task<AgentSnapshot> GoOnline(AgentPresence presence) => throw new NotSupportedException();

    public Task<AgentStatus> SetAvailability(AgentStatus status) => throw new NotSupportedException();

    public Task<AgentStatus> GoOffline() => throw new NotSupportedException();

    public Task<AgentSnapshot> GetSnapshot() => throw new NotSupportedException();

    public Task Connect(Subscriber subscriber) => throw new NotSupportedException();

    public Task Disconnect(string connectionId) => throw new NotSupportedException();

    public Task<bool> ReceiveOffer(Offer offer) => throw new NotSupportedException();

    public Task RevokeOffer(string offerId, string reason, bool expired) => throw new NotSupportedException();

    public Task LookForWork() => throw new NotSupportedException();

    public Task<AssignmentResult> AcceptOffer(string offerId) => throw new NotSupportedException();

    public Task DeclineOffer(string offerId, string? reason) => throw new NotSupportedException();

    public Task<PostResult> SendMessage(string sessionId, string clientMessageId, string text) => throw new NotSupportedException();

    public Task<SessionStatus> TransferSession(string sessionId, string queue) => throw new NotSupportedException();

    public Task<SessionStatus> ResolveSession(string sessionId, string resolution) => throw new NotSupportedException();

    public Task<bool> CanSee(string sessionId) => throw new NotSupportedException();
}
