using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Sla;
using Conversations.Grains.Tests.Support;

namespace Conversations.Grains.Tests.Flows;

/// <summary>Whole conversations through the real session, customer, queue and agent grains on a fake clock.</summary>
public sealed class ConversationFlowTests
{
    [Fact]
    public async Task BotThenAgent_OfferAcceptReplyResolveRate_ThenANewSession()
    {
        await using var domain = await RoutingWorld.StartAsync();
        var (agent, console) = await domain.OnlineAsync("a-1", ["general", "aftersales"], name: "Li Na");
        var session = await domain.StartSessionAsync("c-1", orderId: "o-1");

        await session.PostAndWaitAsync(ScriptedBot.WhereIsMyOrder, EventKinds.Message, e => e.Text == ScriptedBot.OrderAnswer);
        await session.PostAsync(ScriptedBot.AgentPlease);
        var offer = await console.Offers.WaitForAsync(o => o.SessionId == session.Id);
        domain.Time.Advance(TimeSpan.FromSeconds(5));
        var assignment = await agent.AcceptOffer(offer.OfferId);
        var joined = await session.Observer.WaitForAsync(EventKinds.AgentJoined);
        domain.Time.Advance(TimeSpan.FromSeconds(10));
        var reply = await agent.SendMessage(session.Id, "am-1", "Hi, Li Na here. Your parcel is at the local depot.");
        await session.Observer.WaitForAsync(EventKinds.Message, e => e.Seq == reply.Seq && e.Sender.Role == SenderRoles.Agent);
        var question = await session.PostAsync("when will it arrive?");
        await console.Events.WaitForAsync(e => e.SessionId == session.Id && e.Seq == question.Seq);
        await agent.SendMessage(session.Id, "am-2", "Tomorrow before noon.");
        domain.Time.Advance(TimeSpan.FromSeconds(45));
        var resolved = await agent.ResolveSession(session.Id, "delivery_explained");
        await session.Observer.WaitForAsync(EventKinds.CsatRequest);
        await session.Grain.Rate("c-1", 5, "fast");
        var next = await domain.Grains.GetGrain<ICustomerGrain>("c-1").StartSession("web", "en", null);

        // The bot asked for the general queue; the summary still tells what the customer was on about.
        Assert.Equal("general:en", offer.Queue);
        Assert.Equal("order_status", offer.Summary.Intent);
        Assert.Equal("o-1", offer.Summary.OrderId);
        Assert.Contains(assignment.History, e => e.Text == ScriptedBot.WhereIsMyOrder);
        Assert.Equal("Li Na", joined.Data!.Value.GetProperty("name").GetString());
        Assert.Equal(SessionStatus.Resolved, resolved);
        Assert.NotEqual(session.Id, next.SessionId);
        var stats = domain.Stats.Snapshot();
        Assert.Equal((1L, 15_000d, 55d, 5d), (stats.Handoffs, stats.AvgFirstResponseMs, stats.AvgHandleSeconds, stats.CsatAverage));
        var history = await session.HistoryAsync();
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
        Assert.Empty((await agent.GetSnapshot()).ActiveSessions);
    }

    [Fact]
    public async Task AgentWhoStopsAnswering_LosesTheSessionToAnotherAgent()
    {
        await using var domain = await RoutingWorld.StartAsync();
        var (first, firstConsole) = await domain.OnlineAsync("a-1", ["general"], name: "Alice");
        var session = await domain.StartSessionAsync("c-1");
        await session.Grain.RequestAgent("c-1", null);
        var offer = await firstConsole.Offers.WaitForAsync(o => o.SessionId == session.Id);
        await first.AcceptOffer(offer.OfferId);
        await first.SendMessage(session.Id, "am-1", "Hello!");
        var (_, secondConsole) = await domain.OnlineAsync("a-2", ["general"], name: "Bob");
        await session.PostAsync("hello? my refund?");
        await DomainCluster.UntilAsync(async () => (await session.Grain.GetSnapshot()).Sla.NextResponseDue is not null, "the next-response clock runs");

        domain.Time.Advance(TimeSpan.FromSeconds(96));
        var warning = await firstConsole.Events.WaitForAsync(e => e.Kind == EventKinds.SlaWarning);
        domain.Time.Advance(TimeSpan.FromSeconds(24));
        await session.Observer.WaitForAsync(EventKinds.SlaBreach);
        var reoffer = await secondConsole.Offers.WaitForAsync(o => o.SessionId == session.Id);

        Assert.Equal(SlaClocks.NextResponse, warning.Data!.Value.GetProperty("clock").GetString());
        Assert.Equal(HandoffReasons.SlaEscalation, reoffer.Summary.Reason);
        await DomainCluster.UntilAsync(async () => (await first.GetSnapshot()).ActiveSessions.Count == 0, "the silent agent no longer holds the session");
        await domain.Grains.GetGrain<IAgentGrain>("a-2").AcceptOffer(reoffer.OfferId);
        Assert.Equal(("a-2", SessionStatus.Assigned), ((await session.Grain.GetSnapshot()).AgentId, (await session.Grain.GetSnapshot()).Status));
        await Errors.ExpectAsync(ErrorCodes.Forbidden, () => session.Grain.PostAgentMessage("a-1", "am-2", "sorry, I was away"));
    }

