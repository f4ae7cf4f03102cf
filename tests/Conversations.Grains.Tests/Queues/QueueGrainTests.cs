using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Customers;
using Conversations.Grains.Queues;
using Conversations.Runtime.Testing;

namespace Conversations.Grains.Tests.Queues;

public sealed class QueueGrainTests
{
    private const string Aftersales = RoutingCluster.Aftersales;
    private const string General = RoutingCluster.General;

    [Fact]
    public async Task Enqueue_WithNoAgentOnline_ReturnsNoAgentsOnlineAndKeepsNothing()
    {
        await using var routing = await RoutingCluster.StartAsync();

        var ticket = await routing.EnqueueAsync("s-1");

        Assert.False(ticket.Accepted);
        Assert.True(ticket.NoAgentsOnline);
        Assert.Equal(Aftersales, ticket.Queue);
        Assert.Equal(0, (await routing.Shard(Aftersales, "s-1").GetSnapshot()).Waiting);
        Assert.Equal(0, routing.Stats.Snapshot().Queued);
    }

    [Fact]
    public async Task Enqueue_IntoAFullShard_IsRefusedUnlessTheSlaIsAtRisk()
    {
        await using var routing = await RoutingCluster.StartAsync(o =>
        {
            o.ShardCount = 1;
            o.MaxWaitingPerShard = 2;
        });
        var shard = routing.Shard(Aftersales, "any");
        await shard.AgentAvailable(new AgentCandidate("busy", ["aftersales"], ["zh"], 0, routing.Time.GetUtcNow()));
        await routing.EnqueueAsync("s-1");
        await routing.EnqueueAsync("s-2");

        var refused = await routing.EnqueueAsync("s-3");
        var again = await routing.EnqueueAsync("s-2");
        var atRisk = await shard.Enqueue(new Abstractions.Queues.QueueEntry("s-4", RoutingCluster.Summary("c-4"), routing.Time.GetUtcNow(), 0, false, SlaAtRisk: true));

        Assert.Equal((false, false), (refused.Accepted, refused.NoAgentsOnline));
        Assert.True(again.Accepted);
        Assert.True(atRisk.Accepted);
        Assert.Equal(["s-4", "s-1", "s-2"], (await shard.GetSnapshot()).WaitingSessions);
    }

    [Fact]
    public async Task Enqueue_InTheWrongShard_IsRefusedAsBadRequest()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var right = Abstractions.Queues.QueueNames.ShardOf("s-1", routing.Options.ShardCount);
        var wrong = routing.Grains.GetGrain<Abstractions.Queues.IQueueGrain>(
            Abstractions.Queues.QueueNames.ShardKey(Aftersales, (right + 1) % routing.Options.ShardCount));

        var refused = await Assert.ThrowsAsync<ConversationException>(() =>
            wrong.Enqueue(new Abstractions.Queues.QueueEntry("s-1", RoutingCluster.Summary("c-1"), routing.Time.GetUtcNow(), 0, false, false)));

