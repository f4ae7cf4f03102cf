using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Queues;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime;
using Conversations.Server.Auth;
using Conversations.Server.Push;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Server.Hubs;

/// <summary>
/// <c>/hubs/agent</c>: an agent (the token's <c>sub</c>) goes online, takes offers, writes, transfers and resolves.
/// Once online the connection receives <c>Offer</c>, <c>OfferRevoked</c>, <c>SessionAssigned</c> and the
/// <c>Event</c>s of every session assigned to the agent.
/// </summary>
[Authorize(Policy = AuthPolicies.Agent)]
public sealed class AgentHub(
    IGrainFactory grains,
    PushObserver push,
    IServiceProvider services,
    ILogger<AgentHub> logger) : Hub
{
    public const string Path = "/hubs/agent";
    private const int MaxCapacity = 100;
    private const int SuggestionContextEvents = 20;

    public async Task<GoOnlineResponse> GoOnline(JsonElement request)
    {
        var input = HubInput.Parse<GoOnlineRequest>(request);
        var skills = HubInput.Words(input.Skills, "skills");
        var languages = HubInput.Words(input.Languages, "languages");
        var capacity = input.Capacity ?? throw ConversationException.BadRequest("capacity is required.");
        if (capacity is < 1 or > MaxCapacity) throw ConversationException.BadRequest($"capacity must be between 1 and {MaxCapacity}.");

        var agent = Agent();
        // Connected first, so an offer made the moment the agent is available already has somewhere to go.
        await ConnectAsync(agent);
        var snapshot = await agent.GoOnline(new AgentPresence(skills, languages, capacity));
        return new GoOnlineResponse(HubInput.StatusName(snapshot.Status), snapshot.ActiveSessions, snapshot.PendingOffers);
    }

    public async Task<StatusResponse> SetAvailability(JsonElement request)
    {
        var input = HubInput.Parse<SetAvailabilityRequest>(request);
        var status = HubInput.Word(input.Status, "status") switch
        {
            "available" => AgentStatus.Available,
            "away" => AgentStatus.Away,
            _ => throw ConversationException.BadRequest("status must be 'available' or 'away'."),
        };
        return new StatusResponse(HubInput.StatusName(await Agent().SetAvailability(status)));
    }

    public async Task<StatusResponse> GoOffline() => new(HubInput.StatusName(await Agent().GoOffline()));

    public async Task<AssignmentResult> AcceptOffer(JsonElement request)
    {
        var input = HubInput.Parse<AcceptOfferRequest>(request);
        return await Agent().AcceptOffer(HubInput.Id(input.OfferId, "offerId"));
    }

    public async Task<OkResponse> DeclineOffer(JsonElement request)
    {
        var input = HubInput.Parse<DeclineOfferRequest>(request);
        var offerId = HubInput.Id(input.OfferId, "offerId");
        await Agent().DeclineOffer(offerId, HubInput.Note(input.Reason, "reason", 200));
        return new OkResponse(true);
    }

    public async Task<PostResult> SendMessage(JsonElement request)
    {
        var input = HubInput.Parse<SendMessageRequest>(request);
        var sessionId = HubInput.Id(input.SessionId, "sessionId");
        var clientMessageId = HubInput.ClientMessageId(input.ClientMessageId);
        var text = HubInput.Text(input.Text);
        // The agent grain refuses (E_FORBIDDEN) a session not assigned to the agent.
        return await Agent().SendMessage(sessionId, clientMessageId, text);
    }

    public async Task<StatusResponse> TransferSession(JsonElement request)
    {
        var input = HubInput.Parse<TransferSessionRequest>(request);
        var sessionId = HubInput.Id(input.SessionId, "sessionId");
        var queue = HubInput.Word(input.Queue, "queue", 64);
        if (!QueueNames.TryParse(queue, out _, out _))
        {
            throw ConversationException.BadRequest($"queue must be <skill>:<language> with skill {string.Join('|', QueueNames.Skills)} and language {string.Join('|', QueueNames.Languages)}.");
        }

        return new StatusResponse(HubInput.StatusName(await Agent().TransferSession(sessionId, queue)));
    }

    public async Task<StatusResponse> ResolveSession(JsonElement request)
    {
        var input = HubInput.Parse<ResolveSessionRequest>(request);
        var sessionId = HubInput.Id(input.SessionId, "sessionId");
        var resolution = HubInput.Word(input.Resolution, "resolution", 64);
        return new StatusResponse(HubInput.StatusName(await Agent().ResolveSession(sessionId, resolution)));
    }

    public async Task<IReadOnlyList<Suggestion>> GetSuggestions(JsonElement request)
    {
        var input = HubInput.Parse<SessionRequest>(request);
        var sessionId = HubInput.Id(input.SessionId, "sessionId");
        await RequireVisibleAsync(sessionId);
        var bot = services.GetService<IConversationBot>() ?? throw ConversationException.Conflict("reply suggestions are not available on this server.");

        var session = grains.GetGrain<ISessionGrain>(sessionId);
        var snapshot = await session.GetSnapshot();
        var recent = await session.GetHistory(Math.Max(0, snapshot.LastSeq - SuggestionContextEvents), SuggestionContextEvents);
        var customer = await grains.GetGrain<ICustomerGrain>(snapshot.CustomerId).GetContext();
        var context = new BotContext(sessionId, snapshot.CustomerId, snapshot.Language, customer.Profile.Tier, snapshot.Channel, snapshot.OrderId, 0, recent);
        return await bot.SuggestAsync(context, Context.ConnectionAborted);
    }

    /// <summary>
    /// Not in PROTOCOL.md v1 (an extension): events of a session assigned or offered to the agent, for a console that
    /// reconnects and fills the gap (pushes keep coming through the agent's own connection), or of the earlier session
    /// such a session is a repeat contact about (its summary's <c>previousSessionId</c>).
    /// </summary>
    public async Task<IReadOnlyList<ConversationEvent>> GetHistory(JsonElement request)
    {
        var input = HubInput.Parse<GetHistoryRequest>(request);
        var sessionId = HubInput.Id(input.SessionId, "sessionId");
        var afterSeq = HubInput.AfterSeq(input.AfterSeq);
        var limit = HubInput.Limit(input.Limit);
        await RequireVisibleAsync(sessionId);
        return await grains.GetGrain<ISessionGrain>(sessionId).GetHistory(afterSeq, limit);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (ConnectionItems.Of(Context).AgentConnected)
        {
            var connectionId = PushConnectionIds.Agent(Context.ConnectionId);
            try
            {
                await Agent().Disconnect(connectionId);
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Disconnecting connection {Connection} from its agent failed", connectionId);
            }
        }

        await base.OnDisconnectedAsync(exception);
    }

    private IAgentGrain Agent() => grains.GetGrain<IAgentGrain>(Context.CallerId());

    private async Task ConnectAsync(IAgentGrain agent)
    {
        var items = ConnectionItems.Of(Context);
        if (items.AgentConnected) return;
        await agent.Connect(push.SubscriberFor(PushConnectionIds.Agent(Context.ConnectionId)));
        items.AgentConnected = true;
    }

    /// <summary>An agent reaches only sessions assigned or offered to them (a session just resolved by them stays readable).</summary>
    private async Task RequireVisibleAsync(string sessionId)
    {
        var agentId = Context.CallerId();
        if (await grains.GetGrain<IAgentGrain>(agentId).CanSee(sessionId)) return;
        if (await grains.GetGrain<ISessionGrain>(sessionId).IsVisibleToAgent(agentId)) return;
        throw ConversationException.Forbidden("this session is not assigned or offered to you.");
    }
}
