using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hubs;

/// <summary>The same flow with the shop's real bot and the demo data, as <c>dotnet run</c> serves it.</summary>
public sealed class ShopBotFlowTests
{
    [Fact]
    public async Task Conversation_WithTheShopBot_AnswersThenHandsOverToAnAgent()
    {
        await using var server = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Conversations:Demo:Enabled"] = "true" }, realBot: true);
        await using var agent = await server.ConnectAgentAsync("a-03");
        var offers = new Inbox<Offer>();
        agent.On<Offer>("Offer", offers.Add);
        await agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "presales", "aftersales", "complaints", "general" }, languages = new[] { "zh", "en" }, capacity = 3 });

        // Demo customer c-1001 owns order 2026111100009305, shipped and on its way.
        await using var customer = await server.ConnectCustomerAsync("c-1001");
        var (session, events) = await ServerHost.StartSessionAsync(customer, language: "zh");
        var sessionId = session.SessionId;
        var welcome = await customer.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId, afterSeq = 0 });
        Assert.Contains(welcome, e => e.Sender.Role == SenderRoles.Bot);

        var question = await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "z-1", text = "我的订单 2026111100009305 到哪了？" });
        var answer = await events.WaitForAsync(e => e.Sender.Role == SenderRoles.Bot && e.Seq > question.Seq);
        Assert.Equal(sessionId, answer.SessionId);

        var requested = await customer.InvokeAsync<StatusAnswer>("RequestAgent", new { sessionId, reason = "想和人工确认" });
        Assert.Contains(requested.Status, new[] { "queued", "assigned" });
        var offer = await offers.WaitForAsync(o => o.SessionId == sessionId);
        Assert.Equal("zh", offer.Summary.Language);

        await agent.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = offer.OfferId });
        await events.WaitForAsync(e => e.Kind == EventKinds.AgentJoined);
        var suggestions = await agent.InvokeAsync<List<SuggestionAnswer>>("GetSuggestions", new { sessionId });
        // The customer asked where the order is: the top draft answers that from the order itself, in the session's language.
        Assert.NotEmpty(suggestions);
        Assert.Equal("order", suggestions[0].Source);
        Assert.StartsWith("订单 2026111100009305 ", suggestions[0].Text, StringComparison.Ordinal);
        Assert.Equal(suggestions.OrderByDescending(s => s.Confidence), suggestions);
        Assert.All(suggestions, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));

        await agent.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "z-a1", text = "您好，我来帮您查一下。" });
        await events.WaitForAsync(e => e.Sender.Role == SenderRoles.Agent && e.Text == "您好，我来帮您查一下。");
        await agent.InvokeAsync<StatusAnswer>("ResolveSession", new { sessionId, resolution = "answered" });
        await events.WaitForAsync(e => e.Kind == EventKinds.CsatRequest);
        Assert.True((await customer.InvokeAsync<OkAnswer>("RateSession", new { sessionId, score = 4 })).Ok);
    }
}