        Assert.Equal(ErrorCodes.BadRequest, refused.Code);
    }

    [Fact]
    public async Task ShareWaiting_FromItselfOrAShardThatDoesNotExist_OrWithoutADigest_IsBadRequest()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var self = Abstractions.Queues.QueueNames.ShardOf("s-1", routing.Options.ShardCount);
        var shard = routing.Shard(Aftersales, "s-1");
        var digest = Abstractions.Queues.WaitingDigest.Empty(routing.Time.GetUtcNow());

        var refusals = new[]
        {
            await Assert.ThrowsAsync<ConversationException>(() => shard.ShareWaiting(self, digest)),
            await Assert.ThrowsAsync<ConversationException>(() => shard.ShareWaiting(routing.Options.ShardCount, digest)),
            await Assert.ThrowsAsync<ConversationException>(() => shard.ShareWaiting(-1, digest)),
            await Assert.ThrowsAsync<ConversationException>(() => shard.ShareWaiting((self + 1) % routing.Options.ShardCount, null!)),
        };

        Assert.All(refusals, refused => Assert.Equal(ErrorCodes.BadRequest, refused.Code));
    }

    [Fact]
    public async Task Enqueue_WithAgentFree_OffersSessionToAgentAndTellsSession()
    {
        await using var routing = await RoutingCluster.StartAsync();
        await routing.OnlineAsync("a-1");

        var ticket = await routing.EnqueueAsync("s-1");

        Assert.True(ticket.Accepted);
        Assert.Equal(1, ticket.Position);
        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");
        Assert.Equal(Aftersales, offer.Queue);
        Assert.Equal(routing.Time.GetUtcNow() + routing.Options.OfferTimeout, offer.ExpiresAt);
        Assert.Equal("c-s-1", offer.Summary.CustomerId);
        var offered = await routing.Sessions.WaitFor("s-1", "OnOffered");
        Assert.Equal("a-1", offered.AgentId);
        Assert.Equal(offer.OfferId, offered.OfferId);
        Assert.Equal(1, routing.Stats.Snapshot().Queued);
    }

    [Fact]
    public async Task DeclinedOffer_GoesToNextAgent()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var first = await routing.OnlineAsync("a-1");
        routing.Time.Advance(TimeSpan.FromSeconds(1));
        await routing.OnlineAsync("a-2");
        await routing.EnqueueAsync("s-1");
        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");

        await first.DeclineOffer(offer.OfferId, "busy with a call");

        var next = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-2"), "s-1");
        Assert.NotEqual(offer.OfferId, next.OfferId);
        await routing.Sessions.WaitFor("s-1", "OnOfferEnded", c => c.OfferId == offer.OfferId);
        Assert.Empty((await first.GetSnapshot()).PendingOffers);
        Assert.Single(routing.Observer.Offers(RoutingCluster.Connection("a-1")));
    }

    [Fact]
    public async Task DeclinedOffer_WithNobodyElseServing_ComesBackToTheDecliner()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await routing.OnlineAsync("a-1");
        await routing.EnqueueAsync("s-1");
        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");

        await agent.DeclineOffer(offer.OfferId, null);

        await routing.Observer.WaitFor(p => p.Payload is Offer o && o.SessionId == "s-1" && o.OfferId != offer.OfferId);
    }

    [Fact]
    public async Task ExpiredOffer_IsRevokedFromFirstAgentAndOfferedToNext()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var first = await routing.OnlineAsync("a-1");
        routing.Time.Advance(TimeSpan.FromSeconds(1));
        await routing.OnlineAsync("a-2");
        await routing.EnqueueAsync("s-1");
        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");

        await routing.AdvanceAsync(routing.Options.OfferTimeout);

        var revoked = await routing.Observer.WaitForRevoked(RoutingCluster.Connection("a-1"), offer.OfferId);
        Assert.Equal("expired", revoked.Reason);
        await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-2"), "s-1");
        var snapshot = await first.GetSnapshot();
        Assert.Equal(1, snapshot.ExpiredOffersInARow);
        Assert.Equal(AgentStatus.Available, snapshot.Status);
        Assert.Empty(snapshot.PendingOffers);
    }

    [Fact]
    public async Task AgentLettingTwoOffersExpire_IsSetAwayAndLeavesTheShards()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await routing.OnlineAsync("a-1", capacity: 1);
        await routing.EnqueueAsync("s-1");
        var first = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");

        await routing.AdvanceAsync(routing.Options.OfferTimeout);
        // Nobody else serves the queue, so the same agent gets the session again.
        await routing.Observer.WaitFor(p => p.Payload is Offer o && o.SessionId == "s-1" && o.OfferId != first.OfferId);
        await routing.AdvanceAsync(routing.Options.OfferTimeout);

        await RoutingCluster.Eventually(async () => (await agent.GetSnapshot()).Status == AgentStatus.Away, "agent set away");
        await RoutingCluster.Eventually(async () => (await routing.SnapshotsAsync(Aftersales)).All(s => s.AgentsKnown == 0), "agent left every shard");
        var shard = await routing.Shard(Aftersales, "s-1").GetSnapshot();
        Assert.Equal(1, shard.Waiting);
        Assert.Equal(0, shard.OffersPending);
        Assert.False(await agent.ReceiveOffer(new Offer("o-x", "s-2", Aftersales, 0, routing.Time.GetUtcNow().AddSeconds(20), RoutingCluster.Summary("c-2"))));
    }

    [Fact]
    public async Task SessionWaitingPastOverflowAfter_MovesToGeneralQueue()
    {
        await using var routing = await RoutingCluster.StartAsync(o => o.OverflowAfter = TimeSpan.FromSeconds(60));
        var specialist = await routing.OnlineAsync("a-1", capacity: 1);
        await routing.EnqueueAsync("s-0");
        var busy = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-0");
        await specialist.AcceptOffer(busy.OfferId);
        await routing.OnlineAsync("g-1", capacity: 1, skills: ["general"]);
        await routing.EnqueueAsync("s-1");

        await routing.AdvanceAsync(TimeSpan.FromSeconds(59));
        Assert.Contains("s-1", (await routing.Shard(Aftersales, "s-1").GetSnapshot()).WaitingSessions);
        Assert.Empty(routing.Observer.Offers(RoutingCluster.Connection("g-1")));

        await routing.AdvanceAsync(TimeSpan.FromSeconds(1));

        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection("g-1"), "s-1");
        Assert.Equal(General, offer.Queue);
        Assert.Equal(General, (await routing.Sessions.WaitFor("s-1", "OnQueueChanged")).Detail);
        Assert.DoesNotContain("s-1", (await routing.Shard(Aftersales, "s-1").GetSnapshot()).WaitingSessions);
        Assert.Contains("s-1", (await routing.Shard(General, "s-1").GetSnapshot()).WaitingSessions);
        Assert.Equal(1, routing.Stats.Snapshot().Queued);

        // A late Remove through the original queue still reaches the session where it went.
        await routing.Shard(Aftersales, "s-1").Remove("s-1", "closed");
        await routing.Observer.WaitForRevoked(RoutingCluster.Connection("g-1"), offer.OfferId);
        Assert.Equal(0, (await routing.Shard(General, "s-1").GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task WaitingSessions_AreOrderedSvipAngryFirstAndEscalatedAboveAll()
    {
        await using var routing = await RoutingCluster.StartAsync(o => o.ShardCount = 1);
        var shard = routing.Shard(Aftersales, "any");
        // An agent the shard knows but who has no room: sessions wait, and their order shows.
        await shard.AgentAvailable(new AgentCandidate("busy", ["aftersales"], ["zh"], 0, routing.Time.GetUtcNow()));
        await routing.EnqueueAsync("regular-calm");
        await routing.EnqueueAsync("regular-angry", angry: true);
        await routing.EnqueueAsync("svip", tier: CustomerTiers.Svip);
        await routing.EnqueueAsync("vip", tier: CustomerTiers.Vip);

        Assert.Equal(["svip", "vip", "regular-angry", "regular-calm"], (await shard.GetSnapshot()).WaitingSessions);

        await shard.Escalate("regular-calm", 500);

        Assert.Equal(["regular-calm", "svip", "vip", "regular-angry"], (await shard.GetSnapshot()).WaitingSessions);
        await routing.OnlineAsync("a-1", capacity: 1);
        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"));
        Assert.Equal("regular-calm", offer.SessionId);
        Assert.True(offer.Priority >= 500 + QueuePriority.SlaAtRisk);
    }

    [Fact]
    public async Task RepeatContact_RanksAheadOfAnEarlierArrival_AndIsOfferedFirst()
    {
        await using var routing = await RoutingCluster.StartAsync(o => o.ShardCount = 1);
        var shard = routing.Shard(Aftersales, "any");
        await shard.AgentAvailable(new AgentCandidate("busy", ["aftersales"], ["zh"], 0, routing.Time.GetUtcNow()));
        await routing.EnqueueAsync("first-contact");
        routing.Time.Advance(TimeSpan.FromMinutes(2));
        await routing.EnqueueAsync("repeat-contact", previousSessionId: "s-earlier");

        Assert.Equal(["repeat-contact", "first-contact"], (await shard.GetSnapshot()).WaitingSessions);
        await routing.OnlineAsync("a-1", capacity: 1);
        Assert.Equal("repeat-contact", (await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"))).SessionId);
    }

    [Fact]
    public async Task LongestIdleAgent_GetsTheOffer()
    {
        await using var routing = await RoutingCluster.StartAsync();
        await routing.OnlineAsync("a-1");
        routing.Time.Advance(TimeSpan.FromSeconds(5));
        await routing.OnlineAsync("a-2");
        routing.Time.Advance(TimeSpan.FromSeconds(5));
        await routing.OnlineAsync("a-3");

        await routing.EnqueueAsync("s-1");
        routing.Time.Advance(TimeSpan.FromSeconds(1));
        await routing.EnqueueAsync("s-2");

        Assert.Equal("s-1", (await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"))).SessionId);
        Assert.Equal("s-2", (await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-2"))).SessionId);
        Assert.Empty(routing.Observer.Offers(RoutingCluster.Connection("a-3")));
    }

    [Fact]
    public async Task EntryNamingAnAgentToAvoid_GoesToSomeoneElse_UnlessNobodyElseServes()
    {
        await using var routing = await RoutingCluster.StartAsync();
        await routing.OnlineAsync("a-1");
        routing.Time.Advance(TimeSpan.FromSeconds(1));
        await routing.OnlineAsync("a-2");

        await routing.EnqueueAsync("s-1", avoidAgentId: "a-1");
        await routing.EnqueueAsync("s-2", avoidAgentId: "a-9");

        Assert.Equal("s-1", (await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-2"))).SessionId);
        Assert.Equal("s-2", (await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"))).SessionId);
    }

    [Fact]
    public async Task AgentAtCapacity_GetsNoFurtherOffer()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var first = await routing.OnlineAsync("a-1", capacity: 1);
        routing.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await routing.OnlineAsync("a-2", capacity: 1);

        await routing.EnqueueAsync("s-1");
        await routing.EnqueueAsync("s-2");
        await routing.EnqueueAsync("s-3");

        var one = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"));
        await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-2"));
        await first.AcceptOffer(one.OfferId);
        Assert.Single(routing.Observer.Offers(RoutingCluster.Connection("a-1")));
        Assert.Single(routing.Observer.Offers(RoutingCluster.Connection("a-2")));
        var shards = await routing.SnapshotsAsync(Aftersales);
        Assert.Equal(2, shards.Sum(s => s.Waiting));
        Assert.Equal(1, shards.Sum(s => s.OffersPending));
        var fresh = new Offer("o-extra", "s-9", Aftersales, 0, routing.Time.GetUtcNow().AddSeconds(20), RoutingCluster.Summary("c-9"));
        Assert.False(await first.ReceiveOffer(fresh));
        Assert.False(await second.ReceiveOffer(fresh));
    }

    [Fact]
    public async Task PositionAndEta_ArePushedWhenTheQueueMoves()
    {
        await using var routing = await RoutingCluster.StartAsync(o =>
        {
            o.ShardCount = 1;
            o.DefaultHandleSeconds = 120;
        });
        var shard = routing.Shard(Aftersales, "any");
        await shard.AgentAvailable(new AgentCandidate("busy-1", ["aftersales"], ["zh"], 0, routing.Time.GetUtcNow()));

        var tickets = new[] { await routing.EnqueueAsync("s-1"), await routing.EnqueueAsync("s-2"), await routing.EnqueueAsync("s-3") };

        Assert.Equal([1, 2, 3], tickets.Select(t => t.Position));
        Assert.Equal([120, 240, 360], tickets.Select(t => t.EtaSeconds));

        await shard.Remove("s-1", "closed");

        await routing.Sessions.WaitFor("s-2", "OnQueuePosition", c => c is { Position: 1, EtaSeconds: 120 });
        await routing.Sessions.WaitFor("s-3", "OnQueuePosition", c => c is { Position: 2, EtaSeconds: 240 });

        // A second agent serving the queue halves the estimate.
        await shard.AgentAvailable(new AgentCandidate("busy-2", ["aftersales"], ["zh"], 0, routing.Time.GetUtcNow()));

        await routing.Sessions.WaitFor("s-2", "OnQueuePosition", c => c is { Position: 1, EtaSeconds: 60 });
        await routing.Sessions.WaitFor("s-3", "OnQueuePosition", c => c is { Position: 2, EtaSeconds: 120 });
    }

    [Fact]
    public async Task MeasuredHandleTime_ReplacesTheDefaultInTheEstimate()
    {
        await using var routing = await RoutingCluster.StartAsync(o => o.ShardCount = 1);
        var shard = routing.Shard(Aftersales, "any");
        await shard.AgentAvailable(new AgentCandidate("busy-1", ["aftersales"], ["zh"], 0, routing.Time.GetUtcNow()));
        await routing.EnqueueAsync("s-1");

        await shard.RecordHandleTime(TimeSpan.FromSeconds(40));
        await shard.RecordHandleTime(TimeSpan.FromSeconds(60));

        await routing.Sessions.WaitFor("s-1", "OnQueuePosition", c => c is { Position: 1, EtaSeconds: 50 });
    }

    [Fact]
    public async Task Remove_WithdrawsThePendingOffer()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var agent = await routing.OnlineAsync("a-1");
        await routing.EnqueueAsync("s-1");
        var offer = await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");

        await routing.Shard(Aftersales, "s-1").Remove("s-1", "customer_closed");

        var revoked = await routing.Observer.WaitForRevoked(RoutingCluster.Connection("a-1"), offer.OfferId);
        Assert.Equal("customer_closed", revoked.Reason);
        var snapshot = await agent.GetSnapshot();
        Assert.Empty(snapshot.PendingOffers);
        Assert.Equal(0, snapshot.ExpiredOffersInARow);
        Assert.Equal(0, (await routing.Shard(Aftersales, "s-1").GetSnapshot()).Waiting);
        Assert.Equal(0, routing.Stats.Snapshot().Queued);
    }

    [Fact]
    public async Task Escalate_WithoutBoost_IsBadRequest_AndOfUnknownSession_ChangesNothing()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var shard = routing.Shard(Aftersales, "s-1");

        var refused = await Assert.ThrowsAsync<ConversationException>(() => shard.Escalate("s-1", 0));
        await shard.Escalate("s-1", 100);

        Assert.Equal(ErrorCodes.BadRequest, refused.Code);
        Assert.Equal(0, (await shard.GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task QueueWithoutAgents_HandsWaitingSessionsToGeneralOrBackToTheBot()
    {
        await using var routing = await RoutingCluster.StartAsync(o => o.ShardCount = 1);
        var agent = await routing.OnlineAsync("a-1", capacity: 1, skills: ["aftersales", "general"]);
        await routing.EnqueueAsync("s-0", queue: General);
        await routing.EnqueueAsync("s-1");
        await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-0");

        await agent.GoOffline();
        await routing.AdvanceAsync(QueueGrain.NoAgentsGrace + TimeSpan.FromSeconds(1));

        // aftersales tries general first, which has no agent either; general gives its sessions back to the bot.
        await routing.Sessions.WaitFor("s-0", "OnQueueAbandoned");
        await routing.Sessions.WaitFor("s-1", "OnQueueAbandoned");
        Assert.Equal(0, routing.Stats.Snapshot().Queued);
    }

    [Fact]
    public async Task PendingOfferExpiry_SurvivesASiloRestart()
    {
        await using var db = await PostgresTestDatabase.CreateAsync();
        await using var routing = await RoutingCluster.StartAsync(postgres: db.ConnectionString);
        await routing.OnlineAsync("a-1");
        await routing.EnqueueAsync("s-1");
        await routing.Observer.WaitForOffer(RoutingCluster.Connection("a-1"), "s-1");

        await routing.Cluster.RestartAsync();
        // Nothing calls the shard after the restart: its durable reminder wakes it and the offer expires.
        routing.Time.Advance(TimeSpan.FromMinutes(1));

        var agent = routing.Agent("a-1");
        await RoutingCluster.Eventually(async () => (await agent.GetSnapshot()).ExpiredOffersInARow == 1, "offer expired after restart");
        var shard = await routing.Shard(Aftersales, "s-1").GetSnapshot();
        Assert.Equal(1, shard.Waiting);
        Assert.Equal(1, shard.AgentsKnown);
    }
}
