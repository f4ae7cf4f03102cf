using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Queues;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Tests.Queues;

namespace Conversations.Grains.Tests.Agents;

public sealed class AgentGrainTests
{
    private const string Aftersales = RoutingCluster.Aftersales;

    [Fact]
    public async Task GoOnline_RegistersWithEveryShardOfEveryQueueServed()
    {
        await using var routing = await RoutingCluster.StartAsync();

        var snapshot = await routing.Agent("a-1").GoOnline(new AgentPresence(["presales", "general"], ["zh", "en"], 3));

        Assert.Equal(AgentStatus.Available, snapshot.Status);
        foreach (var queue in new[] { "presales:zh", "presales:en", "general:zh", "general:en" })
        {
            var shards = await routing.SnapshotsAsync(queue);
            Assert.Equal(routing.Options.ShardCount, shards.Count);
            Assert.All(shards, s => Assert.Equal(1, s.AgentsWithCapacity));
        }

        Assert.All(await routing.SnapshotsAsync("aftersales:zh"), s => Assert.Equal(0, s.AgentsKnown));
        Assert.Equal(1, routing.Stats.Snapshot().AgentsOnline);
    }

    [Theory]
    [InlineData("logistics", "zh", 2)]
    [InlineData("aftersales", "fr", 2)]
    [InlineData("aftersales", "zh", 0)]
    [InlineData("aftersales", "zh", 21)]
    public async Task GoOnline_WithUnknownSkillLanguageOrBadCapacity_IsBadRequestAndStaysOffline(string skill, string language, int capacity)
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = routing.Agent("a-1");

        var refused = await Assert.ThrowsAsync<ConversationException>(() => agent.GoOnline(new AgentPresence([skill], [language], capacity)));

