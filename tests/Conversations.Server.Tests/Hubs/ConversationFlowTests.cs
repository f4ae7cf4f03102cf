using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hubs;

public sealed class ConversationFlowTests
{
    [Fact]
    public async Task Conversation_FromBotThroughHandoffToAgentAndBack_EndsResolvedAndRated()
    {
        await using var server = await ServerHost.StartAsync();

        await using var agent = await server.ConnectAgentAsync("a-flow");
        var offers = new Inbox<Offer>();
        var assignments = new Inbox<SessionAssigned>();
        var agentEvents = new Inbox<ConversationEvent>();
        agent.On<Offer>("Offer", offers.Add);
        agent.On<SessionAssigned>("SessionAssigned", assignments.Add);
        agent.On<ConversationEvent>("Event", agentEvents.Add);
        var online = await agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "general" }, languages = new[] { "en" }, capacity = 2 });
        Assert.Equal("available", online.Status);
        Assert.Empty(online.ActiveSessions);

        await using var customer = await server.ConnectCustomerAsync("c-flow");
        var (session, events) = await ServerHost.StartSessionAsync(customer);
        var sessionId = session.SessionId;
        Assert.Equal("bot", session.Status);
        Assert.False(session.Resumed);

        // The welcome was stored before the connection followed the session: history has it.
        var welcome = await customer.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId, afterSeq = 0 });
        Assert.Contains(welcome, e => e.Kind == EventKinds.Message && e.Sender.Role == SenderRoles.Bot && e.Text == ScriptedBot.Welcome);
        Assert.Contains(welcome, e => e.Kind == EventKinds.QuickReplies);

        // The bot answers.
        var question = await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "m-1", text = ScriptedBot.WhereIsMyOrder });
        Assert.False(question.Duplicate);
        var answer = await events.WaitForAsync(e => e.Sender.Role == SenderRoles.Bot && e.Text == ScriptedBot.OrderAnswer);
        Assert.True(answer.Seq > question.Seq);

        // Handoff: the agent is offered the conversation with its summary, accepts, and both sides hear of it.
        await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "m-2", text = ScriptedBot.AgentPlease });
        var offer = await offers.WaitForAsync(o => o.SessionId == sessionId);
        Assert.Equal("general:en", offer.Queue);
        Assert.Equal("c-flow", offer.Summary.CustomerId);
        Assert.Equal("customer_request", offer.Summary.Reason);

        var accepted = await agent.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = offer.OfferId });
        Assert.Equal(sessionId, accepted.SessionId);
        Assert.Contains(accepted.History, e => e.Text == ScriptedBot.AgentPlease);
        await assignments.WaitForAsync(a => a.SessionId == sessionId);
        await events.WaitForAsync(e => e.Kind == EventKinds.AgentJoined);

        using (var asAgent = await server.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}", "agent", "a-flow"))
        {
            Assert.Equal(HttpStatusCode.OK, asAgent.StatusCode);
        }

        var suggestions = await agent.InvokeAsync<List<SuggestionAnswer>>("GetSuggestions", new { sessionId });
        Assert.Equal(ScriptedBot.Suggestion, Assert.Single(suggestions).Text);

        // The agent's reply reaches the customer with the seq the agent was given, and the customer's reaches the agent.
        var reply = await agent.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "a-1", text = "Hello, this is Alice." });
        var replySeen = await events.WaitForAsync(e => e.Sender.Role == SenderRoles.Agent && e.Text == "Hello, this is Alice.");
        Assert.Equal(reply.Seq, replySeen.Seq);
        await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "m-3", text = "thanks, that helps" });
        await agentEvents.WaitForAsync(e => e.Sender.Role == SenderRoles.Customer && e.Text == "thanks, that helps");

        var resolved = await agent.InvokeAsync<StatusAnswer>("ResolveSession", new { sessionId, resolution = "answered" });
        Assert.Equal("resolved", resolved.Status);
        await events.WaitForAsync(e => e.Kind == EventKinds.CsatRequest);
        var rated = await customer.InvokeAsync<OkAnswer>("RateSession", new { sessionId, score = 5, comment = "quick and kind" });
        Assert.True(rated.Ok);

        // What an admin reads back: resolved, rated, handled by the agent; the transcript has no gap and no repeat.
        using var response = await server.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snapshot = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", snapshot.GetProperty("status").GetString());
        Assert.Equal("a-flow", snapshot.GetProperty("agentId").GetString());
        Assert.Equal(5, snapshot.GetProperty("csat").GetProperty("score").GetInt32());

        var transcript = await customer.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId, afterSeq = 0 });
        Assert.Equal(Enumerable.Range(1, transcript.Count).Select(i => (long)i), transcript.Select(e => e.Seq));
        Assert.Equal(snapshot.GetProperty("lastSeq").GetInt64(), transcript[^1].Seq);
    }
}
