using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hubs;

/// <summary>
/// Two servers, one cluster (PostgreSQL membership, silo-to-silo TCP): pushes reach connections on the other server and
/// a customer may come back through either server.
/// </summary>
[Collection(RealTimeClusterCollection.Name)]
public sealed class CrossSiloPushTests
{
    [Fact]
    public async Task CustomerOnOneServer_AgentOnAnother_OfferAndRepliesCrossTheCluster()
    {
        await using var pair = await ServerPair.StartAsync();
        await using var agent = await AgentClient.OnlineAsync(pair.B, "a-cross");

        await using var customer = await pair.A.ConnectCustomerAsync("c-cross");
        var (session, events) = await ServerHost.StartSessionAsync(customer);
        var sessionId = session.SessionId;
        await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "x-1", text = ScriptedBot.AgentPlease });

        var offer = await agent.Offers.WaitForAsync(o => o.SessionId == sessionId);
        await agent.Connection.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = offer.OfferId });
        var reply = await agent.Connection.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "y-1", text = "Hello from the other silo." });
        var seen = await events.WaitForAsync(e => e.Sender.Role == SenderRoles.Agent && e.Text == "Hello from the other silo.");
        await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "x-2", text = "received, thanks" });
        await agent.Events.WaitForAsync(e => e.Sender.Role == SenderRoles.Customer && e.Text == "received, thanks");

        Assert.Equal(reply.Seq, seen.Seq);
    }

    [Fact]
    public async Task Customer_ReconnectingThroughTheOtherServer_GetsExactlyTheEventsItMissed()
    {
        await using var pair = await ServerPair.StartAsync();
        await ReconnectReplay.RunAsync(before: pair.A, meanwhile: pair.A, after: pair.B, "c-roams");
    }
}