    [Fact]
    public async Task Transfer_GoesToAnAgentOfTheOtherQueue()
    {
        await using var domain = await RoutingWorld.StartAsync();
        var (generalist, generalConsole) = await domain.OnlineAsync("a-general", ["general"]);
        var (specialist, specialistConsole) = await domain.OnlineAsync("a-after", ["aftersales"]);
        var session = await domain.StartSessionAsync("c-1");
        await session.Grain.RequestAgent("c-1", null);
        await generalist.AcceptOffer((await generalConsole.Offers.WaitForAsync(o => o.SessionId == session.Id)).OfferId);

        var status = await generalist.TransferSession(session.Id, "aftersales:en");
        var offer = await specialistConsole.Offers.WaitForAsync(o => o.SessionId == session.Id);
        await specialist.AcceptOffer(offer.OfferId);

        Assert.Equal(SessionStatus.Queued, status);
        Assert.Equal(HandoffReasons.Transfer, offer.Summary.Reason);
        await session.Observer.WaitForAsync(EventKinds.AgentLeft);
        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal(("a-after", "aftersales:en"), (snapshot.AgentId, snapshot.Queue));
        Assert.Empty((await generalist.GetSnapshot()).ActiveSessions);
    }

    [Fact]
    public async Task AgentHandleTimeFigures_CountWhatTheSessionsCount_NotTransfersOrSessionsTakenBack()
    {
        await using var domain = await RoutingWorld.StartAsync();
        var (agent, console) = await domain.OnlineAsync("a-1", ["general"], capacity: 3);
        var (specialist, specialistConsole) = await domain.OnlineAsync("a-2", ["aftersales"]);

        // Resolved after 90 s: handled.
        var resolved = await domain.AssignedAsync(agent, console, "c-1");
        await agent.SendMessage(resolved.Id, "am-1", "Let me check.");
        domain.Time.Advance(TimeSpan.FromSeconds(90));
        await agent.ResolveSession(resolved.Id, "answered");

        // Transferred after 30 s: passed on, not handled here.
        var transferred = await domain.AssignedAsync(agent, console, "c-2");
        await agent.SendMessage(transferred.Id, "am-2", "One moment, a colleague takes over.");
        domain.Time.Advance(TimeSpan.FromSeconds(30));
        await agent.TransferSession(transferred.Id, "aftersales:en");
        await specialist.AcceptOffer((await specialistConsole.Offers.WaitForAsync(o => o.SessionId == transferred.Id)).OfferId);

        // Never answered: taken back at the first-response breach, not handled either.
        var reclaimed = await domain.AssignedAsync(agent, console, "c-3");
        domain.Time.Advance(TimeSpan.FromSeconds(60));
        await reclaimed.Observer.WaitForAsync(EventKinds.AgentLeft);
        await DomainCluster.UntilAsync(async () => !(await agent.GetSnapshot()).ActiveSessions.Contains(reclaimed.Id), "the silent agent lost the session");

        var figures = await agent.GetSnapshot();
        var stats = domain.Stats.Snapshot();
        Assert.Equal((1, 90d), (figures.ResolvedSessions, figures.AverageHandleSeconds));
        Assert.Equal(90d, stats.AvgHandleSeconds);
    }

