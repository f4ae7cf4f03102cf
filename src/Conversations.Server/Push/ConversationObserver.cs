using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Sessions;
using Conversations.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Server.Push;

/// <summary>
/// The one observer of this process: grains push events, offers and assignments to it, and it forwards them to
/// the SignalR connection they name (client methods <c>Event</c>, <c>Offer</c>, <c>OfferRevoked</c>, <c>SessionAssigned</c>).
/// </summary>
/// <remarks>
/// It returns as soon as the message is queued for the connection: a slow client must never hold up a grain's turn.
/// A connection that is gone is not an error here; hubs unsubscribe connections when they close.
/// </remarks>
public sealed class ConversationObserver(
    IHubContext<CustomerHub> customers,
    IHubContext<AgentHub> agents,
    ILogger<ConversationObserver> logger) : IConversationObserver
{
    public const string EventMethod = "Event";
    public const string OfferMethod = "Offer";
    public const string OfferRevokedMethod = "OfferRevoked";
    public const string SessionAssignedMethod = "SessionAssigned";

    public Task OnEvent(string connectionId, ConversationEvent conversationEvent) => Send(connectionId, EventMethod, conversationEvent);

    public Task OnOffer(string connectionId, Offer offer) => Send(connectionId, OfferMethod, offer);

    public Task OnOfferRevoked(string connectionId, OfferRevoked revoked) => Send(connectionId, OfferRevokedMethod, revoked);

    public Task OnSessionAssigned(string connectionId, SessionAssigned assigned) => Send(connectionId, SessionAssignedMethod, assigned);

    private Task Send(string connectionId, string method, object payload)
    {
        if (!PushConnectionIds.TryParse(connectionId, out var isAgent, out var signalRId))
        {
            logger.LogWarning("Push {Method} to an unknown connection id was dropped", method);
            return Task.CompletedTask;
        }

        var client = isAgent ? agents.Clients.Client(signalRId) : customers.Clients.Client(signalRId);
        var sending = client.SendAsync(method, payload);
        if (!sending.IsCompletedSuccessfully) _ = ObserveAsync(sending, method, connectionId);
        return Task.CompletedTask;
    }

    private async Task ObserveAsync(Task sending, string method, string connectionId)
    {
        try
        {
            await sending;
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Push {Method} to connection {Connection} failed", method, connectionId);
        }
    }
}
