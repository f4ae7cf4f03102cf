using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime;

namespace Conversations.Abstractions.Push;

/// <summary>
/// Implemented by each gateway server (one per process): grains push to a connection through it,
/// wherever the connection is. Calls are answered so a grain learns when a server is gone and drops it.
/// </summary>
public interface IConversationObserver : IGrainObserver
{
    Task OnEvent(string connectionId, ConversationEvent conversationEvent);

    Task OnOffer(string connectionId, Offer offer);

    Task OnOfferRevoked(string connectionId, OfferRevoked revoked);

    Task OnSessionAssigned(string connectionId, SessionAssigned assigned);
}
