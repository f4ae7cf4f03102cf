using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Sessions;
using Conversations.Client;
using Conversations.Grains.Agents;
using Conversations.Grains.Sessions;
using Conversations.Runtime.Testing;
using Conversations.Server.Push;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hubs;

/// <summary>
/// Two servers, one cluster (PostgreSQL membership, silo-to-silo TCP): pushes reach connections on the other server,
/// a customer may come back through either server, and a server that dies is dropped from the grains' registrations.
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

    [Fact]
    public async Task ServerHoldingAgentAndCustomerConnections_Dies_GrainsDropItsRegistrations_AndTheSurvivorsConnectionsStillHearEverything()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        const string clusterId = "crash-test";
        const string agentId = "a-two-consoles";
        const string customerId = "c-two-tabs";
        var writes = new Inbox<StateWrite>();
        var logs = new CapturingLoggerProvider();
        // The server that dies is a process of its own, so that it dies as a process does: nothing of it runs on.
        var dying = ServerHost.ClusterSettings(database.ConnectionString, clusterId);
        dying["Conversations:Demo:Enabled"] = "false";
        await using var doomed = await ServerProcess.StartAsync(dying);
        await using var survivor = await ServerHost.StartAsync(
            ServerHost.ClusterSettings(database.ConnectionString, clusterId), services => RecordingGrainStorage.Decorate(services, writes), logs: logs);
        await ServerPair.WaitForViewAsync(survivor, 2);

        // The agent has a console open through each server, the customer a tab through each (tokens share the cluster's key).
        await using var agentOnDoomed = AgentClient.Of(await ConnectAsync(doomed, survivor, "agent", agentId));
        await agentOnDoomed.GoOnlineAsync(2);
        await using var agentOnSurvivor = await AgentClient.OnlineAsync(survivor, agentId);
        await using var customerOnDoomed = await ConnectAsync(doomed, survivor, "customer", customerId);
        var (session, _) = await ServerHost.StartSessionAsync(customerOnDoomed);
        var sessionId = session.SessionId;
        await using var customerOnSurvivor = await survivor.ConnectCustomerAsync(customerId);
        var (resumed, eventsOnSurvivor) = await ServerHost.StartSessionAsync(customerOnSurvivor);
        Assert.Equal(sessionId, resumed.SessionId);
        await customerOnSurvivor.InvokeAsync<StatusAnswer>("RequestAgent", new { sessionId });
        var offer = await agentOnSurvivor.Offers.WaitForAsync(o => o.SessionId == sessionId);
        await agentOnDoomed.Offers.WaitForAsync(o => o.OfferId == offer.OfferId);
        await agentOnSurvivor.Connection.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = offer.OfferId });
        var joined = await eventsOnSurvivor.WaitForAsync(e => e.Kind == EventKinds.AgentJoined);
        await agentOnDoomed.Events.WaitForAsync(e => e.Seq == joined.Seq);

        await doomed.KillAsync();
        await ServerPair.WaitForViewAsync(survivor, 1);

        // The conversation goes on through the survivor, both ways, as if nothing had happened.
        for (var i = 1; i <= 2; i++)
        {
            var text = $"still there? ({i})";
            var sent = await customerOnSurvivor.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = $"after-{i}", text });
            Assert.Equal(sent.Seq, (await agentOnSurvivor.Events.WaitForAsync(e => e.Text == text)).Seq);
        }

        var reply = await agentOnSurvivor.Connection.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "reply", text = "Yes, still here." });
        Assert.Equal(reply.Seq, (await eventsOnSurvivor.WaitForAsync(e => e.Text == "Yes, still here.")).Seq);

        // Each grain stored its registrations without the dead server's connection, and kept them so.
        var customerConnection = PushConnectionIds.Customer(customerOnSurvivor.ConnectionId!);
        var agentConnection = PushConnectionIds.Agent(agentOnSurvivor.Connection.ConnectionId!);
        await writes.WaitForAsync(w => Connections<SessionState>(w, sessionId, s => s.Subscribers)?.SequenceEqual([customerConnection]) == true);
        await writes.WaitForAsync(w => Connections<AgentState>(w, agentId, s => s.Subscribers)?.SequenceEqual([agentConnection]) == true);
        Assert.Equal([customerConnection], writes.Items.Select(w => Connections<SessionState>(w, sessionId, s => s.Subscribers)).Last(c => c is not null)!);
        Assert.Equal([agentConnection], writes.Items.Select(w => Connections<AgentState>(w, agentId, s => s.Subscribers)).Last(c => c is not null)!);

        // Dropped once, not tried and failed again on every push that followed.
        Assert.Single(logs.Lines, l => l.Contains($"Dropped 1 gone connections of agent {agentId}", StringComparison.Ordinal));
    }

    /// <summary>A connection to a hub of the server process, with a token minted by a server of the same cluster.</summary>
    private static Task<HubConnection> ConnectAsync(ServerProcess server, ServerHost tokens, string role, string id) =>
        HubConnection.ConnectAsync(new Uri(server.BaseAddress, $"hubs/{role}"), new HubConnectionOptions { AccessToken = tokens.Token(role, id) });

    /// <summary>The connection ids a write of <typeparamref name="TState"/> for grain <paramref name="key"/> registered; null for any other write.</summary>
    private static IReadOnlyList<string>? Connections<TState>(StateWrite write, string key, Func<TState, IEnumerable<Subscriber>> subscribers) =>
        write.State is TState state && write.GrainId.Key == key ? [.. subscribers(state).Select(s => s.ConnectionId)] : null;
}
