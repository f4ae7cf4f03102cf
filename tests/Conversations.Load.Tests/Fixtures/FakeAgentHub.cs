using System.Collections.Concurrent;
using Conversations.Load.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Load.Tests.Fixtures;

/// <summary>
/// An agent hub that plays the offer races an agent console meets: an offer revoked before the agent answers
/// (<c>o-gone</c>), one refused and revoked right after the refusal (<c>o-race</c>), and one refused with no
/// revocation at all (<c>o-broken</c>, a real error).
/// </summary>
public sealed class FakeAgentHub(IHubContext<FakeAgentHub> hub, FakeAgentLog log) : Hub
{
    public async Task<GoOnlineResult> GoOnline(GoOnlineRequest request)
    {
        foreach (string offerId in (string[])["o-gone", "o-race", "o-broken"])
        {
            await Clients.Caller.SendAsync("Offer", new OfferMessage(offerId, "s-" + offerId, "aftersales:zh", 0, DateTimeOffset.UtcNow.AddSeconds(20), null));
        }

        await Clients.Caller.SendAsync("OfferRevoked", new OfferRevokedMessage("o-gone", "closed"));
        return new GoOnlineResult("available", []);
    }

    public AcceptOfferResult AcceptOffer(AcceptOfferRequest request)
    {
        log.Accepts.Enqueue(request.OfferId);
        if (request.OfferId == "o-race")
        {
            // The revocation trails the refusal, as a push can trail a call's answer.
            string connection = Context.ConnectionId;
            _ = Task.Run(async () =>
            {
                await Task.Delay(100);
                await hub.Clients.Client(connection).SendAsync("OfferRevoked", new OfferRevokedMessage("o-race", "closed"));
            });
        }

        throw new HubException($"E_CONFLICT: Offer {request.OfferId} is not open.");
    }
}

/// <summary>What the agents asked of <see cref="FakeAgentHub"/>.</summary>
public sealed class FakeAgentLog
{
    public ConcurrentQueue<string> Accepts { get; } = new();
}
