using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Tests.Support;

/// <summary>Stands in for a gateway server: records what grains push to its connections.</summary>
public sealed class TestObserver : IConversationObserver
{
    public Recorder<ConversationEvent> Events { get; } = new();

    public Recorder<Offer> Offers { get; } = new();

    public Recorder<OfferRevoked> Revoked { get; } = new();

    public Recorder<SessionAssigned> Assigned { get; } = new();

    public Task OnEvent(string connectionId, ConversationEvent conversationEvent)
    {
        Events.Add(conversationEvent);
        return Task.CompletedTask;
    }

    public Task OnOffer(string connectionId, Offer offer)
    {
        Offers.Add(offer);
        return Task.CompletedTask;
    }

    public Task OnOfferRevoked(string connectionId, OfferRevoked revoked)
    {
        Revoked.Add(revoked);
        return Task.CompletedTask;
    }

    public Task OnSessionAssigned(string connectionId, SessionAssigned assigned)
    {
        Assigned.Add(assigned);
        return Task.CompletedTask;
    }

    /// <summary>The first pushed event of <paramref name="kind"/> matching <paramref name="match"/>.</summary>
    public Task<ConversationEvent> WaitForAsync(string kind, Func<ConversationEvent, bool>? match = null) =>
        Events.WaitForAsync(e => e.Kind == kind && (match?.Invoke(e) ?? true));
}
