using Conversations.Abstractions;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Tests.Support;

namespace Conversations.Grains.Tests.Sessions;

/// <summary>The agent's side of a session: assignment, replies, transfer, resolution, release.</summary>
public sealed class SessionAgentTests
{
    [Fact]
    public async Task AssignAgent_JoinsTheAgent_AndGivesThemTheSummaryAndHistory()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.PostAndWaitAsync(ScriptedBot.WhereIsMyOrder, EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);

        var assignment = await session.AssignAsync("a-1", "Alice");
        var joined = await session.Observer.WaitForAsync(EventKinds.AgentJoined);
        var snapshot = await session.Grain.GetSnapshot();

        Assert.Equal(session.Id, assignment.SessionId);
        Assert.Equal(HandoffReasons.CustomerRequest, assignment.Summary.Reason);
        Assert.Contains(assignment.History, e => e.Text == ScriptedBot.WhereIsMyOrder);
        Assert.Equal(SenderRoles.System, joined.Sender.Role);
        Assert.Equal("a-1", joined.Data!.Value.GetProperty("agentId").GetString());
        Assert.Equal("Alice", joined.Data!.Value.GetProperty("name").GetString());
        await session.Observer.WaitForAsync(EventKinds.Status, e => e.HasStatus("assigned"));
        Assert.Equal((SessionStatus.Assigned, "a-1"), (snapshot.Status, snapshot.AgentId));
        await domain.Routing.Delivered.WaitForAsync(d => d.AgentId == "a-1" && d.Event.Kind == EventKinds.AgentJoined);
    }

    [Fact]
    public async Task AssignAgent_WithAnOfferMadeToSomeoneElseOrEnded_IsAConflict()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.QueueAsync();
        await session.Grain.OnOffered("a-1", "offer-1");
        await session.Grain.OnOffered("a-2", "offer-2");
        await session.Grain.OnOfferEnded("a-2", "offer-2");

        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.AssignAgent("a-2", "Bob", "offer-1"));
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.AssignAgent("a-2", "Bob", "offer-2"));

        Assert.Equal(SessionStatus.Queued, (await session.Grain.GetSnapshot()).Status);
        await session.Grain.AssignAgent("a-1", "Alice", "offer-1");
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.AssignAgent("a-1", "Alice", "offer-1"));
    }

    [Fact]
    public async Task IsVisibleToAgent_ForOfferedAndAssignedAgentsOnly()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.QueueAsync();

        Assert.False(await session.Grain.IsVisibleToAgent("a-1"));
        await session.Grain.OnOffered("a-1", "offer-1");
        Assert.True(await session.Grain.IsVisibleToAgent("a-1"));
        await session.Grain.OnOfferEnded("a-1", "offer-1");
        Assert.False(await session.Grain.IsVisibleToAgent("a-1"));
        await session.AssignAsync("a-2", "Bob", "offer-2");
        Assert.True(await session.Grain.IsVisibleToAgent("a-2"));
        Assert.False(await session.Grain.IsVisibleToAgent("a-1"));
    }

    [Fact]
    public async Task Messages_FlowBetweenCustomerAndAssignedAgent()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();
        domain.Time.Advance(TimeSpan.FromSeconds(10));

        var reply = await session.Grain.PostAgentMessage("a-1", "am-1", "Hi, I'm Alice. Let me check.");
        var again = await session.Grain.PostAgentMessage("a-1", "am-1", "Hi, I'm Alice. Let me check.");
        var seen = await session.Observer.WaitForAsync(EventKinds.Message, e => e.Seq == reply.Seq);
        var asked = await session.PostAsync("thanks, it's order o-1");
        var relayed = await domain.Routing.Delivered.WaitForAsync(d => d.AgentId == "a-1" && d.Event.Seq == asked.Seq);

        Assert.Equal(new PostResult(reply.Seq, true), again);
        Assert.Equal(new Sender(SenderRoles.Agent, "a-1", "Alice"), seen.Sender);
        Assert.Equal("thanks, it's order o-1", relayed.Event.Text);
        // The bot stays out of a conversation a person has taken.
        Assert.Empty(domain.Bot.Received);
        Assert.NotNull((await session.Grain.GetSnapshot()).Sla.FirstRespondedAt);
        Assert.Equal(10_000, domain.Stats.Snapshot().AvgFirstResponseMs);
    }

    [Fact]
    public async Task Transfer_QueuesInTheNewQueue_AndFreesTheAgent()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();

        var status = await session.Grain.Transfer("a-1", "aftersales:en");
        var left = await session.Observer.WaitForAsync(EventKinds.AgentLeft);
        var ended = await domain.Routing.Ended.WaitForAsync(e => e.AgentId == "a-1");

        Assert.Equal(SessionStatus.Queued, status);
        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal(("aftersales:en", (string?)null), (snapshot.Queue, snapshot.AgentId));
        Assert.Equal("transfer", left.Data!.Value.GetProperty("reason").GetString());
        Assert.Equal(session.Id, ended.SessionId);
        var (shard, entry) = domain.Routing.Enqueued.Items[^1];
        Assert.Equal(domain.ShardOf("aftersales:en", session.Id), shard);
        Assert.Equal(HandoffReasons.Transfer, entry.Summary.Reason);
        await domain.Routing.Delivered.WaitForAsync(d => d.AgentId == "a-1" && d.Event.Kind == EventKinds.AgentLeft);
        await Errors.ExpectAsync(ErrorCodes.Forbidden, () => session.Grain.PostAgentMessage("a-1", "am-9", "still here?"));
    }

    [Fact]
    public async Task Transfer_SummaryForTheNextAgent_ShowsPhoneNumbersGivenToTheFirstMasked()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();
        var asked = await session.PostAsync($"my number is {ScriptedBot.Phone}");
        await domain.Routing.Delivered.WaitForAsync(d => d.AgentId == "a-1" && d.Event.Seq == asked.Seq);

        await session.Grain.Transfer("a-1", "aftersales:en");
        var (_, entry) = domain.Routing.Enqueued.Items[^1];

        Assert.Equal(HandoffReasons.Transfer, entry.Summary.Reason);
        Assert.Contains(entry.Summary.LastMessages, e => e.Text == $"my number is {ScriptedBot.MaskedPhone}");
        Assert.DoesNotContain(entry.Summary.LastMessages, e => e.Text!.Contains(ScriptedBot.Phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transfer_ToAQueueWithoutAgents_IsAConflict_AndTheAgentKeepsIt()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();
        domain.Routing.QueuesWithoutAgents.Add("presales:en");
        var before = await session.Grain.GetSnapshot();

        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.Transfer("a-1", "presales:en"));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => session.Grain.Transfer("a-1", "billing:fr"));
        await Errors.ExpectAsync(ErrorCodes.Forbidden, () => session.Grain.Transfer("a-2", "general:en"));

        SnapshotAssert.Unchanged(before, await session.Grain.GetSnapshot());
    }

    [Fact]
    public async Task Resolve_AsksForCsat_AndEndsTheAgentsPart()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();
        await session.Grain.PostAgentMessage("a-1", "am-1", "Refund issued, it shows in 1-3 days.");
        domain.Time.Advance(TimeSpan.FromMinutes(3));

        var status = await session.Grain.Resolve("a-1", "refund_issued");
        var csat = await session.Observer.WaitForAsync(EventKinds.CsatRequest);
        var ended = await domain.Routing.Ended.WaitForAsync(e => e.AgentId == "a-1");

        Assert.Equal(SessionStatus.Resolved, status);
        Assert.Equal(SenderRoles.System, csat.Sender.Role);
        Assert.Equal(TimeSpan.FromMinutes(3), ended.HandleTime);
        var resolved = await session.Observer.WaitForAsync(EventKinds.Status, e => e.HasStatus("resolved"));
        Assert.Equal("refund_issued", resolved.Data!.Value.GetProperty("resolution").GetString());
        Assert.Equal(180, domain.Stats.Snapshot().AvgHandleSeconds);
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.Resolve("a-1", "again"));
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.PostAgentMessage("a-1", "am-2", "one more thing"));
    }

    [Fact]
    public async Task Rate_IsTakenOnceAfterResolution()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.Rate("c-1", 5, null));
        await session.Grain.Resolve("a-1", "answered");

        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => session.Grain.Rate("c-1", 6, null));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => session.Grain.Rate("c-1", 0, null));
        await session.Grain.Rate("c-1", 4, "quick and kind");
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.Rate("c-1", 5, null));

        var csat = (await session.Grain.GetSnapshot()).Csat!;
        Assert.Equal((4, "quick and kind"), (csat.Score, csat.Comment));
        Assert.Equal(4, domain.Stats.Snapshot().CsatAverage);
    }

    [Fact]
    public async Task Rate_AfterTheCustomerClosed_IsTaken()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.Grain.Close("c-1");

        await session.Grain.Rate("c-1", 5, null);

        Assert.Equal(5, (await session.Grain.GetSnapshot()).Csat!.Score);
    }

    [Fact]
    public async Task Close_DeactivatesTheEndedSession_WhichComesBackForARatingWithItsTranscript()
    {
        await using var domain = await DomainCluster.StartAsync();

        var session = await ClosedAndDeactivatedAsync(domain);

        await session.Grain.Rate("c-1", 4, null);
        var history = await session.Grain.GetHistory(0, 100);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
        Assert.Contains(history, e => e.Kind == EventKinds.Closed);
        Assert.Equal(4, (await session.Grain.GetSnapshot()).Csat!.Score);
        Assert.True((await session.Grain.PostCustomerMessage("c-1", "m-1", "hello")).Duplicate);
    }

    [Fact]
    public async Task Rate_DeactivatesTheSessionItBroughtBack()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await ClosedAndDeactivatedAsync(domain);
        var closed = domain.Cluster.Silo.ActivationCount;

        await session.Grain.Rate("c-1", 5, "quick");

        await DomainCluster.UntilAsync(() => Task.FromResult(domain.Cluster.Silo.ActivationCount == closed), "the rated session to deactivate again");
        Assert.Equal(5, (await session.Grain.GetSnapshot()).Csat!.Score);
    }

    [Fact]
    public async Task ReleaseAgent_PutsTheSessionBackInTheQueueWithPriority()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();

        await session.Grain.ReleaseAgent("a-2", "agent_offline");
        Assert.Equal(SessionStatus.Assigned, (await session.Grain.GetSnapshot()).Status);
        await session.Grain.ReleaseAgent("a-1", "agent_offline");

        var left = await session.Observer.WaitForAsync(EventKinds.AgentLeft);
        Assert.Equal("agent_offline", left.Data!.Value.GetProperty("reason").GetString());
        Assert.Equal(SessionStatus.Queued, (await session.Grain.GetSnapshot()).Status);
        var (_, entry) = domain.Routing.Enqueued.Items[^1];
        Assert.Equal(HandoffReasons.AgentLeft, entry.Summary.Reason);
        Assert.True(entry.PriorityBoost >= 25);
    }

    [Fact]
    public async Task Close_WhileQueued_LeavesTheQueue()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.QueueAsync();

        await session.Grain.Close("c-1");

        var (shard, sessionId, reason) = await domain.Routing.Removed.WaitForAsync(_ => true);
        Assert.Equal((domain.ShardOf("general:en", session.Id), session.Id, "closed"), (shard, sessionId, reason));
        var closed = await session.Observer.WaitForAsync(EventKinds.Closed);
        Assert.Equal("customer", closed.Data!.Value.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Close_WhileAssigned_TellsTheAgent()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();

        await session.Grain.Close("c-1");

        await domain.Routing.Ended.WaitForAsync(e => e.AgentId == "a-1" && e.SessionId == session.Id);
        await domain.Routing.Delivered.WaitForAsync(d => d.AgentId == "a-1" && d.Event.Kind == EventKinds.Closed);
        Assert.Equal(SessionStatus.Closed, (await session.Grain.GetSnapshot()).Status);
    }

    [Fact]
    public async Task CustomerMessage_AfterResolution_ReopensWithTheBot()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();
        await session.Grain.Resolve("a-1", "answered");

        await session.PostAndWaitAsync(ScriptedBot.WhereIsMyOrder, EventKinds.Message, e => e.Text == ScriptedBot.OrderAnswer);

        Assert.Equal(SessionStatus.Bot, (await session.Grain.GetSnapshot()).Status);
        await session.Observer.WaitForAsync(EventKinds.Status, e => e.HasStatus("bot"));
    }

    [Fact]
    public async Task Stats_CountSessionsHandoffsAndContainment()
    {
        await using var domain = await DomainCluster.StartAsync();
        var contained = await domain.StartSessionAsync("c-1");
        var handedOff = await domain.StartSessionAsync("c-2");
        await handedOff.AssignAsync();
        await contained.Grain.Close("c-1");
        await handedOff.Grain.Close("c-2");

        var stats = domain.Stats.Snapshot();

        Assert.Equal((2L, 2L, 0L, 1L), (stats.SessionsStarted, stats.SessionsEnded, stats.ActiveSessions, stats.Handoffs));
        Assert.Equal(0.5, stats.BotContainmentRate);
    }

    /// <summary>A session of customer c-1 with one message, closed, once its activation has gone.</summary>
    private static async Task<TestSession> ClosedAndDeactivatedAsync(DomainCluster domain)
    {
        var session = await domain.StartSessionAsync("c-1");
        await session.Grain.PostCustomerMessage("c-1", "m-1", "hello");
        var before = domain.Cluster.Silo.ActivationCount;
        await session.Grain.Close("c-1");
        await DomainCluster.UntilAsync(() => Task.FromResult(domain.Cluster.Silo.ActivationCount < before), "the ended session to deactivate");
        return session;
    }
}
