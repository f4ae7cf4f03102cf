using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Queues;
using Conversations.Grains.Sla;
using Conversations.Grains.Tests.Support;

namespace Conversations.Grains.Tests.Flows;

/// <summary>
/// What a waiting customer sees, through the real queue: the position and wait as the queue moves, reminders when
/// they write, and the bot taking the conversation back when no agent is left.
/// </summary>
public sealed class WaitingFlowTests
{
    private const string Queue = "general:en";

    [Fact]
    public async Task WaitingCustomer_IsToldTheNewPositionAndWait_AsTheQueueMoves()
    {
        await using var domain = await StartAsync();
        await BusyAgentAsync(domain);
        var ahead = await QueuedAsync(domain, "c-1");
        var waiting = await QueuedAsync(domain, "c-2");

        await ahead.Grain.Close("c-1");

        await waiting.Observer.WaitForAsync(EventKinds.QueuePosition, e => Position(e) == (1, 180));
        Assert.Equal([(2, 360), (1, 180)], waiting.Observer.Events.Items.Where(e => e.Kind == EventKinds.QueuePosition).Select(Position));
        var stored = (await waiting.HistoryAsync()).Where(e => e.Kind == EventKinds.QueuePosition).Select(Position);
        Assert.Equal([(2, 360), (1, 180)], stored);
    }

    [Fact]
    public async Task NewWaitEstimate_WithinThirtySecondsOfTheLastOne_IsNotRepeated()
    {
        await using var domain = await StartAsync();
        await BusyAgentAsync(domain);
        var waiting = await QueuedAsync(domain, "c-1");
        var shard = domain.Shard(Queue, waiting.Id);

        // Measured handle times move the estimate: 180 s to 170 s (too small a change to tell), then to 95 s.
        await shard.RecordHandleTime(TimeSpan.FromSeconds(170));
        await shard.RecordHandleTime(TimeSpan.FromSeconds(20));

        await waiting.Observer.WaitForAsync(EventKinds.QueuePosition, e => Position(e) == (1, 95));
        Assert.Equal([(1, 180), (1, 95)], (await waiting.HistoryAsync()).Where(e => e.Kind == EventKinds.QueuePosition).Select(Position));
    }

    [Fact]
    public async Task CustomerWritingWhileWaiting_IsRemindedOfTheirPlace_AtMostOncePerNoticeInterval()
    {
        await using var domain = await StartAsync();
        await BusyAgentAsync(domain);
        var ahead = await QueuedAsync(domain, "c-1");
        var waiting = await QueuedAsync(domain, "c-2");

        // Just queued, they were told where they stand; a reminder comes once the notice interval has passed.
        domain.Time.Advance(TimeSpan.FromMinutes(2));
        var first = await waiting.PostAsync("hello?");
        var notice = await waiting.Observer.WaitForAsync(EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot && e.Seq > first.Seq);
        await waiting.PostAsync("anyone there?");
        await ahead.Grain.Close("c-1");
        await waiting.Observer.WaitForAsync(EventKinds.QueuePosition, e => Position(e).Position == 1);
        domain.Time.Advance(TimeSpan.FromMinutes(2));
        var third = await waiting.PostAsync("still waiting");
        var later = await waiting.Observer.WaitForAsync(EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot && e.Seq > third.Seq);

        Assert.Contains("position 2, about 6 min", notice.Text, StringComparison.Ordinal);
        Assert.Contains("position 1, about 3 min", later.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await waiting.HistoryAsync()).Count(e => e.Sender.Role == SenderRoles.Bot && e.Kind == EventKinds.Message && e.Seq > first.Seq));
    }

    [Fact]
    public async Task WhenNoAgentIsLeft_TheBotTakesTheWaitingCustomerBack_AndSaysSo()
    {
        await using var domain = await StartAsync();
        var agent = await BusyAgentAsync(domain);
        var waiting = await QueuedAsync(domain, "c-1");

        await agent.GoOffline();
        domain.Time.Advance(QueueGrain.NoAgentsGrace + TimeSpan.FromSeconds(1));

        var back = await waiting.Observer.WaitForAsync(EventKinds.Status, e => e.HasStatus("bot"));
        var told = await waiting.Observer.WaitForAsync(EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot && e.Seq > back.Seq);
        Assert.Equal("no_agents_online", back.Data!.Value.GetProperty("reason").GetString());
        Assert.Contains("no agent is online", told.Text, StringComparison.Ordinal);
        var snapshot = await waiting.Grain.GetSnapshot();
        Assert.Equal((SessionStatus.Bot, (string?)null), (snapshot.Status, snapshot.Queue));
        await waiting.PostAndWaitAsync(ScriptedBot.WhereIsMyOrder, EventKinds.Message, e => e.Text == ScriptedBot.OrderAnswer);
    }

    /// <summary>One shard, so positions are plain; deadlines far off, so no SLA escalation reorders the queue as the clock moves.</summary>
    private static Task<DomainCluster> StartAsync() => RoutingWorld.StartAsync(
        queues => queues.ShardCount = 1,
        sla => sla.Default = new SlaPolicy { FirstResponse = TimeSpan.FromHours(1), NextResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(4) });

    /// <summary>Agent a-1 (general, capacity 1) online and busy with another customer's session.</summary>
    private static async Task<IAgentGrain> BusyAgentAsync(DomainCluster domain)
    {
        var (agent, console) = await domain.OnlineAsync("a-1", ["general"], capacity: 1);
        await domain.AssignedAsync(agent, console, "c-busy");
        return agent;
    }

    private static async Task<TestSession> QueuedAsync(DomainCluster domain, string customerId)
    {
        var session = await domain.StartSessionAsync(customerId);
        Assert.Equal(SessionStatus.Queued, await session.Grain.RequestAgent(customerId, null));
        // Equal priorities are served by waiting time: a second between arrivals keeps their order plain.
        domain.Time.Advance(TimeSpan.FromSeconds(1));
        return session;
    }

    private static (int Position, int EtaSeconds) Position(ConversationEvent e) =>
        (e.Data!.Value.GetProperty("position").GetInt32(), e.Data!.Value.GetProperty("etaSeconds").GetInt32());
}
