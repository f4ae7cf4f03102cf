using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Orders;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime;
using Conversations.Server.Admission;
using Conversations.Server.Api;
using Conversations.Server.Auth;
using Conversations.Server.Push;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Server.Hubs;

/// <summary>
/// <c>/hubs/customer</c>: a customer (the token's <c>sub</c>) starts or resumes a conversation, writes, reads history,
/// asks for a person, rates and closes. Events arrive as <c>Event</c> once the connection follows the session. A session
/// id that is not the customer's, existing or not, is refused alike (<see cref="SessionAccess.NotYours"/>).
/// </summary>
[Authorize(Policy = AuthPolicies.Customer)]
public sealed class CustomerHub(
    IGrainFactory grains,
    PushObserver push,
    AdmissionControl admission,
    ILogger<CustomerHub> logger) : Hub
{
    public const string Path = "/hubs/customer";

    public async Task<StartSessionResponse> StartSession(JsonElement request)
    {
        var input = HubInput.Parse<StartSessionRequest>(request);
        var channel = HubInput.Word(input.Channel, "channel");
        var language = HubInput.Language(input.Language);
        var orderId = HubInput.OptionalId(input.OrderId, "orderId", 64);
        var customerId = Context.CallerId();

        // Someone else's order (or none at all) must not become the topic of this customer's conversation.
        if (orderId is not null) await grains.GetGrain<IOrderGrain>(orderId).Get(customerId);

        var customer = grains.GetGrain<ICustomerGrain>(customerId);
        var admitted = admission.TryAdmit(out var refusal);
        if (!admitted && (await customer.GetContext()).OpenSessionId is null) throw refusal!;

        var result = await customer.StartSession(channel, language, orderId);
        if (admitted && result.Resumed) admission.Return();
        await SubscribeAsync(result.SessionId);
        return new StartSessionResponse(result.SessionId, HubInput.StatusName(result.Status), result.LastSeq, result.Resumed);
    }

    public async Task<PostResult> SendMessage(JsonElement request)
    {
        var input = HubInput.Parse<SendMessageRequest>(request);
        var sessionId = HubInput.Id(input.SessionId, "sessionId");
        var clientMessageId = HubInput.ClientMessageId(input.ClientMessageId);
        var text = HubInput.Text(input.Text);
        return await SessionAccess.AsOwnerAsync(() => Session(sessionId).PostCustomerMessage(Context.CallerId(), clientMessageId, text));
    }

    /// <summary>Events after <c>afterSeq</c>; the connection follows the session from now on, so nothing falls between history and push.</summary>
    public async Task<IReadOnlyList<ConversationEvent>> GetHistory(JsonElement request)
    {
        var input = HubInput.Parse<GetHistoryRequest>(request);
        var sessionId = HubInput.Id(input.SessionId, "sessionId");
        var afterSeq = HubInput.AfterSeq(input.AfterSeq);
        var limit = HubInput.Limit(input.Limit);
        var session = Session(sessionId);
        if (!ConnectionItems.Of(Context).IsSubscribed(sessionId))
        {
            var snapshot = await SessionAccess.AsOwnerAsync(session.GetSnapshot);
            if (snapshot.CustomerId != Context.CallerId()) throw SessionAccess.NotYours();
            await SubscribeAsync(sessionId);
        }

        return await session.GetHistory(afterSeq, limit);
    }

    public async Task<StatusResponse> RequestAgent(JsonElement request)
    {
        var input = HubInput.Parse<RequestAgentRequest>(request);
        var sessionId = HubInput.Id(input.SessionId, "sessionId");
        var reason = HubInput.Note(input.Reason, "reason", 500);
        var status = await SessionAccess.AsOwnerAsync(() => Session(sessionId).RequestAgent(Context.CallerId(), reason));
        return new StatusResponse(HubInput.StatusName(status));
    }

    public async Task<OkResponse> RateSession(JsonElement request)
    {
        var input = HubInput.Parse<RateSessionRequest>(request);
        var sessionId = HubInput.Id(input.SessionId, "sessionId");
        var score = input.Score ?? throw ConversationException.BadRequest("score is required.");
        if (score is < 1 or > 5) throw ConversationException.BadRequest("score must be between 1 and 5.");
        var comment = HubInput.Note(input.Comment, "comment");
        return await SessionAccess.AsOwnerAsync(async () =>
        {
            await Session(sessionId).Rate(Context.CallerId(), score, comment);
            return new OkResponse(true);
        });
    }

    public async Task<StatusResponse> CloseSession(JsonElement request)
    {
        var input = HubInput.Parse<SessionRequest>(request);
        var sessionId = HubInput.Id(input.SessionId, "sessionId");
        var status = await SessionAccess.AsOwnerAsync(() => Session(sessionId).Close(Context.CallerId()));
        return new StatusResponse(HubInput.StatusName(status));
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var connectionId = PushConnectionIds.Customer(Context.ConnectionId);
        var sessions = ConnectionItems.Of(Context).TakeSubscriptions();
        await Task.WhenAll(sessions.Select(id => UnsubscribeAsync(id, connectionId)));
        await base.OnDisconnectedAsync(exception);
    }

    private ISessionGrain Session(string sessionId) => grains.GetGrain<ISessionGrain>(sessionId);

    private async Task SubscribeAsync(string sessionId)
    {
        var items = ConnectionItems.Of(Context);
        if (items.IsSubscribed(sessionId)) return;
        if (!items.TryAddSubscription(sessionId))
        {
            throw ConversationException.Conflict($"one connection follows at most {ConnectionItems.MaxSubscriptions} sessions.");
        }

        try
        {
            await Session(sessionId).Subscribe(push.SubscriberFor(PushConnectionIds.Customer(Context.ConnectionId)));
        }
        catch
        {
            items.RemoveSubscription(sessionId);
            throw;
        }
    }

    private async Task UnsubscribeAsync(string sessionId, string connectionId)
    {
        try
        {
            await Session(sessionId).Unsubscribe(connectionId);
        }
        catch (Exception e)
        {
            // The session drops it anyway once a push finds the connection gone.
            logger.LogDebug(e, "Unsubscribing connection {Connection} from session {Session} failed", connectionId, sessionId);
        }
    }
}
