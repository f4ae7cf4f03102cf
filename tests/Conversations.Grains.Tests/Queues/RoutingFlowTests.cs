using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Queues;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Tests.Support;

namespace Conversations.Grains.Tests.Queues;

/// <summary>Routing through the real session, customer, queue and agent grains: handoff to offer to assignment and beyond.</summary>
public sealed class RoutingFlowTests
{
    [Fact]
    public async Task Handoff_OfferAccepted_AgentAndCustomerTalkUntilResolved()
    {
        await using var domain = await StartAsync();
        var (agent, console) = await OnlineAsync(domain, "a-1", ["general"]);
        var session = await domain.StartSessionAsync("c-1");

        await session.PostAsync(ScriptedBot.AgentPlease);
        var offer = await console.Offers.WaitForAsync(o => o.SessionId == session.Id);
        Assert.Equal("general:en", offer.Queue);
        Assert.Equal(HandoffReasons.CustomerRequest, offer.Summary.Reason);
        await DomainCluster.UntilAsync(() => session.Grain.IsVisibleToAgent("a-1"), "the offered agent may see the session");

        var assignment = await agent.AcceptOffer(offer.OfferId);

        Assert.Equal(session.Id, assignment.SessionId);
        Assert.Contains(assignment.History, e => e.Text == ScriptedBot.AgentPlease);
        await session.Observer.WaitForAsync(EventKinds.AgentJoined);
        await console.Assigned.WaitForAsync(a => a.SessionId == session.Id);
        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal((SessionStatus.Assigned, "a-1"), (snapshot.Status, snapshot.AgentId));

        await agent.SendMessage(session.Id, "a-m-1", "Hello, I am Li Na. How can I help?");
        await session.Observer.WaitForAsync(EventKinds.Message, e => e.Sender.Role == SenderRoles.Agent);
        await session.PostAsync("my order is late");
        await console.Events.WaitForAsync(e => e.SessionId == session.Id && e.Text == "my order is late");

        domain.Time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(SessionStatus.Resolved, await agent.ResolveSession(session.Id, "order_explained"));
        await session.Observer.WaitForAsync(EventKinds.CsatRequest);
        var agentSnapshot = await agent.GetSnapshot();
        Assert.Empty(agentSnapshot.ActiveSessions);
        Assert.Equal(1, agentSnapshot.ResolvedSessions);
        Assert.Equal(40, agentSnapshot.AverageHandleSeconds);
    }