    [Fact]
    public async Task AgentGoingOffline_HandsTheSessionToAnother()
    {
        await using var domain = await RoutingWorld.StartAsync();
        var (leaving, leavingConsole) = await domain.OnlineAsync("a-1", ["complaints"]);
        var session = await domain.StartSessionAsync("c-1");
        await session.PostAsync(ScriptedBot.Complain);
        await leaving.AcceptOffer((await leavingConsole.Offers.WaitForAsync(o => o.SessionId == session.Id)).OfferId);
        var (_, stayingConsole) = await domain.OnlineAsync("a-2", ["complaints"]);

        await leaving.GoOffline();

        var offer = await stayingConsole.Offers.WaitForAsync(o => o.SessionId == session.Id);
        Assert.Equal(HandoffReasons.AgentLeft, offer.Summary.Reason);
        var left = await session.Observer.WaitForAsync(EventKinds.AgentLeft);
        Assert.Equal("agent_offline", left.Data!.Value.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RepeatContact_ShowsTheAgentTheEarlierConversation_WhichTheAgentMayRead()
    {
        await using var domain = await RoutingWorld.StartAsync();
        var (agent, console) = await domain.OnlineAsync("a-1", ["general", "aftersales"]);
        var (other, _) = await domain.OnlineAsync("a-2", ["presales"]);
        var earlier = await domain.StartSessionAsync("c-1", CustomerTiers.Vip, orderId: "o-9");
        await earlier.PostAndWaitAsync(ScriptedBot.WhereIsMyOrder, EventKinds.Message, e => e.Text == ScriptedBot.OrderAnswer);
        await earlier.Grain.Close("c-1");
        domain.Time.Advance(TimeSpan.FromHours(2));
        var again = await domain.StartSessionAsync("c-1", CustomerTiers.Vip, orderId: "o-9");

        await again.PostAsync(ScriptedBot.BrokenParcel);
        var offer = await console.Offers.WaitForAsync(o => o.SessionId == again.Id);

        Assert.Equal(HandoffReasons.VipComplexIssue, offer.Summary.Reason);
        Assert.Equal(earlier.Id, offer.Summary.PreviousSessionId);
        Assert.Contains("o-9", offer.Summary.Note, StringComparison.Ordinal);
        // What the hub's GetHistory and GET /api/sessions/{id}/events ask before reading a session for an agent.
        Assert.True(await agent.CanSee(earlier.Id));
        Assert.False(await other.CanSee(earlier.Id));
        await agent.AcceptOffer(offer.OfferId);
        Assert.True(await agent.CanSee(earlier.Id));
        Assert.Contains(await earlier.Grain.GetHistory(0, 100), e => e.Text == ScriptedBot.OrderAnswer);
        await agent.ResolveSession(again.Id, "reshipped");
        Assert.False(await agent.CanSee(earlier.Id));
    }

    [Fact]
    public async Task CustomerWaitingTooLong_AbandonsAndLeavesTheQueue()
    {
        await using var domain = await RoutingWorld.StartAsync();
        var (busy, console) = await domain.OnlineAsync("a-1", ["general"], capacity: 1);
        var first = await domain.StartSessionAsync("c-1");
        await first.Grain.RequestAgent("c-1", null);
        var firstOffer = await console.Offers.WaitForAsync(o => o.SessionId == first.Id);
        await busy.AcceptOffer(firstOffer.OfferId);
        await busy.SendMessage(first.Id, "am-1", "Hello");
        var waiting = await domain.StartSessionAsync("c-2");
        Assert.Equal(SessionStatus.Queued, await waiting.Grain.RequestAgent("c-2", null));

        for (var minute = 0; minute < 30; minute++)
        {
            domain.Time.Advance(TimeSpan.FromMinutes(1));
            await domain.Shard("general:en", waiting.Id).GetSnapshot();
            await waiting.Grain.IsVisibleToAgent("nobody");
        }

        await waiting.Observer.WaitForAsync(EventKinds.Closed, e => e.Data!.Value.GetProperty("status").GetString() == "abandoned");
        await DomainCluster.UntilAsync(async () => (await domain.Shard("general:en", waiting.Id).GetSnapshot()).Waiting == 0, "the abandoned session left its queue");
    }
}