        Assert.Equal(ErrorCodes.BadRequest, refused.Code);
        Assert.Equal(AgentStatus.Offline, (await agent.GetSnapshot()).Status);
        Assert.Equal(0, routing.Stats.Snapshot().AgentsOnline);
    }

    [Fact]
    public async Task AcceptOffer_AssignsSessionAndPushesToEveryConnection()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = routing.Agent("a-1");
        await agent.SetProfile(new AgentProfile("Li Na", ["aftersales"], ["zh"], 4));
        await agent.Connect(new Subscriber(routing.ObserverReference, "tab-1"));
        await agent.Connect(new Subscriber(routing.ObserverReference, "tab-2"));
        await agent.GoOnline(new AgentPresence(["aftersales"], ["zh"], 2));
        await routing.EnqueueAsync("s-1");
        var offer = await routing.Observer.WaitForOffer("tab-1", "s-1");
        await routing.Observer.WaitForOffer("tab-2", "s-1");
        Assert.True(await agent.CanSee("s-1"));

        var result = await agent.AcceptOffer(offer.OfferId);

        Assert.Equal("s-1", result.SessionId);
        Assert.Equal("c-s-1", result.Summary.CustomerId);
        var assigned = await routing.Sessions.WaitFor("s-1", "AssignAgent");
        Assert.Equal(("a-1", offer.OfferId, "Li Na"), (assigned.AgentId, assigned.OfferId, assigned.Detail));
        await routing.Observer.WaitFor(p => p.ConnectionId == "tab-1" && p.Payload is SessionAssigned { SessionId: "s-1" });
        await routing.Observer.WaitFor(p => p.ConnectionId == "tab-2" && p.Payload is SessionAssigned { SessionId: "s-1" });
        var snapshot = await agent.GetSnapshot();
        Assert.Equal(["s-1"], snapshot.ActiveSessions);
        Assert.Empty(snapshot.PendingOffers);
        Assert.True(await agent.CanSee("s-1"));
        Assert.False(await agent.CanSee("s-2"));
        Assert.Equal(0, (await routing.Shard(Aftersales, "s-1").GetSnapshot()).Waiting);
        Assert.Equal(0, routing.Stats.Snapshot().Queued);
    }

    [Fact]
    public async Task AcceptOffer_AfterItExpired_IsConflict()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await routing.OnlineAsync("a-1");
        await routing.EnqueueAsync("s-1");
        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");
        await routing.AdvanceAsync(routing.Options.OfferTimeout);
        await routing.Observer.WaitForRevoked(RoutingCluster.Connection("a-1"), offer.OfferId);

        var refused = await Assert.ThrowsAsync<ConversationException>(() => agent.AcceptOffer(offer.OfferId));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Empty(routing.Sessions.CallsOf("s-1", "AssignAgent"));
        Assert.Empty((await agent.GetSnapshot()).ActiveSessions);
    }

    [Fact]
    public async Task AcceptOffer_OfSomeoneElsesOffer_IsConflictAndChangesNothing()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var owner = await routing.OnlineAsync("a-1");
        routing.Time.Advance(TimeSpan.FromSeconds(1));
        var other = await routing.OnlineAsync("a-2");
        await routing.EnqueueAsync("s-1");
        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");

        var byAgent = await Assert.ThrowsAsync<ConversationException>(() => other.AcceptOffer(offer.OfferId));
        var byQueue = await Assert.ThrowsAsync<ConversationException>(() => routing.Shard(Aftersales, "s-1").AcceptOffer(offer.OfferId, "a-2"));

        Assert.Equal(ErrorCodes.Conflict, byAgent.Code);
        Assert.Equal(ErrorCodes.Conflict, byQueue.Code);
        Assert.Equal([offer.OfferId], (await owner.GetSnapshot()).PendingOffers);
        Assert.Equal(1, (await routing.Shard(Aftersales, "s-1").GetSnapshot()).OffersPending);
        Assert.Equal("s-1", (await owner.AcceptOffer(offer.OfferId)).SessionId);
    }

    [Fact]
    public async Task AcceptOffer_WhenTheSessionRefuses_IsConflictAndFreesThePlace()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await routing.OnlineAsync("a-1");
        await routing.EnqueueAsync("s-1");
        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");
        routing.Sessions.RefuseAssignment("s-1");

        var refused = await Assert.ThrowsAsync<ConversationException>(() => agent.AcceptOffer(offer.OfferId));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        var snapshot = await agent.GetSnapshot();
        Assert.Empty(snapshot.ActiveSessions);
        Assert.Empty(snapshot.PendingOffers);
    }

    [Fact]
    public async Task SendTransferResolve_OfSessionNotAssignedToTheAgent_AreForbidden()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await routing.OnlineAsync("a-1");
        await routing.EnqueueAsync("s-1");
        await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");

        // Offered is not assigned: the agent may look, not act.
        var send = await Assert.ThrowsAsync<ConversationException>(() => agent.SendMessage("s-1", "m-1", "hello"));
        var transfer = await Assert.ThrowsAsync<ConversationException>(() => agent.TransferSession("s-1", "general:zh"));
        var resolve = await Assert.ThrowsAsync<ConversationException>(() => agent.ResolveSession("s-9", "solved"));

        Assert.All(new[] { send, transfer, resolve }, e => Assert.Equal(ErrorCodes.Forbidden, e.Code));
        Assert.DoesNotContain(routing.Sessions.Calls, c => c.Method is "PostAgentMessage" or "Transfer" or "Resolve");
    }

    [Fact]
    public async Task TransferSession_ToUnknownQueue_IsBadRequest()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await AssignedAgentAsync(routing, "a-1", "s-1");

        var refused = await Assert.ThrowsAsync<ConversationException>(() => agent.TransferSession("s-1", "billing:zh"));

        Assert.Equal(ErrorCodes.BadRequest, refused.Code);
        Assert.Equal(["s-1"], (await agent.GetSnapshot()).ActiveSessions);
    }

    [Fact]
    public async Task AssignedSession_MessagesTransferAndResolveReachTheSession()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await AssignedAgentAsync(routing, "a-1", "s-1");
        routing.Time.Advance(TimeSpan.FromSeconds(90));

        var posted = await agent.SendMessage("s-1", "m-1", "我来帮您查一下");
        var status = await agent.ResolveSession("s-1", "order_explained");

        Assert.Equal(1, posted.Seq);
        Assert.Equal(SessionStatus.Resolved, status);
        Assert.Equal("order_explained", (await routing.Sessions.WaitFor("s-1", "Resolve")).Detail);
        var snapshot = await agent.GetSnapshot();
        Assert.Empty(snapshot.ActiveSessions);
        Assert.Equal(1, snapshot.ResolvedSessions);
        Assert.Equal(90, snapshot.AverageHandleSeconds);
        await Assert.ThrowsAsync<ConversationException>(() => agent.SendMessage("s-1", "m-2", "still there?"));
    }

    [Fact]
    public async Task TransferSession_HandsTheSessionOverAndFreesThePlace()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await AssignedAgentAsync(routing, "a-1", "s-1");

        var status = await agent.TransferSession("s-1", "complaints:zh");

        Assert.Equal(SessionStatus.Queued, status);
        Assert.Equal("complaints:zh", (await routing.Sessions.WaitFor("s-1", "Transfer")).Detail);
        Assert.Empty((await agent.GetSnapshot()).ActiveSessions);
    }

    [Fact]
    public async Task OnSessionEnded_FreesCapacityForTheNextWaitingSession()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await AssignedAgentAsync(routing, "a-1", "s-1");
        await routing.EnqueueAsync("s-2");
        Assert.DoesNotContain(routing.Observer.Offers(RoutingCluster.Connection("a-1")), o => o.SessionId == "s-2");

        await agent.OnSessionEnded("s-1", TimeSpan.FromSeconds(30), handled: true);

        await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-2");
        var snapshot = await agent.GetSnapshot();
        Assert.Equal(1, snapshot.ResolvedSessions);
        Assert.Equal(30, snapshot.AverageHandleSeconds);
    }

    [Fact]
    public async Task GoOffline_ReleasesAssignedSessionsDeclinesOffersAndLeavesTheShards()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await AssignedAgentAsync(routing, "a-1", "s-1", capacity: 2);
        await routing.EnqueueAsync("s-2");
        await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-2");

        var status = await agent.GoOffline();

        Assert.Equal(AgentStatus.Offline, status);
        var released = await routing.Sessions.WaitFor("s-1", "ReleaseAgent");
        Assert.Equal("a-1", released.AgentId);
        var snapshot = await agent.GetSnapshot();
        Assert.Equal(AgentStatus.Offline, snapshot.Status);
        Assert.Empty(snapshot.ActiveSessions);
        Assert.Empty(snapshot.PendingOffers);
        Assert.All(await routing.SnapshotsAsync(Aftersales), s => Assert.Equal(0, s.AgentsKnown));
        var shard = await routing.Shard(Aftersales, "s-2").GetSnapshot();
        Assert.Equal((1, 0), (shard.Waiting, shard.OffersPending));
        Assert.Equal(0, routing.Stats.Snapshot().AgentsOnline);
        Assert.False(await agent.CanSee("s-1"));
    }

    [Fact]
    public async Task SetAvailability_AwayStopsOffers_AndAvailableResumesThem()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await routing.OnlineAsync("a-1");

        Assert.Equal(AgentStatus.Away, await agent.SetAvailability(AgentStatus.Away));
        Assert.True((await routing.EnqueueAsync("s-1")).NoAgentsOnline);

        await routing.Shard(Aftersales, "s-1").AgentAvailable(new AgentCandidate("other", ["aftersales"], ["zh"], 0, routing.Time.GetUtcNow()));
        await routing.EnqueueAsync("s-1");
        Assert.Equal(AgentStatus.Available, await agent.SetAvailability(AgentStatus.Available));

        await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");
        await Assert.ThrowsAsync<ConversationException>(() => agent.SetAvailability(AgentStatus.Offline));
    }

    [Fact]
    public async Task LastConnectionClosing_SetsTheAgentAway_WithdrawsItsOffer_AndGoingOnlineAgainResumes()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await routing.OnlineAsync("a-1");
        await agent.Connect(new Subscriber(routing.ObserverReference, "second-tab"));
        await routing.EnqueueAsync("s-1");
        var first = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");

        await agent.Disconnect("second-tab");
        Assert.Equal(AgentStatus.Available, (await agent.GetSnapshot()).Status);
        await agent.Disconnect(RoutingCluster.Connection("a-1"));

        var away = await agent.GetSnapshot();
        Assert.Equal(AgentStatus.Away, away.Status);
        Assert.Empty(away.PendingOffers);
        Assert.Equal(0, (await routing.Shard(Aftersales, "s-1").GetSnapshot()).OffersPending);

        await routing.OnlineAsync("a-1");
        Assert.NotEqual(first.OfferId, (await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1", notOfferId: first.OfferId)).OfferId);
    }

    [Fact]
    public async Task Push_ToAGoneConnection_DropsItAndStillReachesTheOthers()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = routing.Agent("a-1");
        var goneReference = routing.Grains.CreateObjectReference<IConversationObserver>(new RecordingObserver());
        await agent.Connect(new Subscriber(goneReference, "closed-tab"));
        await agent.GoOnline(new AgentPresence(["aftersales"], ["zh"], 2));
        await agent.Connect(new Subscriber(routing.ObserverReference, "open-tab"));
        routing.Grains.DeleteObjectReference(goneReference);
        var message = new ConversationEvent("s-1", 3, EventKinds.Message, new Sender(SenderRoles.Customer, "c-1"), "hi", routing.Time.GetUtcNow());

        await agent.DeliverEvent(message);
        await agent.DeliverEvent(message with { Seq = 4 });
        await routing.Observer.WaitFor(p => p.ConnectionId == "open-tab" && p.Payload is ConversationEvent { Seq: 4 });

        // The open tab is now the agent's only connection: closing it leaves nobody to see offers, so the agent goes
        // away. Had the gone tab stayed registered, the agent would still count as watched and stay available.
        await agent.Disconnect("open-tab");
        Assert.Equal(AgentStatus.Away, (await agent.GetSnapshot()).Status);
    }

    private static async Task<IAgentGrain> AssignedAgentAsync(RoutingCluster routing, string agentId, string sessionId, int capacity = 1)
    {
        var agent = await routing.OnlineAsync(agentId, capacity);
        await routing.EnqueueAsync(sessionId);
        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection(agentId), sessionId);
        await agent.AcceptOffer(offer.OfferId);
        return agent;
    }
}
