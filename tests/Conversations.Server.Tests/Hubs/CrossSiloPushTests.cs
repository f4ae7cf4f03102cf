using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime.Testing;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hubs;

/// <summary>Two servers, one cluster (PostgreSQL membership, silo-to-silo TCP): pushes reach connections on the other server.</summary>
public sealed class CrossSiloPushTests
{
    [Fact]
    public async Task CustomerOnOneServer_AgentOnAnother_OfferAndRepliesCrossTheCluster()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var servers = await TwoServers.StartAsync(database.ConnectionString, "cross-silo-test");
        var (serverA, serverB) = (servers.A, servers.B);

        await using var agent = await serverB.ConnectAgentAsync("a-cross");
        var offers = new Inbox<Offer>();
        var agentEvents = new Inbox<ConversationEvent>();
        agent.On<Offer>("Offer", offers.Add);
        agent.On<ConversationEvent>("Event", agentEvents.Add);
        await agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "general" }, languages = new[] { "en" }, capacity = 2 });

        await using var customer = await serverA.ConnectCustomerAsync("c-cross");
        var (session, events) = await ServerHost.StartSessionAsync(customer);
        var sessionId = session.SessionId;
        await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "x-1", text = ScriptedBot.AgentPlease });

        var offer = await offers.WaitForAsync(o => o.SessionId == sessionId);
        await agent.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = offer.OfferId });
        var reply = await agent.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "y-1", text = "Hello from the other silo." });
        var seen = await events.WaitForAsync(e => e.Sender.Role == SenderRoles.Agent && e.Text == "Hello from the other silo.");
        await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "x-2", text = "received, thanks" });
        await agentEvents.WaitForAsync(e => e.Sender.Role == SenderRoles.Customer && e.Text == "received, thanks");

        Assert.Equal(reply.Seq, seen.Seq);
    }
}
