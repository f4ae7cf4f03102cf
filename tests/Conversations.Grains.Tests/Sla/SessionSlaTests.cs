using Conversations.Abstractions.Sessions;
using Conversations.Grains.Sla;
using Conversations.Grains.Tests.Support;

namespace Conversations.Grains.Tests.Sla;

/// <summary>SLA clocks of a session on the fake clock: warnings, breaches, escalation and reclaim.</summary>
public sealed class SessionSlaTests
{
    [Fact]
    public async Task WhileQueued_WarningRaisesPriority_AndBreachIsRecordedAndEscalated()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.QueueAsync();
        var start = domain.Time.GetUtcNow();

        domain.Time.Advance(TimeSpan.FromSeconds(48));
        var warning = await domain.Routing.Escalated.WaitForAsync(e => e.SessionId == session.Id);
        Assert.Equal(10, warning.Boost);
        Assert.DoesNotContain(await session.HistoryAsync(), e => e.Kind == EventKinds.SlaBreach);

        domain.Time.Advance(TimeSpan.FromSeconds(12));
        var breach = await session.Observer.WaitForAsync(EventKinds.SlaBreach);
        var escalation = await domain.Routing.Escalated.WaitForAsync(e => e.Boost == 30);

        Assert.Equal(SenderRoles.System, breach.Sender.Role);
        Assert.Equal(SlaClocks.FirstResponse, breach.Data!.Value.GetProperty("clock").GetString());
        Assert.Equal(start.AddSeconds(60), breach.Data!.Value.GetProperty("due").GetDateTimeOffset());
        Assert.Equal(domain.ShardOf("general:en", session.Id), escalation.Shard);
        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal([SlaClocks.FirstResponse], snapshot.Sla.Breaches);
        Assert.Null(snapshot.Sla.FirstResponseDue);
        Assert.Equal(SessionStatus.Queued, snapshot.Status);
        Assert.Equal(1, domain.Stats.Snapshot().SlaBreaches);
        Assert.Contains(await session.HistoryAsync(), e => e.Kind == EventKinds.SlaBreach);
    }

    [Fact]
    public async Task VipPolicy_IsStricter()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-vip", "vip");
        await session.QueueAsync();

        var snapshot = await session.Grain.GetSnapshot();

        Assert.Equal(domain.Time.GetUtcNow().AddSeconds(30), snapshot.Sla.FirstResponseDue);
        Assert.Equal(domain.Time.GetUtcNow().AddMinutes(20), snapshot.Sla.ResolutionDue);
    }

    [Fact]
    public async Task AgentWhoStopsAnswering_IsWarned_ThenTheSessionIsReclaimed()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync("a-1", "Alice");
        await session.Grain.PostAgentMessage("a-1", "am-1", "Hello, how can I help?");
        var boostBefore = domain.Routing.Enqueued.Items[^1].Entry.PriorityBoost;
        await session.PostAsync("my refund has not arrived");
        var clock = await session.Grain.GetSnapshot();
        Assert.Equal(domain.Time.GetUtcNow().AddSeconds(120), clock.Sla.NextResponseDue);

        domain.Time.Advance(TimeSpan.FromSeconds(96));
        var warning = await domain.Routing.Delivered.WaitForAsync(d => d.Event.Kind == EventKinds.SlaWarning);
        Assert.Equal("a-1", warning.AgentId);
        Assert.Equal(0, warning.Event.Seq);
        Assert.Equal(SlaClocks.NextResponse, warning.Event.Data!.Value.GetProperty("clock").GetString());
        Assert.DoesNotContain(session.Observer.Events.Items, e => e.Kind == EventKinds.SlaWarning);

        domain.Time.Advance(TimeSpan.FromSeconds(24));
        var breach = await session.Observer.WaitForAsync(EventKinds.SlaBreach);
        var left = await session.Observer.WaitForAsync(EventKinds.AgentLeft);
        var ended = await domain.Routing.Ended.WaitForAsync(e => e.AgentId == "a-1");
        var requeued = await domain.Routing.Enqueued.WaitForAsync(e => e.Entry.Summary.Reason == HandoffReasons.SlaEscalation);

        Assert.Equal(SlaClocks.NextResponse, breach.Data!.Value.GetProperty("clock").GetString());
        Assert.Equal(session.Id, ended.SessionId);
        Assert.True(left.Seq > breach.Seq);
        Assert.Equal(boostBefore + 40, requeued.Entry.PriorityBoost);
        Assert.True(requeued.Entry.SlaAtRisk);
        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal((SessionStatus.Queued, (string?)null), (snapshot.Status, snapshot.AgentId));
        await Assert.ThrowsAsync<Abstractions.ConversationException>(() => session.Grain.PostAgentMessage("a-1", "am-2", "sorry, I'm back"));
    }

    [Fact]
    public async Task AgentWhoNeverAnswersAfterAccepting_LosesTheSession()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync("a-1", "Alice");

        domain.Time.Advance(TimeSpan.FromSeconds(60));

        await domain.Routing.Ended.WaitForAsync(e => e.AgentId == "a-1");
        var breach = await session.Observer.WaitForAsync(EventKinds.SlaBreach);
        Assert.Equal(SlaClocks.FirstResponse, breach.Data!.Value.GetProperty("clock").GetString());
        await DomainCluster.UntilAsync(async () => (await session.Grain.GetSnapshot()).Status == SessionStatus.Queued, "the session is queued again");
    }

    [Fact]
    public async Task ResolutionBreach_WhileTheCustomerWaitsForTheAgent_TakesTheSessionBackWithPriority()
    {
        await using var domain = await DomainCluster.StartAsync(new DomainClusterSetup { Sla = SlowAnswersQuickResolution });
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync("a-1", "Alice");
        await session.Grain.PostAgentMessage("a-1", "am-1", "Hello, how can I help?");
        var boostBefore = domain.Routing.Enqueued.Items[^1].Entry.PriorityBoost;
        domain.Time.Advance(TimeSpan.FromMinutes(1));
        await session.PostAsync("so where is my refund?");
        await DomainCluster.UntilAsync(async () => (await session.Grain.GetSnapshot()).Sla.NextResponseDue is not null, "the customer waits for an answer");

        domain.Time.Advance(TimeSpan.FromMinutes(4));

        var breach = await session.Observer.WaitForAsync(EventKinds.SlaBreach);
        var requeued = await domain.Routing.Enqueued.WaitForAsync(e => e.Entry.Summary.Reason == HandoffReasons.SlaEscalation);
        Assert.Equal(SlaClocks.Resolution, breach.Data!.Value.GetProperty("clock").GetString());
        Assert.Equal(session.Id, (await domain.Routing.Ended.WaitForAsync(e => e.AgentId == "a-1")).SessionId);
        Assert.Equal((boostBefore + 40, true, "a-1"), (requeued.Entry.PriorityBoost, requeued.Entry.SlaAtRisk, requeued.Entry.AvoidAgentId));
        Assert.Contains("not resolved within the SLA", requeued.Entry.Summary.Note, StringComparison.Ordinal);
        Assert.Equal((SessionStatus.Queued, (string?)null), await StatusAndAgentAsync(session));
    }

    [Fact]
    public async Task ResolutionBreach_WhileTheAgentIsAnswering_KeepsTheAgent_AndRaisesThePriorityOfAnyRequeue()
    {
        await using var domain = await DomainCluster.StartAsync(new DomainClusterSetup { Sla = SlowAnswersQuickResolution });
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync("a-1", "Alice");
        await session.PostAsync("my refund?");
        await session.Grain.PostAgentMessage("a-1", "am-1", "It was sent yesterday; let me find the bank reference.");
        var boostBefore = domain.Routing.Enqueued.Items[^1].Entry.PriorityBoost;

        domain.Time.Advance(TimeSpan.FromMinutes(5));

        var breach = await session.Observer.WaitForAsync(EventKinds.SlaBreach);
        var toAgent = await domain.Routing.Delivered.WaitForAsync(d => d.Event.Kind == EventKinds.SlaBreach);
        Assert.Equal(SlaClocks.Resolution, breach.Data!.Value.GetProperty("clock").GetString());
        Assert.Equal(("a-1", breach.Seq), (toAgent.AgentId, toAgent.Event.Seq));
        Assert.Equal((SessionStatus.Assigned, "a-1"), await StatusAndAgentAsync(session));
        Assert.Empty(domain.Routing.Ended.Items);
        Assert.Equal([SlaClocks.Resolution], (await session.Grain.GetSnapshot()).Sla.Breaches);

        // Escalated all the same: handed on, it goes ahead of where it would have.
        await session.Grain.Transfer("a-1", "aftersales:en");
        Assert.Equal(boostBefore + 30, domain.Routing.Enqueued.Items[^1].Entry.PriorityBoost);
    }

    [Fact]
    public async Task AgentAnswering_StopsTheClocks_SoNothingBreaches()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();
        await session.Grain.PostAgentMessage("a-1", "am-1", "Hello!");
        await session.PostAsync("hi");
        domain.Time.Advance(TimeSpan.FromSeconds(90));
        await session.Grain.PostAgentMessage("a-1", "am-2", "Here is your answer.");

        domain.Time.Advance(TimeSpan.FromMinutes(5));
        var snapshot = await session.Grain.GetSnapshot();

        Assert.Empty(snapshot.Sla.Breaches);
        Assert.Null(snapshot.Sla.NextResponseDue);
        Assert.Equal(SessionStatus.Assigned, snapshot.Status);
        Assert.Equal(0, domain.Stats.Snapshot().SlaBreaches);
    }

    [Fact]
    public async Task ConfiguredQueuePolicy_WinsOverTierDefaults()
    {
        await using var domain = await DomainCluster.StartAsync(new DomainClusterSetup
        {
            Sla = o => o.Policies.Add(new SlaPolicy { Queue = "complaints", FirstResponse = TimeSpan.FromSeconds(15), NextResponse = TimeSpan.FromSeconds(30), Resolution = TimeSpan.FromMinutes(60) }),
        });
        var session = await domain.StartSessionAsync("c-1", "vip");

        await session.PostAndWaitAsync(ScriptedBot.Complain, EventKinds.Status);

        Assert.Equal(domain.Time.GetUtcNow().AddSeconds(15), (await session.Grain.GetSnapshot()).Sla.FirstResponseDue);
    }

    /// <summary>Answers owed within 20 minutes, a resolution within 5: the resolution deadline comes first.</summary>
    private static void SlowAnswersQuickResolution(SlaOptions options) =>
        options.Default = new SlaPolicy { FirstResponse = TimeSpan.FromMinutes(20), NextResponse = TimeSpan.FromMinutes(20), Resolution = TimeSpan.FromMinutes(5) };

    private static async Task<(SessionStatus, string?)> StatusAndAgentAsync(TestSession session)
    {
        var snapshot = await session.Grain.GetSnapshot();
        return (snapshot.Status, snapshot.AgentId);
    }
}
