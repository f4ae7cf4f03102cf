using System.Net;
using System.Net.Http.Json;
using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Client;
using Conversations.Server.Auth;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hubs;

public sealed class AgentHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Presence_MovesFromAvailableToAwayToOffline()
    {
        await using var agent = await Server.ConnectAgentAsync("a-presence");
        var online = await agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "presales" }, languages = new[] { "zh" }, capacity = 3 });
        var away = await agent.InvokeAsync<StatusAnswer>("SetAvailability", new { status = "away" });
        var offline = await agent.InvokeAsync<StatusAnswer>("GoOffline");

        Assert.Equal("available", online.Status);
        Assert.Equal("away", away.Status);
        Assert.Equal("offline", offline.Status);
    }

    [Fact]
    public async Task Calls_OnASessionNeitherOfferedNorAssigned_AreForbidden()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-not-yours");
        var (session, _) = await ServerHost.StartSessionAsync(customer);
        var sessionId = session.SessionId;
        await using var agent = await Server.ConnectAgentAsync("a-nosy");

        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => agent.InvokeAsync<List<SuggestionAnswer>>("GetSuggestions", new { sessionId }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => agent.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId, afterSeq = 0 }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => agent.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "n-1", text = "hello" }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => agent.InvokeAsync<StatusAnswer>("ResolveSession", new { sessionId, resolution = "answered" }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => agent.InvokeAsync<StatusAnswer>("TransferSession", new { sessionId, queue = "general:en" }));

        using var rest = await Server.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}", ConversationRoles.Agent, "a-nosy");
        Assert.Equal(HttpStatusCode.Forbidden, rest.StatusCode);
    }

    [Fact]
    public async Task AcceptOffer_ThatWasNeverMade_IsAConflict()
    {
        await using var agent = await Server.ConnectAgentAsync("a-no-offer");
        await agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "complaints" }, languages = new[] { "zh" }, capacity = 1 });
        try
        {
            await Hub.FailsWithAsync(ErrorCodes.Conflict, () => agent.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = "o-never" }));
            await Hub.FailsWithAsync(ErrorCodes.Conflict, () => agent.InvokeAsync<OkAnswer>("DeclineOffer", new { offerId = "o-never" }));
        }
        finally
        {
            await agent.InvokeAsync<StatusAnswer>("GoOffline");
        }
    }

    [Fact]
    public async Task Calls_WithInvalidArguments_AreBadRequests()
    {
        await using var agent = await Server.ConnectAgentAsync("a-sloppy");

        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { languages = new[] { "en" }, capacity = 2 }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "general" }, languages = new[] { "en" }, capacity = 0 }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "juggling" }, languages = new[] { "en" }, capacity = 2 }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<StatusAnswer>("SetAvailability", new { status = "asleep" }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<StatusAnswer>("TransferSession", new { sessionId = "s-1", queue = "nowhere" }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<StatusAnswer>("ResolveSession", new { sessionId = "s-1" }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<AcceptAnswer>("AcceptOffer", new { }));
    }

    // The tests below start their own server: offers go to whichever agent serves a queue, so they must not meet the
    // agents and waiting sessions of other tests.

    [Fact]
    public async Task OfferRevoked_ReachesTheAgent_WhenTheCustomerLeavesBeforeItIsAccepted()
    {
        await using var server = await ServerHost.StartAsync();
        await using var offered = await OfferedAsync(server, "a-withdrawn", "c-leaves");
        var (agent, customer, offer) = offered;

        await customer.InvokeAsync<StatusAnswer>("CloseSession", new { sessionId = offer.SessionId });

        var revoked = await agent.Revoked.WaitForAsync(r => r.OfferId == offer.OfferId);
        Assert.Equal("closed", revoked.Reason);
        await Hub.FailsWithAsync(ErrorCodes.Conflict, () => agent.Connection.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = offer.OfferId }));
    }

    [Fact]
    public async Task OfferRevoked_ReachesTheAgent_WhenTheOfferExpires()
    {
        await using var server = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Conversations:Routing:OfferTimeout"] = "00:00:01" });
        await using var offered = await OfferedAsync(server, "a-slow", "c-waits");
        var (agent, _, offer) = offered;

        var revoked = await agent.Revoked.WaitForAsync(r => r.OfferId == offer.OfferId);

        Assert.Equal("expired", revoked.Reason);
        await Hub.FailsWithAsync(ErrorCodes.Conflict, () => agent.Connection.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = offer.OfferId }));
    }

    [Fact]
    public async Task DeclineOffer_IsConfirmedToTheAgent_AndTheQueueOffersTheSessionToAnotherAgent()
    {
        // Offers outlive the test's waits, so only the decline can bring the session to the second agent in time.
        await using var server = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Conversations:Routing:OfferTimeout"] = "00:05:00" });
        await using var offered = await OfferedAsync(server, "a-declines", "c-declined");
        var (first, _, offer) = offered;
        var sessionId = offer.SessionId;
        await using var second = await AgentClient.OnlineAsync(server, "a-takes-over");

        var declined = await first.Connection.InvokeAsync<OkAnswer>("DeclineOffer", new { offerId = offer.OfferId, reason = "not my area" });

        Assert.True(declined.Ok);
        Assert.Equal("declined", (await first.Revoked.WaitForAsync(r => r.OfferId == offer.OfferId)).Reason);
        var next = await second.Offers.WaitForAsync(o => o.SessionId == sessionId);
        Assert.NotEqual(offer.OfferId, next.OfferId);
        Assert.Single(first.Offers.Items, o => o.SessionId == sessionId);
    }

    [Fact]
    public async Task TransferSession_QueuesTheConversationForAnotherSkill_WhereAnotherAgentTakesItOver()
    {
        await using var server = await ServerHost.StartAsync();
        await using var generalist = await AgentClient.OnlineAsync(server, "a-generalist");
        await using var specialist = await AgentClient.OnlineAsync(server, "a-specialist", 2, "aftersales:en");
        await using var customer = await server.ConnectCustomerAsync("c-transferred");
        var (session, events) = await ServerHost.StartSessionAsync(customer);
        var sessionId = session.SessionId;
        await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "t-1", text = ScriptedBot.AgentPlease });
        var offer = await generalist.Offers.WaitForAsync(o => o.SessionId == sessionId);
        await generalist.Connection.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = offer.OfferId });

        var transferred = await generalist.Connection.InvokeAsync<StatusAnswer>("TransferSession", new { sessionId, queue = "aftersales:en" });

        Assert.Equal("queued", transferred.Status);
        var handedOn = await specialist.Offers.WaitForAsync(o => o.SessionId == sessionId);
        Assert.Equal("aftersales:en", handedOn.Queue);
        Assert.Equal("transfer", handedOn.Summary.Reason);
        await events.WaitForAsync(e => e.Kind == EventKinds.AgentLeft);
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => generalist.Connection.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "g-1", text = "still here?" }));

        await specialist.Connection.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = handedOn.OfferId });
        var joined = await events.WaitForAsync(e => e.Kind == EventKinds.AgentJoined && e.Data?.GetProperty("agentId").GetString() == "a-specialist");
        var reply = await specialist.Connection.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "s-1", text = "Aftersales here." });
        Assert.Equal(reply.Seq, (await events.WaitForAsync(e => e.Text == "Aftersales here.")).Seq);
        Assert.True(reply.Seq > joined.Seq);
    }

    [Fact]
    public async Task History_OfASessionOfferedButNotYetAccepted_IsReadableByThatAgent()
    {
        await using var server = await ServerHost.StartAsync();
        await using var agent = await AgentClient.OnlineAsync(server, "a-previews");
        await using var customer = await server.ConnectCustomerAsync("c-previewed");
        var (session, events) = await ServerHost.StartSessionAsync(customer);
        var sessionId = session.SessionId;
        await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "h-1", text = ScriptedBot.WhereIsMyOrder });
        await events.WaitForAsync(e => e.Text == ScriptedBot.OrderAnswer);
        var handoff = await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "h-2", text = ScriptedBot.AgentPlease });
        await agent.Offers.WaitForAsync(o => o.SessionId == sessionId);

        var history = await agent.Connection.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId, afterSeq = 0 });
        using var rest = await server.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}/events", "agent", "a-previews");

        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
        Assert.Equal(
            new[] { ScriptedBot.WhereIsMyOrder, ScriptedBot.OrderAnswer, ScriptedBot.AgentPlease },
            history.Where(e => e.Kind == EventKinds.Message && e.Seq > 1).Select(e => e.Text));
        Assert.Contains(history, e => e.Seq == handoff.Seq);
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal(history.Select(e => e.Seq), (await rest.Content.ReadFromJsonAsync<List<ConversationEvent>>())!.Select(e => e.Seq));
    }

    /// <summary>An agent online for general:en, and a customer whose request for a person has been offered to it.</summary>
    private static async Task<OfferedSession> OfferedAsync(ServerHost server, string agentId, string customerId)
    {
        var agent = await AgentClient.OnlineAsync(server, agentId);
        var customer = await server.ConnectCustomerAsync(customerId);
        var (session, _) = await ServerHost.StartSessionAsync(customer);
        await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = "ask-1", text = ScriptedBot.AgentPlease });
        return new OfferedSession(agent, customer, await agent.Offers.WaitForAsync(o => o.SessionId == session.SessionId));
    }

    private sealed record OfferedSession(AgentClient Agent, HubConnection Customer, Offer Offer) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Customer.DisposeAsync();
            await Agent.DisposeAsync();
        }
    }
}