    [Fact]
    public async Task Handoff_WithNoAgentOnline_LeavesTheSessionWithTheBot()
    {
        await using var domain = await StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        var posted = await session.PostAsync(ScriptedBot.AgentPlease);

        await session.Observer.WaitForAsync(EventKinds.Message, e => e.Seq > posted.Seq && e.Sender.Role == SenderRoles.Bot);
        Assert.Equal(SessionStatus.Bot, (await session.Grain.GetSnapshot()).Status);
        Assert.Equal(0, (await QueueOf(domain, "general:en", session.Id).GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task WaitingPastOverflowAfter_SessionMovesToGeneralAndLearnsItsQueue()
    {
        await using var domain = await StartAsync(o => o.OverflowAfter = TimeSpan.FromSeconds(40));
        var (specialist, specialistConsole) = await OnlineAsync(domain, "complaints-1", ["complaints"], capacity: 1);
        var first = await domain.StartSessionAsync("c-1");
        await first.PostAsync(ScriptedBot.Complain);
        await specialist.AcceptOffer((await specialistConsole.Offers.WaitForAsync(o => o.SessionId == first.Id)).OfferId);
        var (generalist, generalistConsole) = await OnlineAsync(domain, "general-1", ["general"], capacity: 1);
        var second = await domain.StartSessionAsync("c-2");
        await second.PostAsync(ScriptedBot.Complain);
        await DomainCluster.UntilAsync(async () => (await second.Grain.GetSnapshot()).Status == SessionStatus.Queued, "second complaint queued");
        Assert.Equal("complaints:en", (await second.Grain.GetSnapshot()).Queue);

        await StepAsync(domain, TimeSpan.FromSeconds(40), QueueOf(domain, "complaints:en", second.Id));

        var offer = await generalistConsole.Offers.WaitForAsync(o => o.SessionId == second.Id);
        Assert.Equal("general:en", offer.Queue);
        await DomainCluster.UntilAsync(async () => (await second.Grain.GetSnapshot()).Queue == "general:en", "the session learnt its new queue");
        await generalist.AcceptOffer(offer.OfferId);
        Assert.Equal("general-1", (await second.Grain.GetSnapshot()).AgentId);
    }

    [Fact]
    public async Task AgentGoingOffline_SessionGoesBackToTheQueueAndTheNextAgentTakesIt()
    {
        await using var domain = await StartAsync();
        var (leaving, leavingConsole) = await OnlineAsync(domain, "a-1", ["general"]);
        var session = await domain.StartSessionAsync("c-1");
        await session.PostAsync(ScriptedBot.AgentPlease);
        await leaving.AcceptOffer((await leavingConsole.Offers.WaitForAsync(o => o.SessionId == session.Id)).OfferId);
        var (staying, stayingConsole) = await OnlineAsync(domain, "a-2", ["general"]);

        await leaving.GoOffline();

        var offer = await stayingConsole.Offers.WaitForAsync(o => o.SessionId == session.Id);
        Assert.Equal(HandoffReasons.AgentLeft, offer.Summary.Reason);
        await staying.AcceptOffer(offer.OfferId);
        await session.Observer.WaitForAsync(EventKinds.AgentLeft);
        await session.Observer.WaitForAsync(EventKinds.AgentJoined, e => e.Data?.GetProperty("agentId").GetString() == "a-2");
        Assert.Equal("a-2", (await session.Grain.GetSnapshot()).AgentId);
        Assert.Equal(AgentStatus.Offline, (await leaving.GetSnapshot()).Status);
    }

    [Fact]
    public async Task TransferSession_GoesToTheOtherQueuesAgent()
    {
        await using var domain = await StartAsync();
        var (first, firstConsole) = await OnlineAsync(domain, "a-1", ["general"]);
        var (second, secondConsole) = await OnlineAsync(domain, "a-2", ["aftersales"]);
        var session = await domain.StartSessionAsync("c-1");
        await session.PostAsync(ScriptedBot.AgentPlease);
        await first.AcceptOffer((await firstConsole.Offers.WaitForAsync(o => o.SessionId == session.Id)).OfferId);

        Assert.Equal(SessionStatus.Queued, await first.TransferSession(session.Id, "aftersales:en"));

        var offer = await secondConsole.Offers.WaitForAsync(o => o.SessionId == session.Id);
        Assert.Equal(("aftersales:en", HandoffReasons.Transfer), (offer.Queue, offer.Summary.Reason));
        Assert.Empty((await first.GetSnapshot()).ActiveSessions);
        await second.AcceptOffer(offer.OfferId);
        Assert.Equal("a-2", (await session.Grain.GetSnapshot()).AgentId);
    }

    [Fact]
    public async Task ExpiredOffer_EndsTheFirstAgentsViewAndGoesToTheNext()
    {
        await using var domain = await StartAsync();
        var (_, firstConsole) = await OnlineAsync(domain, "a-1", ["general"]);
        domain.Time.Advance(TimeSpan.FromSeconds(1));
        var (_, secondConsole) = await OnlineAsync(domain, "a-2", ["general"]);
        var session = await domain.StartSessionAsync("c-1");
        await session.PostAsync(ScriptedBot.AgentPlease);
        var offer = await firstConsole.Offers.WaitForAsync(o => o.SessionId == session.Id);

        await StepAsync(domain, TimeSpan.FromSeconds(20), QueueOf(domain, "general:en", session.Id));

        await firstConsole.Revoked.WaitForAsync(r => r.OfferId == offer.OfferId);
        await secondConsole.Offers.WaitForAsync(o => o.SessionId == session.Id);
        await DomainCluster.UntilAsync(async () => !await session.Grain.IsVisibleToAgent("a-1"), "the first agent no longer sees the session");
        Assert.True(await session.Grain.IsVisibleToAgent("a-2"));
    }

    private static Task<DomainCluster> StartAsync(Action<QueueOptions>? queues = null)
    {
        return DomainCluster.StartAsync(new DomainClusterSetup { RealRouting = true, Queues = queues });
    }

    private static async Task<(IAgentGrain Agent, TestObserver Console)> OnlineAsync(DomainCluster domain, string agentId, string[] skills, int capacity = 2)
    {
        var console = new TestObserver();
        var agent = domain.Grains.GetGrain<IAgentGrain>(agentId);
        await agent.Connect(new Subscriber(domain.Grains.CreateObjectReference<IConversationObserver>(console), $"console-{agentId}"));
        await agent.GoOnline(new AgentPresence(skills, ["en"], capacity));
        return (agent, console);
    }

    private static IQueueGrain QueueOf(DomainCluster domain, string queue, string sessionId) =>
        domain.Grains.GetGrain<IQueueGrain>(domain.ShardOf(queue, sessionId));

    /// <summary>Moves the clock a second at a time, letting the shard finish each second's work before the next.</summary>
    private static async Task StepAsync(DomainCluster domain, TimeSpan by, IQueueGrain shard)
    {
        for (var moved = TimeSpan.Zero; moved < by; moved += TimeSpan.FromSeconds(1))
        {
            domain.Time.Advance(TimeSpan.FromSeconds(1));
            await shard.GetSnapshot();
        }
    }
}
